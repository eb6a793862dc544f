import { PassThrough } from 'node:stream';
import Papa from 'papaparse';
import { expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../electron/main/db';
import { writeMessagesCsv } from '../../../electron/main/messages/export';
import { messageStore } from '../../../electron/main/messages/store';
import { message } from './fixtures';

// The history export carries each number's contact name (from the contacts registry), beside the number.

it('writes the contact name of each number, empty where the number has none', async () => {
  const db = openMemoryDatabase();
  db.prepare(`INSERT INTO contact_tags (id, title, created_here, created_at) VALUES (1, 'Clientes', 1, 0)`).run();
  db.prepare(`INSERT INTO contacts (tag_id, phone, name, added_at) VALUES (1, '+5511987650001', 'Ana Souza', 0)`).run();
  messageStore(db).upsert([message(1, { sendTo: '5511987650001' }), message(2, { sendTo: '+5511987650002' })], Date.now());
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await writeMessagesCsv(out, { db, timeZone: 'UTC', batchSize: 1 });
  const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
  const name = header!.indexOf('contact_name');
  expect(header![name - 1]).toBe('recipient');
  expect(rows.map((r) => [r[name - 1], r[name]])).toEqual([
    ['+5511987650002', ''],
    ['5511987650001', 'Ana Souza'],
  ]);
  db.close();
});
