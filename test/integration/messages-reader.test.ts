import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabaseFile } from '../../electron/main/db';
import { listMessages } from '../../electron/main/messages/query';
import { openHistoryReader } from '../../electron/main/messages/reader';
import { messageStore } from '../../electron/main/messages/store';
import type { Message } from '../../shared/domain';

// The Messages screen's reads run on their own thread with their own connection: the same answers as
// the inline query, the rows main wrote a moment before, and exports written from there.

const dir = mkdtempSync(join(tmpdir(), 'relay-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const message = (id: number, body: string, status: Message['status'] = 7): Message => ({
  id,
  sendTo: `+4477009000${String(id).padStart(2, '0')}`,
  body,
  customerId: id,
  status,
  statusTitle: 'Delivered',
  deviceId: 1 + (id % 2),
  sim: 0,
  urgent: false,
  created: { iso: new Date(Date.UTC(2026, 0, 1, 0, id)).toISOString(), zone: 'UTC' },
  sentAt: null,
  sendAt: null,
  newsletter: null,
});

describe('history reader thread', () => {
  it('answers pages and text searches like the inline query, sees main’s new rows, and exports', async () => {
    const db = openDatabaseFile(join(dir, 'history.sqlite'));
    const store = messageStore(db);
    store.upsert(
      Array.from({ length: 30 }, (_, i) => message(i + 1, i % 3 === 0 ? `Olá, pedido ${i} saiu` : `Order ${i} ready`)),
      Date.now(),
    );
    const reader = openHistoryReader(db);
    try {
      expect(reader.mode).toBe('thread');
      for (const input of [
        {},
        { filter: { text: 'pedido' } },
        { filter: { deviceIds: [2] }, sort: { column: 'sendTo', direction: 'asc' } as const, limit: 5 },
      ]) {
        expect(await reader.list(input)).toEqual(listMessages(db, input));
      }
      expect((await reader.list({ filter: { text: 'ola' } })).total).toBe(10);

      // A row main commits now is in the next page the thread reads.
      store.upsert([message(99, 'Olá again')], Date.now());
      expect((await reader.list({ filter: { text: 'ola' } })).total).toBe(11);

      const path = join(dir, 'out.csv');
      const { rows } = await reader.exportCsv({ path, filter: { text: 'ola' }, timeZone: 'UTC', statusNames: { 7: 'Entregue' } });
      expect(rows).toBe(11);
      const csv = readFileSync(path, 'utf8');
      expect(csv.trim().split('\n')).toHaveLength(12);
      expect(csv).toContain('Entregue');
    } finally {
      await reader.close();
      closeDatabase(db);
    }
  });

  it('an in-memory mirror is read inline', async () => {
    const { openMemoryDatabase } = await import('../../electron/main/db');
    const db = openMemoryDatabase();
    const reader = openHistoryReader(db);
    expect(reader.mode).toBe('inline');
    expect((await reader.list({})).total).toBe(0);
    closeDatabase(db);
  });
});
