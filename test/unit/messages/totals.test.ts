import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS, openMemoryDatabase } from '../../../electron/main/db';
import type { Db } from '../../../electron/main/db';
import { mirrorStatus } from '../../../electron/main/messages';
import { MESSAGES_TALLIES_MIGRATION_SQL } from '../../../electron/main/messages/schema';
import { countMessages, listMessages, SCAN_COUNT_CAP } from '../../../electron/main/messages/query';
import { messageStore } from '../../../electron/main/messages/store';
import type { MessageFilter } from '../../../electron/main/messages/filter';
import { message, T0 } from './fixtures';

// Totals at a million messages: the ones by phone, SIM and status come from tallies kept by triggers, and
// must always equal a count of the rows; a text search's count stops past a cap and says so.

const counted = (db: Db, filter: MessageFilter): number => {
  const sql: string[] = [];
  const params: number[] = [];
  const inList = (column: string, values: readonly number[] | undefined): void => {
    if (!values) return;
    sql.push(`${column} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  inList('device_id', filter.deviceIds);
  inList('status', filter.statuses);
  inList('sim', filter.sims);
  return db
    .prepare(`SELECT COUNT(*) FROM messages${sql.length ? ` WHERE ${sql.join(' AND ')}` : ''}`)
    .pluck()
    .get(...params) as number;
};

const FILTERS: MessageFilter[] = [
  {},
  { deviceIds: [1] },
  { deviceIds: [2, 3] },
  { statuses: [7] },
  { statuses: [7, 8], sims: [1] },
  { sims: [0] },
  { deviceIds: [3], statuses: [1], sims: [2] },
];

describe('tallied totals', () => {
  it('equal a count of the rows through inserts, status moves, phone and SIM changes and re-reads', () => {
    const db = openMemoryDatabase();
    const store = messageStore(db);
    const check = () => {
      for (const filter of FILTERS) expect(countMessages(db, filter), JSON.stringify(filter)).toBe(counted(db, filter));
      expect(mirrorStatus(db).messages).toBe(counted(db, {}));
    };
    store.upsert(
      Array.from({ length: 40 }, (_, i) => message(i + 1, { deviceId: 1 + (i % 3), sim: (i % 3) as 0, status: i % 5 === 0 ? 1 : 7 })),
      T0,
    );
    check();
    // The same rows read again: nothing moves.
    store.upsert(
      Array.from({ length: 40 }, (_, i) => message(i + 1, { deviceId: 1 + (i % 3), sim: (i % 3) as 0, status: i % 5 === 0 ? 1 : 7 })),
      T0,
    );
    check();
    // Statuses move (the sync and the live refresh), a row comes back on another phone and SIM.
    store.upsert([message(1, { status: 8, deviceId: 3, sim: 2 }), message(6, { status: 7, deviceId: 2, sim: 1 })], T0);
    store.setStatus(11, 6, 'sent', T0);
    store.setStatus(12, 6, 'sent', T0);
    check();
  });

  it('are built from the rows already there when the step runs on an existing file', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      MIGRATIONS.slice(
        0,
        MIGRATIONS.findIndex((m) => m.sql === MESSAGES_TALLIES_MIGRATION_SQL),
      ),
    );
    const insert = db.prepare(
      `INSERT INTO messages (id, send_to, send_to_digits, body, body_folded, status, status_title, device_id, sim, urgent, created_ms, created_zone, status_changed_at)
       VALUES (?, ?, ?, 'Hi', 'hi', ?, 'x', ?, 0, 0, ?, 'UTC', ?)`,
    );
    insert.run(1, '+44 7700 900001', '447700900001', 7, 1, T0, T0);
    insert.run(2, '+44 7700 900002', '447700900002', 8, 2, T0, T0);
    insert.run(3, '+44 7700 900001', '447700900001', 7, 1, T0, T0);
    migrate(db, MIGRATIONS);
    expect(countMessages(db, {})).toBe(3);
    expect(countMessages(db, { statuses: [7] })).toBe(2);
    expect(countMessages(db, { deviceIds: [2] })).toBe(1);
    expect(listMessages(db, { filter: { phone: '900001' } }).total).toBe(2);
  });
});

describe('the number filter', () => {
  it('finds a message by any part of its number, also after its number changed', () => {
    const db = openMemoryDatabase();
    const store = messageStore(db);
    store.upsert([message(1, { sendTo: '+44 7700 900123' }), message(2, { sendTo: '+5511987650000' })], T0);
    expect(listMessages(db, { filter: { phone: '900123' } }).rows.map((m) => m.id)).toEqual([1]);
    store.upsert([message(1, { sendTo: '+33 6 12 34 56 78' })], T0);
    expect(listMessages(db, { filter: { phone: '900123' } }).total).toBe(0);
    expect(listMessages(db, { filter: { phone: '612345' } }).rows.map((m) => m.id)).toEqual([1]);
  });
});

describe('a text search over many messages', () => {
  it('counts up to the cap and says the total is a lower bound; below it, the exact count', () => {
    const db = openMemoryDatabase();
    const rows = Array.from({ length: SCAN_COUNT_CAP + 50 }, (_, i) =>
      message(i + 1, { body: i % 2 === 0 ? `Seu pedido ${i}` : `Order ${i}` }),
    );
    messageStore(db).upsert(rows, T0);
    const common = listMessages(db, { filter: { text: 'e' }, limit: 10 });
    expect(common.total).toBe(SCAN_COUNT_CAP);
    expect(common.totalAtLeast).toBe(true);
    expect(common.rows.map((m) => m.id)).toEqual(Array.from({ length: 10 }, (_, i) => SCAN_COUNT_CAP + 50 - i));
    const half = listMessages(db, { filter: { text: 'pedido' }, limit: 10 });
    expect(half.total).toBe((SCAN_COUNT_CAP + 50) / 2);
    expect(half.totalAtLeast).toBeUndefined();
  });
});
