import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabaseFile } from '../../electron/main/db';
import type { Db } from '../../electron/main/db';
import { createGatewayClient } from '../../electron/main/gateway';
import { startInbox } from '../../electron/main/inbox/replies';
import { DEFERRED_INDEXES, missingIndexes } from '../../electron/main/messages/indexes';
import { historySlices, historySyncJobKind } from '../../electron/main/messages/job';
import { countMessages } from '../../electron/main/messages/query';
import { syncHistory } from '../../electron/main/messages/sync';
import { startSandbox } from '../../electron/sandbox/index';

// A big sync writes on the mirror's own thread and connection (messages/sync.ts, writerThread): the mirror it
// leaves is the one the window's thread writes, row for row, with the same totals, numbers, inbox
// conversations and window bookkeeping; a cancel keeps what was stored, and the next sync finishes it.

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function setUp(count: number) {
  const sandbox = await startSandbox({ clock: 'manual', seed: false });
  let token: string | null = null;
  const client = createGatewayClient({
    baseUrl: sandbox.baseUrl,
    token: () => token,
    retryBaseDelayMs: 10,
  });
  token = await client.getToken(sandbox.demo.email, sandbox.demo.password);
  const summary = sandbox.seedHistory({ count, days: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'relay-sync-thread-'));
  const dbs: Db[] = [];
  const open = (name: string): Db => {
    const db = openDatabaseFile(join(dir, name));
    dbs.push(db);
    // The inbox opened two days before the newest messages: the last ones arrive unread.
    startInbox(db, sandbox.now().getTime() - 2 * 86_400_000);
    return db;
  };
  cleanup.push(async () => {
    for (const db of dbs) closeDatabase(db);
    await client.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { client, summary, open, now: () => sandbox.now().getTime() };
}

const TABLES = {
  messages: 'SELECT * FROM messages ORDER BY id',
  message_tallies: 'SELECT * FROM message_tallies ORDER BY device_id, sim, status',
  message_recipients: 'SELECT * FROM message_recipients ORDER BY send_to',
  inbox_conversations: 'SELECT * FROM inbox_conversations ORDER BY phone_key',
  message_sync_windows: 'SELECT * FROM message_sync_windows ORDER BY from_ms',
};
/** The mirror's indexes as SQLite holds them. */
const indexes = (db: Db): unknown[] =>
  db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' ORDER BY name`).all();
/** A conversation's figures that do not depend on which of two old replies a sync stored first (a read mark does). */
const conversations = (of: Db): unknown[] =>
  of
    .prepare(
      `SELECT phone_key, last_ms, last_message_id, last_incoming_ms, last_incoming_id, incoming, unread
       FROM inbox_conversations ORDER BY phone_key`,
    )
    .all();
const dump = (db: Db): Record<string, unknown[]> =>
  Object.fromEntries(Object.entries(TABLES).map(([table, sql]) => [table, db.prepare(sql).all()]));

describe('a big sync on the mirror thread', () => {
  it('leaves the mirror the window thread leaves: rows, totals, numbers, conversations and windows', async () => {
    const { client, summary, open, now } = await setUp(6_000);
    const threaded = open('threaded.sqlite');
    const inline = open('inline.sqlite');
    // One window at a time: which of two replies of a number is stored first decides its conversation's
    // read mark (as it did with the triggers), and concurrent windows finish in any order.
    const options = {
      client,
      from: summary.from,
      now,
      maxPerWindow: 700,
      concurrency: 1,
      extendReach: true,
    };
    const a = await syncHistory({ ...options, db: threaded, threadFrom: 0 });
    const b = await syncHistory({
      ...options,
      db: inline,
      threadFrom: Infinity,
    });

    expect([a.wroteOn, b.wroteOn]).toEqual(['thread', 'inline']);
    expect(a.inserted).toBe(6_000);
    expect({ ...a, finishedAt: 0, wroteOn: '' }).toEqual({
      ...b,
      finishedAt: 0,
      wroteOn: '',
    });
    const rows = dump(threaded);
    expect(rows.inbox_conversations!.length).toBeGreaterThan(10);
    expect(rows.inbox_conversations!.some((c) => (c as { unread: number }).unread > 0)).toBe(true);
    expect(rows).toEqual(dump(inline));
    // The first sync wrote without most indexes and built them at its end: the same as the migrations made.
    expect(indexes(threaded)).toEqual(indexes(inline));
    expect(missingIndexes(threaded)).toEqual([]);

    // Read again on the thread: nothing new, nothing moved.
    const again = await syncHistory({
      ...options,
      db: threaded,
      threadFrom: 0,
      from: summary.from.getTime() - 1_000,
    });
    expect(again.inserted).toBe(0);
    expect(countMessages(threaded, {})).toBe(6_000);
  });

  it('keeps what was stored when cancelled, and the next sync stores the rest once', async () => {
    const { client, summary, open, now } = await setUp(5_000);
    const db = open('cancelled.sqlite');
    const controller = new AbortController();
    const first = syncHistory({
      db,
      client,
      from: summary.from,
      now,
      maxPerWindow: 400,
      threadFrom: 0,
      signal: controller.signal,
      onProgress: (p) => p.windowsDone >= 3 && controller.abort(new Error('stop')),
    });
    await expect(first).rejects.toThrow('stop');
    const stored = countMessages(db, {});
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(5_000);
    // Cancelled during a first sync: its indexes are still to build, and the next sync goes on without them.
    expect(missingIndexes(db)).toEqual(DEFERRED_INDEXES.map((index) => index.name));

    const rest = await syncHistory({
      db,
      client,
      from: summary.from,
      now,
      maxPerWindow: 400,
      threadFrom: 0,
    });
    expect(rest.wroteOn).toBe('thread');
    expect(rest.inserted).toBe(5_000 - stored);
    expect(countMessages(db, {})).toBe(5_000);
    expect(missingIndexes(db)).toEqual([]);

    // The conversations' newest messages waited for the number's index, across the cancel: now they are
    // what a sync that kept every index leaves. (Which old reply came first sets a read mark, not the unread
    // count: concurrent windows finish in any order.)
    const whole = open('whole.sqlite');
    await syncHistory({ db: whole, client, from: summary.from, now, maxPerWindow: 400, threadFrom: Infinity });
    expect(conversations(db).length).toBeGreaterThan(10);
    expect(conversations(db)).toEqual(conversations(whole));
  });

  it('builds the indexes a stopped first sync left out, even when the next sync is small', async () => {
    const { client, summary, open, now } = await setUp(2_000);
    const db = open('small-next.sqlite');
    await syncHistory({ db, client, from: summary.from, now, maxPerWindow: 400 });
    db.exec(DEFERRED_INDEXES.map((index) => `DROP INDEX ${index.name};`).join(''));
    const fresh = open('fresh.sqlite');

    const next = await syncHistory({ db, client, from: summary.from, now, maxPerWindow: 400 });
    expect(next.wroteOn).toBe('inline');
    expect(indexes(db)).toEqual(indexes(fresh));
  });

  it("writes the app's first sync of months, a job of weekly slices, without the indexes and builds them once", async () => {
    const { client, summary, open, now } = await setUp(6_000);
    const db = open('job.sqlite');
    // The app reads the last days first (Home and the Inbox are true at once), then months back, newest first.
    await syncHistory({ db, client, from: now() - 2 * 86_400_000, now, maxPerWindow: 400 });
    const recent = countMessages(db, {});
    expect(recent).toBeGreaterThan(0);
    expect(missingIndexes(db)).toEqual([]);

    const kind = historySyncJobKind({ client: () => client, now, sliceMs: 6 * 86_400_000, sync: { threadFrom: 0, maxPerWindow: 400 } });
    const input = { fromMs: summary.from.getTime(), toMs: now() + 1, extendReach: true };
    const slices = historySlices(input, 6 * 86_400_000);
    expect(slices.length).toBeGreaterThan(2);
    const built: boolean[] = [];
    for (const [index, slice] of slices.entries()) {
      await kind.run(
        { seq: index, key: slice.key, payload: slice.payload, attempts: 0 },
        {
          signal: new AbortController().signal,
          jobId: 1,
          input,
          db,
        },
      );
      built.push(missingIndexes(db).length === 0);
    }
    // Left out from the first slice (it brings more than the mirror held), built by the last one only.
    expect(built).toEqual(slices.map((_, index) => index === slices.length - 1));
    expect(countMessages(db, {})).toBe(6_000);

    const whole = open('whole-job.sqlite');
    await syncHistory({ db: whole, client, from: summary.from, now, maxPerWindow: 400, threadFrom: Infinity });
    expect(indexes(db)).toEqual(indexes(whole));
    const { message_sync_windows: _, ...rows } = dump(db);
    const { message_sync_windows: __, ...wholeRows } = dump(whole);
    expect({ ...rows, inbox_conversations: conversations(db) }).toEqual({ ...wholeRows, inbox_conversations: conversations(whole) });
  });
});
