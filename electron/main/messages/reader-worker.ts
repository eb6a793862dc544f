import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessageStatusCode } from '../../../shared/domain';
import { exportMessagesCsv } from './export';
import { listMessages } from './query';
import { MirrorWriter } from './mirror-writer';
import type { MirrorReply, MirrorRequest } from './reader-protocol';

// The mirror's thread: its own read-only connection to the account's file answers the Messages table's
// pages and writes exports, so a scan of a million rows never holds the thread that answers the window.
// WAL lets it read while main writes; that connection never writes (query_only). A big sync's thread
// (mirror-writer.ts) writes the mirror on a second connection, opened on its first write.

const { path } = workerData as { path: string };
const db = new Database(path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('query_only = ON');

const writer = new MirrorWriter(path);

async function answer(request: MirrorRequest): Promise<unknown> {
  switch (request.op) {
    case 'list':
      return listMessages(db, request.input);
    case 'export': {
      const { rows } = await exportMessagesCsv(request.path, {
        db,
        ...(request.filter ? { filter: request.filter } : {}),
        ...(request.sort ? { sort: request.sort } : {}),
        timeZone: request.timeZone,
        statusName: (code: MessageStatusCode) => request.statusNames[code] ?? String(code),
      });
      return { rows };
    }
    case 'write':
      return writer.write(request.messages, request.now, request.maxChanges, request.window);
    case 'flush':
      writer.flush();
      return null;
    case 'defer-indexes':
      writer.deferIndexes();
      return null;
    case 'build-indexes':
      return writer.buildIndexes();
  }
}

parentPort!.on('message', ({ id, request }: { id: number; request: MirrorRequest }) => {
  answer(request).then(
    (value) => parentPort!.postMessage({ id, ok: true, value } satisfies MirrorReply),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      // SQLite's code (SQLITE_FULL, SQLITE_BUSY…) goes with it: the caller tells a storage fault by it.
      const code = (e as { code?: unknown }).code;
      parentPort!.postMessage({
        id,
        ok: false,
        error: { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) },
      } satisfies MirrorReply);
    },
  );
});
parentPort!.on('close', () => {
  db.close();
  writer.close();
});
