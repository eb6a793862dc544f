import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabaseFile } from '../../../electron/main/db';
import type { Db } from '../../../electron/main/db';
import { messageStore } from '../../../electron/main/messages/store';
import { message } from './fixtures';

// The mirror's batched writes: one status read per batch, and commits that leave the connection's
// durability setting (FULL, for the job journal) as they found it.

describe('mirror writes', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-store-'));
    db = openDatabaseFile(join(dir, 'mirror.sqlite'));
  });
  afterEach(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts inserts, updates and status moves in a batch, a repeated id included', () => {
    const store = messageStore(db);
    expect(store.upsert([message(1, { status: 1 }), message(2, { status: 6 })], 1_000)).toMatchObject({
      inserted: 2,
      updated: 0,
      moved: 0,
    });
    const result = store.upsert([message(1, { status: 6 }), message(2, { status: 6 }), message(3), message(1, { status: 7 })], 2_000);
    expect(result).toMatchObject({ inserted: 1, updated: 3, moved: 2 });
    expect(result.changes).toEqual([
      { id: 1, from: 1, to: 6 },
      { id: 1, from: 6, to: 7 },
    ]);
    expect(db.prepare('SELECT status FROM messages WHERE id = 1').pluck().get()).toBe(7);
  });

  it('keeps the connection at synchronous = FULL after mirror writes, and inside an outer transaction', () => {
    const store = messageStore(db);
    const synchronous = (): unknown => db.pragma('synchronous', { simple: true });
    expect(synchronous()).toBe(2);
    store.upsertAndRecord([message(1)], 1_000, 10, { remove: [], add: [{ fromMs: 0, toMs: 1_000, readAt: 5, count: 1 }] });
    expect(synchronous()).toBe(2);
    db.transaction(() => store.upsert([message(2)], 1_000))();
    expect(synchronous()).toBe(2);
    expect(() => store.upsert([{ ...message(3), body: null as unknown as string }], 1_000)).toThrow();
    expect(synchronous()).toBe(2);
    expect(db.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(2);
  });
});
