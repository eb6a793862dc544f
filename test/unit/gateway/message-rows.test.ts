import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../electron/sandbox/seed';
import { dropDuplicateIds, keptUndated, messagesFromRows, readRows, toMessage } from '../../../electron/main/gateway/map';
import { fastMessage } from '../../../electron/main/gateway/message-rows';
import { readMessageRow } from '../../../electron/main/gateway/schemas';
import type { Message } from '../../../shared/domain';

// The fast row reader (./message-rows.ts) against the lenient readers it stands in for: over random rows in the
// gateway's everyday form with odd values mixed in, every message, rejection, duplicate, log and order must be
// the one the lenient path alone gives (readRows + dropDuplicateIds + toMessage + a sort by Date.parse).

function lenientOnly(raw: readonly unknown[], newestFirst: boolean, log: string[], undatedAt?: number) {
  const read = readRows(raw, readMessageRow);
  if (undatedAt !== undefined) {
    // keepUndated: rejected rows read again with only the number, text and status required (the same step
    // both paths take).
    const kept = keptUndated(raw, read.rejected, undatedAt);
    read.rows.push(...kept.rows);
    read.rejected = kept.rejected;
  }
  const { rows, duplicateIds } = dropDuplicateIds(read.rows);
  const messages = rows.map((row) => toMessage(row, (code, id) => log.push(`${code} ${id}`)));
  const direction = newestFirst ? -1 : 1;
  const ordered = messages
    .map((message) => ({ message, at: Date.parse(message.created.iso) }))
    .sort((a, b) => direction * (a.at - b.at || a.message.id - b.message.id))
    .map(({ message }) => message);
  return { messages: ordered, rejected: read.rejected, duplicateIds };
}

const ZONES = ['Europe/Paris', 'America/Sao_Paulo', 'Asia/Kolkata', 'Australia/Lord_Howe', '+02:00', 'UTC'];

/** Odd forms each field has been seen in, or could be; `undefined` drops the field. */
const ODD: Record<string, unknown[]> = {
  id: ['62807347', ' 260', 0, -4, 1.5, null, undefined, 2 ** 53, 'x', {}],
  sendto: [4477, null, undefined, '', ' +33 6 ', true],
  body: [null, undefined, '', 'null', 12, false, ['a']],
  customerid: ['15', '', 'null', 1.5, 'x', -3, 0, 1e21, 1e20],
  status: ['7', 99, 0, -0, 1.5, null, 'delivered'],
  statustitle: [null, '', 'null', 3, undefined, {}],
  deviceid: ['260', null, -1, 1.5, undefined, 0],
  sim: ['1', null, 6, -1, 'null', '', 1.5, undefined, 5, -0],
  urgent: [true, 1, 0, '1', 'true', 'false', '', 'null', 2, false],
  created: [
    null,
    undefined,
    'null',
    { date: 'yesterday', timezone: 'UTC' },
    { date: '2024-03-31 02:30:00.000000', timezone_type: 3, timezone: 'Europe/Paris' },
  ],
  senttime: [
    null,
    '',
    'null',
    42,
    { date: '2024-10-27 02:30:00', timezone_type: '3', timezone: 'Europe/Paris' },
    { date: '2024-01-01 00:00:00', timezone: 'Mars/Olympus' },
  ],
  timetosend: [
    { date: ' 2024-01-01 00:00:00 ', timezone_type: 2, timezone: 'CEST' },
    { date: '2024-01-01 00:00:00', timezone_type: null, timezone: ' UTC ' },
    [],
  ],
  paketid: [5, '5', 0, '0', null, 'null', 1.5, -2],
  pakettitle: ['Promo', '', 'null', 7, null, undefined],
  paketbody: ['Hi', '', 'null', 7, null, undefined],
};

function randomRows(random: () => number, count: number, oddness: number): unknown[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const zone = pick(ZONES);
  const date = (ms: number) => {
    const text = new Date(ms).toISOString().replace('T', ' ').replace('Z', '000');
    return { date: text, timezone_type: zone.startsWith('+') ? 1 : 3, timezone: zone };
  };
  let at = Date.UTC(2024, 2, 29) + Math.floor(random() * 400) * 86_400_000;
  let id = 62_800_000 + Math.floor(random() * 1000);
  const rows: unknown[] = [];
  for (let i = 0; i < count; i++) {
    // Mostly rising ids and dates; now and then a step back, the same second, or an id seen before.
    at += Math.floor(random() * 600_000) - (random() < 0.05 ? 3_600_000 : 0);
    id += random() < 0.03 ? -Math.floor(random() * 5) : 1 + Math.floor(random() * 3);
    const newsletter = random() < 0.2;
    const row: Record<string, unknown> = {
      id,
      sendto: `+5570${Math.floor(random() * 1e8)}`,
      body: pick(['Olá! Seu pedido saiu.', 'Grüße ☕', '', 'STOP']),
      customerid: random() < 0.5 ? null : Math.floor(random() * 20_000),
      status: pick([1, 2, 3, 5, 7, 8, 9, 10, 11, 20]),
      statustitle: pick(['delivered', null, 'New']),
      deviceid: pick([260, 262, 300]),
      sim: pick([0, 1, 2, null]),
      urgent: pick([null, true, false]),
      created: date(at),
      senttime: random() < 0.5 ? null : date(at + 30_000),
      timetosend: random() < 0.8 ? null : date(at - 60_000),
      paketid: newsletter ? 100 + Math.floor(random() * 5) : null,
      pakettitle: newsletter ? 'Black Friday' : null,
      paketbody: newsletter ? 'Hello {name}' : null,
    };
    for (const field of Object.keys(ODD)) {
      if (random() < oddness) {
        const value = pick(ODD[field]!);
        if (value === undefined) delete row[field];
        else row[field] = value;
      }
    }
    rows.push(random() < oddness / 4 ? pick([null, 'row', [row], 7]) : row);
  }
  return rows;
}

describe('fast getallsms rows', () => {
  it('gives the lenient path’s messages, rejections, duplicates, logs and order, odd rows or not (kept undated or not)', () => {
    const random = mulberry32(2222);
    let fastRows = 0;
    for (let reply = 0; reply < 300; reply++) {
      const oddness = [0, 0.001, 0.02, 0.2][reply % 4]!;
      const raw = randomRows(random, 1 + Math.floor(random() * 300), oddness);
      const newestFirst = random() < 0.5;
      const undatedAt = random() < 0.3 ? Date.UTC(2025, 0, 1) + Math.floor(random() * 1e10) : undefined;
      const fastLog: string[] = [];
      const slowLog: string[] = [];
      const actual = messagesFromRows(raw, {
        newestFirst,
        onUnknownStatus: (code, id) => fastLog.push(`${code} ${id}`),
        ...(undatedAt === undefined ? {} : { undatedAt }),
      });
      const expected = lenientOnly(raw, newestFirst, slowLog, undatedAt);
      expect(actual).toStrictEqual(expected);
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      expect(fastLog).toEqual(slowLog);
      const createdMs: number[] = [];
      for (const row of raw) {
        const message = fastMessage(row, createdMs);
        if (message === null) continue;
        fastRows++;
        const read = readMessageRow(row);
        expect(read.ok).toBe(true);
        if (read.ok) expect(JSON.stringify(message)).toBe(JSON.stringify(toMessage(read.row)));
        expect(createdMs.at(-1)).toBe(Date.parse(message.created.iso));
      }
    }
    expect(fastRows).toBeGreaterThan(20_000);
  });

  it('reads a row in the sandbox’s form itself, and leaves a numeric string or "null" to the lenient readers', () => {
    const row = {
      id: 62807104,
      sendto: '+557002914192',
      body: 'Olá!',
      customerid: null,
      status: 7,
      statustitle: 'delivered',
      deviceid: 260,
      sim: 2,
      urgent: null,
      created: { date: '2026-11-19 02:48:47.000000', timezone_type: 3, timezone: 'Europe/Paris' },
      senttime: { date: '2026-11-19 02:49:37.000000', timezone_type: 3, timezone: 'Europe/Paris' },
      timetosend: null,
      paketid: null,
      pakettitle: null,
      paketbody: null,
    };
    const createdMs: number[] = [];
    expect(fastMessage(row, createdMs)).toStrictEqual<Message>({
      id: 62807104,
      sendTo: '+557002914192',
      body: 'Olá!',
      customerId: null,
      status: 7,
      statusTitle: 'delivered',
      deviceId: 260,
      sim: 2,
      urgent: false,
      created: { iso: '2026-11-19T01:48:47.000Z', zone: 'Europe/Paris' },
      sentAt: { iso: '2026-11-19T01:49:37.000Z', zone: 'Europe/Paris' },
      sendAt: null,
      newsletter: null,
    });
    expect(createdMs).toEqual([Date.parse('2026-11-19T01:48:47.000Z')]);
    for (const odd of [{ id: '62807104' }, { sim: 'null' }, { status: 99 }, { body: 5 }, { urgent: '1' }]) {
      expect(fastMessage({ ...row, ...odd }, createdMs)).toBeNull();
    }
    expect(createdMs).toHaveLength(1);
  });
});
