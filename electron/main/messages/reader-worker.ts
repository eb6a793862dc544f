import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { MessageStatusCode } from '../../../shared/domain';
import { createGatewayClient, GatewayError, gatewayErrorData } from '../gateway';
import type { GatewayClient, GatewayThreadAccess } from '../gateway';
import { exportMessagesCsv } from './export';
import { listMessages } from './query';
import { MirrorWriter } from './mirror-writer';
import type { MirrorReply, MirrorRequest } from './reader-protocol';
import type { UpsertResult } from './store';

// The mirror's thread: its own read-only connection to the account's file answers the Messages table's
// pages and writes exports, so a scan of a million rows never holds the thread that answers the window.
// WAL lets it read while main writes; that connection never writes (query_only). A big sync's thread
// (mirror-writer.ts) writes the mirror on a second connection, opened on its first write.

const { path, serve, writeTo } = workerData as { path: string; serve?: MessagePort; writeTo?: MessagePort };
const db = new Database(path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('query_only = ON');

const writer = new MirrorWriter(path);

/**
 * A big sync's reads (the 'read' request): a gateway client of this thread's own, made from the window's
 * thread's options, with the token that thread last sent, and what it logged handed back with the next answer.
 */
let gateway: { options: string; client: GatewayClient } | null = null;
let token: string | null = null;
const logs: string[] = [];
/** Each sync's reads in flight (the threads are kept from one sync to the next: sync-threads.ts). */
const reads = new Map<number, Set<AbortController>>();

function gatewayClient(options: GatewayThreadAccess['options']): GatewayClient {
  const key = JSON.stringify(options);
  if (gateway?.options !== key) {
    void gateway?.client.close();
    gateway = { options: key, client: createGatewayClient({ ...options, token: () => token, log: (line) => logs.push(line) }) };
  }
  return gateway.client;
}

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
    case 'read': {
      const client = gatewayClient(request.gateway);
      token = request.token;
      const controller = new AbortController();
      const ofSync = reads.get(request.sync) ?? new Set<AbortController>();
      reads.set(request.sync, ofSync.add(controller));
      try {
        const messages = await client.getAllSms(request.query, { signal: controller.signal });
        const write = {
          op: 'write',
          messages,
          now: request.now,
          maxChanges: request.maxChanges,
          window: { ...request.window, count: messages.length },
        } as const;
        // Written by the thread that writes, or here when this thread is that one.
        const written = writeTo ? await askWriter(write) : ((await answer(write)) as UpsertResult);
        return { ...written, count: messages.length, logs: logs.splice(0) };
      } finally {
        ofSync.delete(controller);
        if (ofSync.size === 0) reads.delete(request.sync);
      }
    }
    case 'abort-reads':
      for (const controller of reads.get(request.sync) ?? []) controller.abort();
      return null;
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

/** Answers the requests arriving on `port`, each when done (reads wait on the gateway meanwhile). */
function serveOn(port: MessagePort): void {
  port.on('message', ({ id, request }: { id: number; request: MirrorRequest }) => {
    answer(request).then(
      (value) => port.postMessage({ id, ok: true, value } satisfies MirrorReply),
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        // SQLite's code (SQLITE_FULL, SQLITE_BUSY…) goes with it: the caller tells a storage fault by it.
        const code = (e as { code?: unknown }).code;
        port.postMessage({
          id,
          ok: false,
          error: {
            name: e.name,
            message: e.message,
            ...(typeof code === 'string' ? { code } : {}),
            // A failed read: the sync tells a reply too large (it splits the window) and the job a network fault by it.
            ...(e instanceof GatewayError ? { gateway: gatewayErrorData(e) } : {}),
          },
        } satisfies MirrorReply);
      },
    );
  });
}
serveOn(parentPort!);
if (serve) serveOn(serve);

/** The writes of what this thread read, asked of the thread that writes (`writeTo`), answered in order. */
const writesAsked = new Map<number, { resolve: (value: UpsertResult) => void; reject: (error: Error) => void }>();
let nextWrite = 1;
writeTo?.on('message', (reply: MirrorReply) => {
  const asked = writesAsked.get(reply.id);
  writesAsked.delete(reply.id);
  if (reply.ok) asked?.resolve(reply.value as UpsertResult);
  else asked?.reject(Object.assign(new Error(reply.error.message), reply.error));
});
function askWriter(request: Extract<MirrorRequest, { op: 'write' }>): Promise<UpsertResult> {
  const id = nextWrite++;
  return new Promise((resolve, reject) => {
    writesAsked.set(id, { resolve, reject });
    writeTo!.postMessage({ id, request });
  });
}

parentPort!.on('close', () => {
  void gateway?.client.close();
  serve?.close();
  writeTo?.close();
  db.close();
  writer.close();
});
