import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openMemoryDatabase, type Db } from '../../../electron/main/db';
import { markRead } from '../../../electron/main/inbox/conversations';
import { INBOX_UPKEEP_MIGRATION_SQL } from '../../../electron/main/inbox/schema';
import { startInbox } from '../../../electron/main/inbox/replies';
import { messageStore, phoneDigits } from '../../../electron/main/messages/store';
import type { Message } from '../../../shared/domain';
import { message, T0 } from '../messages/fixtures';

// The conversation summaries the mirror's writer keeps a batch at a time (inbox/upkeep.ts) are exactly the
// ones migration 9's triggers kept row by row: the same random batches go into a database of the version
// before the triggers went (rows inserted one by one, the triggers firing) and through MessageStore, and the
// summaries are compared after every batch.

const MIN = 60_000;
const DAY = 86_400_000;
/** Numbers written several ways (one customer), a second customer, a text sender with no digits. */
const SENDERS = ['+5511987650001', '5511987650001', '+55 11 98765-0001', '+5511987650002', '+44 7700 900123', 'VIVO', 'Claro'];
const STATUSES = [5, 5, 7, 7, 7, 6, 8, 1];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function withTriggers(): { db: Db; put: (batch: readonly Message[]) => void } {
  const db = openMemoryDatabase({
    migrations: MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((m) => m.sql === INBOX_UPKEEP_MIGRATION_SQL),
    ),
  });
  opened.push(db);
  // What the mirror's writer did then, as far as the triggers see it: a new id is an INSERT, a known one an update.
  const upsert = db.prepare(
    `INSERT INTO messages (id, send_to, send_to_digits, body, body_folded, status, status_title, device_id, sim, urgent, created_ms, created_zone, status_changed_at)
     VALUES (?, ?, ?, '', '', ?, '', 1, 0, 0, ?, 'UTC', 0)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, status_title = excluded.status_title`,
  );
  return {
    db,
    put: (batch) =>
      db.transaction(() => batch.forEach((m) => upsert.run(m.id, m.sendTo, phoneDigits(m.sendTo), m.status, Date.parse(m.created.iso))))(),
  };
}

function withUpkeep(): { db: Db; put: (batch: readonly Message[]) => void } {
  const db = openMemoryDatabase();
  opened.push(db);
  return {
    db,
    put: (batch) => void messageStore(db).upsert(batch, T0 + 30 * DAY),
  };
}

const summaries = (db: Db): unknown[] => db.prepare(`SELECT * FROM inbox_conversations ORDER BY phone_key`).all();

describe('conversation upkeep', () => {
  it('gives the summaries the triggers gave, batch after batch (replies, answers, re-reads, old history, reads)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = random(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
      const before = withTriggers();
      const after = withUpkeep();
      for (const { db } of [before, after]) startInbox(db, T0);
      const sent: Message[] = [];
      for (let b = 0; b < 25; b++) {
        const batch: Message[] = [];
        const size = 1 + Math.floor(next() * 12);
        for (let i = 0; i < size; i++) {
          // Some messages again with their status moved on (a window read again, a duplicate in the same
          // reply); times out of order, some from weeks before the inbox opened, some in the same second.
          if (next() < 0.2 && sent.length > 0) {
            batch.push({
              ...pick(sent),
              status: pick(STATUSES) as Message['status'],
            });
            continue;
          }
          const createdMs = T0 + Math.round(((next() * 40 - 30) * DAY) / MIN) * MIN + (next() < 0.1 ? 0 : Math.floor(next() * 5) * 1000);
          const m = message(sent.length + 1, {
            sendTo: pick(SENDERS),
            status: pick(STATUSES) as Message['status'],
            createdMs,
          });
          sent.push(m);
          batch.push(m);
        }
        before.put(batch);
        after.put(batch);
        if (next() < 0.2) {
          const key = pick(['5511987650001', '5511987650002', 'VIVO']);
          const read = next() < 0.6;
          markRead(before.db, key, read);
          markRead(after.db, key, read);
        }
        expect(summaries(after.db), `seed ${seed}, batch ${b}`).toEqual(summaries(before.db));
      }
      expect(summaries(after.db).length).toBeGreaterThan(1);
    }
  });

  it('starts a conversation from a reply sent before what we had sent them, and moves it on with a later answer in the same batch', () => {
    const { db, put } = withUpkeep();
    startInbox(db, T0);
    put([
      message(1, {
        sendTo: '+5511987650001',
        status: 7,
        createdMs: T0 + 5 * MIN,
      }),
      message(2, {
        sendTo: '5511987650001',
        status: 5,
        createdMs: T0 + 2 * MIN,
      }),
      message(3, {
        sendTo: '+55 11 98765-0001',
        status: 7,
        createdMs: T0 + 9 * MIN,
      }),
    ]);
    expect(summaries(db)).toEqual([
      {
        phone_key: '5511987650001',
        last_ms: T0 + 9 * MIN,
        last_message_id: 3,
        last_incoming_ms: T0 + 2 * MIN,
        last_incoming_id: 2,
        incoming: 1,
        read_until_ms: 0,
        unread: 1,
      },
    ]);
  });
});
