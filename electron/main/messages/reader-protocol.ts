import type { MessageStatusCode } from '../../../shared/domain';
import type { MessageFilter, MessagePageInput, MessageSort } from './filter';
import type { MessagePage } from './query';

// What the window's history reads ask of the reader thread (reader-worker.ts), and what it answers.
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

export type ReaderReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string } };
