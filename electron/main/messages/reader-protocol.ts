import type { MessageStatusCode } from '../../../shared/domain';
import type { MessageFilter, MessagePageInput, MessageSort } from './filter';
import type { MessagePage } from './query';
import type { Message } from '../../../shared/domain';
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

/** Commits what the writes left open (they share a transaction while they keep coming: mirror-writer.ts). */
interface FlushRequest {
  op: 'flush';
}

/**
 * A first sync into an empty mirror: commits, then drops the indexes built at its end ('build'; indexes.ts).
 * 'build' answers how many it built.
 */
type IndexesRequest = { op: 'defer-indexes' } | { op: 'build-indexes' };

export type MirrorRequest = ReaderRequest | WriteRequest | FlushRequest | IndexesRequest;
export type MirrorAnswers = ReaderAnswers & { write: UpsertResult; flush: null; 'defer-indexes': null; 'build-indexes': number };

export type MirrorReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string; code?: string } };
