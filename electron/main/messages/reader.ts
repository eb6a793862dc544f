import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MessageStatusCode } from '../../../shared/domain';
import type { Db } from '../db';
import { exportMessagesCsv } from './export';
import type { MessagePageInput } from './filter';
import { listMessages } from './query';
import type { ReaderAnswers, ReaderReply, ReaderRequest } from './reader-protocol';

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

/**
 * Where the reader thread's code is: beside this file when running from source (tsx, vitest), or the
 * `messages-reader.js` entry electron-vite builds next to the main bundle (electron.vite.config.ts).
 */
function workerScript(): { url: URL; execArgv: string[] } | null {
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(here)) {
    // TypeScript source: the thread loads it through tsx (the process's own flags, e.g. --expose-gc, are
    // not all allowed in a thread, and it needs none of them).
    return { url: new URL('./reader-worker.ts', here), execArgv: ['--import', 'tsx'] };
  }
  for (const candidate of ['./messages-reader.js', '../messages-reader.js']) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return { url, execArgv: [] };
  }
  return null;
}

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

function threadReader(db: Db, script: { url: URL; execArgv: string[] }): HistoryReader {
  const fallback = inlineReader(db);
  let worker: Worker | null = new Worker(script.url, { workerData: { path: db.name }, execArgv: script.execArgv });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  // The thread keeps the process alive only while it owes an answer (the CLI and tests exit when done).
  worker.unref();
  const settle = (id: number): { resolve: (value: unknown) => void; reject: (error: Error) => void } | undefined => {
    const entry = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker?.unref();
    return entry;
  };
  worker.on('message', (reply: ReaderReply) => {
    const entry = settle(reply.id);
    if (!entry) return;
    if (reply.ok) entry.resolve(reply.value);
    else entry.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
  });
  // A thread that dies (it could not open the file, a native crash) fails what it owed; later reads run inline.
  const lost = (error: Error): void => {
    worker = null;
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  };
  worker.on('error', lost);
  worker.on('exit', (code) => lost(new Error(`The history reader stopped (exit code ${code}).`)));

  function ask<K extends ReaderRequest['op']>(request: Extract<ReaderRequest, { op: K }>, deadlineMs: number | null): Promise<ReaderAnswers[K]> {
    const thread = worker;
    if (!thread) return Promise.reject(new Error('The history reader is not running.'));
    const id = nextId++;
    return new Promise<ReaderAnswers[K]>((resolve, reject) => {
      const timer = deadlineMs === null ? null : setTimeout(() => settle(id)?.reject(new Error('The history reader did not answer in time.')), deadlineMs);
      timer?.unref();
      pending.set(id, {
        resolve: (value) => {
          if (timer) clearTimeout(timer);
          resolve(value as ReaderAnswers[K]);
        },
        reject: (error) => {
          if (timer) clearTimeout(timer);
          reject(error);
        },
      });
      thread.ref();
      thread.postMessage({ id, request });
    });
  }

  return {
    mode: 'thread',
    list: (input) => (worker ? ask({ op: 'list', input }, LIST_DEADLINE_MS) : fallback.list(input)),
    exportCsv: (request) => (worker ? ask({ op: 'export', ...request }, null) : fallback.exportCsv(request)),
    close: async () => {
      const thread = worker;
      worker = null;
      if (thread) await thread.terminate();
    },
  };
}

/** A reader for this connection's mirror: its own thread when the mirror is a file, else inline. */
export function openHistoryReader(db: Db, options: { thread?: boolean } = {}): HistoryReader {
  const script = options.thread === false || db.memory || db.name === '' ? null : workerScript();
  return script ? threadReader(db, script) : inlineReader(db);
}
