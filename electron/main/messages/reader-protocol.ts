import type { MessageStatusCode } from '../../../shared/domain';
import type { MessageFilter, MessagePageInput, MessageSort } from './filter';
import type { MessagePage } from './query';
import type { Message } from '../../../shared/domain';
import type { GatewayErrorDetails, GatewayErrorKind, GatewayThreadAccess, MessageQuery } from '../gateway';
import type { UpsertResult } from './store';
import type { RecordedWindow } from './windows';

// What the window's history reads, and a big sync's writes, ask of the mirror's thread (reader-worker.ts),
// and what it answers.
// Plain data only: it crosses threads by structured clone.

export type ReaderRequest =
  | { op: 'list'; input: MessagePageInput }
  | {
      op: 'export';
      path: string;
      filter?: MessageFilter;
      sort?: MessageSort;
      timeZone: string;
      /** The status names in the user's language (a function cannot cross threads). */
      statusNames: Partial<Record<MessageStatusCode, string>>;
    };

export interface ReaderAnswers {
  list: MessagePage;
  export: { rows: number };
}

/** Rows written on the thread's own connection, with their window once it is complete. */
interface WriteRequest {
  op: 'write';
  messages: Message[];
  now: number;
  maxChanges: number;
  window: RecordedWindow | null;
}

/**
 * A big sync's window read by the thread itself (getallsms on a client of its own, made from `gateway`) and
 * written as 'write' would: the reply never reaches the window's thread (its parse and its garbage were most
 * of that thread's work and memory in a sync). `window.count` is the reply's.
 */
interface ReadRequest {
  op: 'read';
  /** The sync it is part of (abort-reads ends one sync's reads). */
  sync: number;
  gateway: GatewayThreadAccess['options'];
  /** The window's thread's token now (null: signed out, the read fails as the client's would). */
  token: string | null;
  query: MessageQuery;
  now: number;
  maxChanges: number;
  window: RecordedWindow;
}

/** Ends a sync's reads in flight (it was cancelled or failed): they fail as cancelled. */
interface AbortReadsRequest {
  op: 'abort-reads';
  sync: number;
}

/** Commits what the writes left open (they share a transaction while they keep coming: mirror-writer.ts). */
interface FlushRequest {
  op: 'flush';
}

/**
 * A first sync into an empty mirror: commits, then drops the indexes built at its end ('build'; indexes.ts).
 * 'build' answers how many it built.
 */
type IndexesRequest = { op: 'defer-indexes' } | { op: 'build-indexes' };

export type MirrorRequest = ReaderRequest | WriteRequest | ReadRequest | AbortReadsRequest | FlushRequest | IndexesRequest;
export type MirrorAnswers = ReaderAnswers & {
  write: UpsertResult;
  /** `logs`: what the thread's client logged since its last answer (the window's thread logs them). */
  read: UpsertResult & { count: number; logs: string[] };
  'abort-reads': null;
  flush: null;
  'defer-indexes': null;
  'build-indexes': number;
};

export type MirrorReply =
  | { id: number; ok: true; value: unknown }
  | {
      id: number;
      ok: false;
      /** `gateway`: a GatewayError's kind and details, made again on the other side (gateway/errors.ts). */
      error: { name: string; message: string; code?: string; gateway?: MirrorGatewayError };
    };

export interface MirrorGatewayError {
  kind: GatewayErrorKind;
  details: GatewayErrorDetails;
}
