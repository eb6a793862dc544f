import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessageStatusCode } from '../../../shared/domain';
import { exportMessagesCsv } from './export';
import { listMessages } from './query';
import type { ReaderReply, ReaderRequest } from './reader-protocol';

// The history reader thread: its own read-only connection to the account's file answers the Messages
// table's pages and writes exports, so a scan of a million rows never holds the thread that answers the
// window. WAL lets it read while main writes; it never writes (query_only).

const { path } = workerData as { path: string };
const db = new Database(path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('query_only = ON');

async function answer(request: ReaderRequest): Promise<unknown> {
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
  }
}

parentPort!.on('message', ({ id, request }: { id: number; request: ReaderRequest }) => {
  answer(request).then(
    (value) => parentPort!.postMessage({ id, ok: true, value } satisfies ReaderReply),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      parentPort!.postMessage({ id, ok: false, error: { name: e.name, message: e.message } } satisfies ReaderReply);
    },
  );
});
parentPort!.on('close', () => db.close());
