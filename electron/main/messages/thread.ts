import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { Db } from '../db';
import type { MirrorAnswers, MirrorReply, MirrorRequest } from './reader-protocol';

// The mirror's own thread (reader-worker.ts's code): the history reader's pages and exports on a read-only
// connection, and a big sync's writes on a connection of its own, so neither holds the thread that answers
// the window. Used by reader.ts and sync.ts; each starts its own thread.

export interface MirrorThread {
  /** Rejects with the thread's error, or when it stops, or after `deadlineMs` (null: no deadline). */
  ask<K extends MirrorRequest['op']>(request: Extract<MirrorRequest, { op: K }>, deadlineMs: number | null): Promise<MirrorAnswers[K]>;
  /** False once the thread died: callers fall back to their inline way. */
  readonly running: boolean;
  close(): Promise<void>;
}

/**
 * Where the thread's code is: beside this file when running from source (tsx, vitest), or the
 * `messages-reader.js` entry electron-vite builds next to the main bundle (electron.vite.config.ts).
 */
function workerScript(): { url: URL; execArgv: string[] } | null {
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(here)) {
    // TypeScript source: the thread loads it through tsx (the process's own flags, e.g. --expose-gc, are
    // not all allowed in a thread, and it needs none of them).
    return {
      url: new URL('./reader-worker.ts', here),
      execArgv: ['--import', 'tsx'],
    };
  }
  for (const candidate of ['./messages-reader.js', '../messages-reader.js']) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return { url, execArgv: [] };
  }
  return null;
}

/** A thread on this connection's file, or null when the mirror is in memory (tests) or the code is not found. */
export function startMirrorThread(
  db: Db,
  options: {
    heapMb?: number;
    /** Also answers the requests another mirror thread sends on this port (a big sync's writes: sync.ts). */
    serve?: MessagePort;
    /** Writes what it reads ('read') through this port, to the thread that serves it, instead of itself. */
    writeTo?: MessagePort;
  } = {},
): MirrorThread | null {
  const script = db.memory || db.name === '' ? null : workerScript();
  if (!script) return null;
  const ports = [options.serve, options.writeTo].filter((port) => port !== undefined);
  let worker: Worker | null = new Worker(script.url, {
    workerData: { path: db.name, serve: options.serve, writeTo: options.writeTo },
    transferList: ports,
    execArgv: script.execArgv,
    // A bound on the thread's heap makes it collect sooner instead of growing into the process's memory.
    ...(options.heapMb
      ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb, maxYoungGenerationSizeMb: Math.max(4, options.heapMb / 8) } }
      : {}),
  });
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
  worker.on('message', (reply: MirrorReply) => {
    const entry = settle(reply.id);
    if (!entry) return;
    if (reply.ok) entry.resolve(reply.value);
    else entry.reject(Object.assign(new Error(reply.error.message), reply.error));
  });
  // A thread that dies (it could not open the file, a native crash) fails what it owed.
  const lost = (error: Error): void => {
    worker = null;
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  };
  worker.on('error', lost);
  worker.on('exit', (code) => lost(new Error(`The history thread stopped (exit code ${code}).`)));

  return {
    get running() {
      return worker !== null;
    },
    ask<K extends MirrorRequest['op']>(request: Extract<MirrorRequest, { op: K }>, deadlineMs: number | null): Promise<MirrorAnswers[K]> {
      const thread = worker;
      if (!thread) return Promise.reject(new Error('The history thread is not running.'));
      const id = nextId++;
      return new Promise<MirrorAnswers[K]>((resolve, reject) => {
        const timer =
          deadlineMs === null
            ? null
            : setTimeout(() => settle(id)?.reject(new Error('The history thread did not answer in time.')), deadlineMs);
        timer?.unref();
        pending.set(id, {
          resolve: (value) => {
            if (timer) clearTimeout(timer);
            resolve(value as MirrorAnswers[K]);
          },
          reject: (error) => {
            if (timer) clearTimeout(timer);
            reject(error);
          },
        });
        thread.ref();
        thread.postMessage({ id, request });
      });
    },
    close: async () => {
      const thread = worker;
      worker = null;
      if (thread) await thread.terminate();
    },
  };
}
