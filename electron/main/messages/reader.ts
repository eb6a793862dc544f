import type { MessageStatusCode } from '../../../shared/domain';
import type { Db } from '../db';
import { exportMessagesCsv } from './export';
import type { MessagePageInput } from './filter';
import { listMessages } from './query';
import type { ReaderAnswers, ReaderRequest } from './reader-protocol';
import { startMirrorThread } from './thread';
import type { MirrorThread } from './thread';

// The Messages screen's reads (pages, counts, text search, exports) run off the thread that answers the
// window: on a reader thread with its own read-only connection when the mirror is a file (the app, the
// bench), inline when it is in memory (tests) or the thread cannot start. Same functions either way, so
// the answers are the same.

export interface HistoryReader {
  /** Answers on the reader thread; `'thread'` or `'inline'` (tests and the bench say which they measured). */
  readonly mode: 'thread' | 'inline';
  list(input: MessagePageInput): Promise<ReaderAnswers['list']>;
  exportCsv(request: Omit<Extract<ReaderRequest, { op: 'export' }>, 'op'>): Promise<ReaderAnswers['export']>;
  close(): Promise<void>;
}

/** A page is a few ms; past this the reader is stuck, and the caller gets an error instead of a wait. */
const LIST_DEADLINE_MS = 30_000;
/** What the reader thread's heap may hold: pages of at most a few thousand rows. */
const READER_HEAP_MB = 96;

function inlineReader(db: Db): HistoryReader {
  return {
    mode: 'inline',
    list: async (input) => listMessages(db, input),
    exportCsv: async (request) => {
      const { rows } = await exportMessagesCsv(request.path, {
        db,
        ...(request.filter ? { filter: request.filter } : {}),
        ...(request.sort ? { sort: request.sort } : {}),
        timeZone: request.timeZone,
        statusName: (code: MessageStatusCode) => request.statusNames[code] ?? String(code),
      });
      return { rows };
    },
    close: async () => {},
  };
}

function threadReader(db: Db, thread: MirrorThread): HistoryReader {
  const fallback = inlineReader(db);
  return {
    mode: 'thread',
    // A thread that died fails what it owed; later reads run inline.
    list: (input) => (thread.running ? thread.ask({ op: 'list', input }, LIST_DEADLINE_MS) : fallback.list(input)),
    exportCsv: (request) => (thread.running ? thread.ask({ op: 'export', ...request }, null) : fallback.exportCsv(request)),
    close: () => thread.close(),
  };
}

/** A reader for this connection's mirror: its own thread when the mirror is a file, else inline. */
export function openHistoryReader(db: Db, options: { thread?: boolean } = {}): HistoryReader {
  // A bounded heap: an export of a million rows makes ~140 MB of strings that live one page each, and an
  // unbounded thread let them pile up before collecting (the 1M bench's peak RSS, reached in the export).
  const thread = options.thread === false ? null : startMirrorThread(db, { heapMb: READER_HEAP_MB });
  return thread ? threadReader(db, thread) : inlineReader(db);
}
