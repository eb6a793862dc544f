import { PassThrough } from 'node:stream';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../electron/main/db';
import type { Db } from '../../../electron/main/db';
import { exportMessagesCsv, writeMessagesCsv } from '../../../electron/main/messages/export';
import {
  decideFailureAlert,
  decideWaitingTooLong,
  failureWindow,
  planRefresh,
  waitingMessages,
} from '../../../electron/main/messages/refresh';
import { reportFigures, todayFigures } from '../../../electron/main/messages/stats';
import { messageStore } from '../../../electron/main/messages/store';
import { Temporal } from 'temporal-polyfill';
import { isoInZone, localBuckets } from '../../../electron/main/messages/zone';
import { message } from './fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;
let db: Db;
beforeEach(() => {
  db = openMemoryDatabase();
});

async function csvOf(options: Parameters<typeof writeMessagesCsv>[1]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeMessagesCsv(out, options);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('instants in the user zone', () => {
  it('writes ISO 8601 with the offset in force at each instant, across a DST change', () => {
    const paris = isoInZone('Europe/Paris');
    expect(paris(Date.UTC(2024, 2, 31, 0, 59, 59))).toBe('2024-03-31T01:59:59+01:00');
    expect(paris(Date.UTC(2024, 2, 31, 1, 0, 0))).toBe('2024-03-31T03:00:00+02:00');
    expect(paris(Date.UTC(2024, 9, 27, 0, 30, 0))).toBe('2024-10-27T02:30:00+02:00');
    expect(paris(Date.UTC(2024, 9, 27, 1, 30, 0))).toBe('2024-10-27T02:30:00+01:00');
    expect(isoInZone('Asia/Kathmandu')(Date.UTC(2024, 0, 1, 0, 0, 0, 250))).toBe('2024-01-01T05:45:00.250+05:45');
    expect(isoInZone('America/Sao_Paulo')(Date.UTC(2024, 0, 1, 2, 0, 0))).toBe('2023-12-31T23:00:00-03:00');
    expect(isoInZone('UTC')(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00+00:00');
  });

  it('writes what Temporal says for instants in time order, as an export asks, across offset changes', () => {
    // The formatter keeps the last minute's text (zone.ts): walked in order through DST changes, half-hour
    // zones, milliseconds and instants before 1970, each must still read as Temporal reads it.
    let seed = 7;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const reference = (ms: number, zone: string): string => {
      const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
      const millis = z.millisecond ? `.${String(z.millisecond).padStart(3, '0')}` : '';
      return `${z.toPlainDateTime().toString({ smallestUnit: 'second' })}${millis}${z.offset}`;
    };
    for (const zone of ['Europe/Paris', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'UTC']) {
      const format = isoInZone(zone);
      for (const start of [
        Date.UTC(2024, 2, 31, 0, 58),
        Date.UTC(2024, 9, 27, 0, 58),
        Date.UTC(2024, 3, 6, 14, 58),
        Date.UTC(1969, 11, 31, 23, 58),
      ]) {
        let ms = start;
        for (let i = 0; i < 400; i++) {
          ms += Math.floor(random() * (random() < 0.1 ? 40 * MIN : 20_000));
          if (random() < 0.2) ms += Math.floor(random() * 1000);
          expect(format(ms)).toBe(reference(ms, zone));
        }
      }
    }
  });

  it('refuses a zone it does not know', () => {
    expect(() => isoInZone('Mars/Olympus')).toThrow(RangeError);
  });

  it('cuts local days of 23 and 25 hours where DST changes', () => {
    const edges = localBuckets(Date.UTC(2024, 2, 30, 12), Date.UTC(2024, 2, 31, 12), 'day', 'Europe/Paris', 10);
    expect(edges.map((ms) => new Date(ms).toISOString())).toEqual([
      '2024-03-29T23:00:00.000Z',
      '2024-03-30T23:00:00.000Z',
      '2024-03-31T22:00:00.000Z',
    ]);
    expect(() => localBuckets(0, 1_000 * HOUR, 'hour', 'UTC', 100)).toThrow(/more than 100 hours/);
  });
});

describe('CSV export', () => {
  it('has a BOM, escapes formula cells and quotes, keeps accents, and writes status code and name', async () => {
    messageStore(db).upsert(
      [
        message(1, {
          body: '=HYPERLINK("http://evil.example","click")',
          status: 7,
          createdMs: Date.UTC(2024, 6, 1, 10),
          sentMs: Date.UTC(2024, 6, 1, 10, 0, 30),
        }),
        message(2, { body: 'Olá, "amigo"\nsegunda linha', status: 8, sendTo: '+5511987650000', createdMs: Date.UTC(2024, 6, 1, 11) }),
        message(3, {
          body: '@SUM(A1)',
          status: 101,
          sim: 2,
          customerId: 7,
          createdMs: Date.UTC(2024, 6, 1, 12),
          newsletter: { id: 9, title: '+Promo', body: 'x' },
        }),
      ],
      0,
    );
    const text = await csvOf({ db, timeZone: 'America/Sao_Paulo', sort: { column: 'id', direction: 'asc' } });
    expect(text.startsWith('\ufeffid,created,')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    const [header, a, b, c] = parsed.data;
    const col = (name: string): number => header!.indexOf(name);
    expect(a![col('body')]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(a![col('created')]).toBe('2024-07-01T07:00:00-03:00');
    expect(a![col('sent')]).toBe('2024-07-01T07:00:30-03:00');
    expect(a![col('status_code')]).toBe('7');
    expect(a![col('status')]).toBe('Delivered');
    expect(b![col('body')]).toBe('Olá, "amigo"\nsegunda linha');
    expect(b![col('recipient')]).toBe('+5511987650000'); // a number, not a formula: left readable
    expect(b![col('sent')]).toBe('');
    expect(c![col('body')]).toBe("'@SUM(A1)");
    expect(c![col('newsletter')]).toBe("'+Promo");
    expect(c![col('channel')]).toBe('whatsapp-business');
    expect(c![col('status')]).toBe('Not sent: not allowed');
  });

  it('exports exactly the filter, in pages, with the caller words for statuses', async () => {
    messageStore(db).upsert(
      Array.from({ length: 2_500 }, (_, i) => message(i + 1, { status: i % 2 ? 7 : 8 })),
      0,
    );
    const progress: number[] = [];
    const text = await csvOf({
      db,
      filter: { statuses: [8] },
      batchSize: 300,
      onProgress: (n) => progress.push(n),
      statusName: (code) => `S${code}`,
      timeZone: 'UTC',
    });
    const lines = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(lines).toHaveLength(1 + 1_250);
    expect(new Set(lines.slice(1).map((l) => l[0])).size).toBe(1_250);
    expect(lines.slice(1).every((l) => l[4] === '8' && l[5] === 'S8')).toBe(true);
    expect(progress.at(-1)).toBe(1_250);
    expect(progress.length).toBeGreaterThan(3);
  });

  describe('to a file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'relay-export-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('appears under its name only when complete; a cancelled export leaves nothing', async () => {
      messageStore(db).upsert(
        Array.from({ length: 3_000 }, (_, i) => message(i + 1)),
        0,
      );
      const path = join(dir, 'history.csv');
      const done = await exportMessagesCsv(path, { db, timeZone: 'UTC' });
      expect(done.rows).toBe(3_000);
      expect(readFileSync(path, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(3_001);

      const controller = new AbortController();
      const cancelled = join(dir, 'cancelled.csv');
      const run = exportMessagesCsv(cancelled, {
        db,
        batchSize: 100,
        signal: controller.signal,
        onProgress: (n) => n >= 500 && controller.abort(),
      });
      await expect(run).rejects.toThrow();
      expect(readdirSync(dir)).toEqual(['history.csv']);
    });
  });
});

describe('figures', () => {
  it('counts today by status group in the user zone', () => {
    const now = Date.UTC(2024, 6, 1, 21, 30); // 23:30 in Paris
    messageStore(db).upsert(
      [
        message(1, { status: 7, createdMs: Date.UTC(2024, 6, 1, 21, 0) }),
        message(2, { status: 9, createdMs: Date.UTC(2024, 5, 30, 22, 30) }), // 00:30 Paris: today
        message(3, { status: 1, createdMs: Date.UTC(2024, 5, 30, 21, 30) }), // 23:30 Paris yesterday
        message(4, { status: 6, createdMs: Date.UTC(2024, 6, 1, 8) }),
        message(5, { status: 5, createdMs: Date.UTC(2024, 6, 1, 9) }),
      ],
      now,
    );
    const paris = todayFigures(db, { now, timeZone: 'Europe/Paris' });
    expect(paris).toMatchObject({ delivered: 1, failed: 1, waiting: 0, sent: 1, incoming: 1, total: 4 });
    const utc = todayFigures(db, { now, timeZone: 'UTC' });
    expect(utc).toMatchObject({ delivered: 1, failed: 0, sent: 1, incoming: 1, total: 3 });
  });

  it('buckets per phone and channel, with delivery rate and the median wait before sending', () => {
    const day = Date.UTC(2024, 6, 1, 0); // 02:00 Paris
    messageStore(db).upsert(
      [
        message(1, { deviceId: 1, sim: 0, status: 7, createdMs: day + 1 * HOUR, sentMs: day + 1 * HOUR + 10_000 }),
        message(2, { deviceId: 1, sim: 0, status: 7, createdMs: day + 1 * HOUR + 5 * MIN, sentMs: day + 1 * HOUR + 5 * MIN + 30_000 }),
        message(3, { deviceId: 1, sim: 0, status: 8, createdMs: day + 2 * HOUR, sentMs: day + 2 * HOUR + 1_000 }),
        message(4, { deviceId: 1, sim: 1, status: 1, createdMs: day + 2 * HOUR + 59 * MIN }),
        message(5, { deviceId: 2, sim: 0, status: 7, createdMs: day + 3 * HOUR, sentMs: day + 3 * HOUR + 20_000 }),
        message(6, { deviceId: 2, sim: 0, status: 7, createdMs: day + 30 * HOUR, sentMs: day + 30 * HOUR + 1_000 }), // outside
      ],
      0,
    );
    const r = reportFigures(db, { fromMs: day + HOUR, toMs: day + 4 * HOUR, bucket: 'hour', timeZone: 'Europe/Paris' });
    expect(r.edges).toHaveLength(4);
    expect(r.series.map((s) => [s.deviceId, s.sim])).toEqual([
      [1, 0],
      [1, 1],
      [2, 0],
    ]);
    expect(r.series[0]!.delivered).toEqual([2, 0, 0]);
    expect(r.series[0]!.failed).toEqual([0, 1, 0]);
    expect(r.series[1]!.waiting).toEqual([0, 1, 0]);
    expect(r.series[2]!.delivered).toEqual([0, 0, 1]);
    expect(r.totals).toMatchObject({ delivered: 3, failed: 1, waiting: 1 });
    expect(r.deliveryRate).toBeCloseTo(0.75);
    expect(r.medianCreatedToSentMs).toBe(20_000); // of 10 s, 30 s, 20 s
    const onePhone = reportFigures(db, {
      fromMs: day,
      toMs: day + 2 * 86_400_000,
      bucket: 'day',
      timeZone: 'Europe/Paris',
      deviceIds: [2],
    });
    expect(onePhone.totals.delivered).toBe(2);
    expect(onePhone.medianCreatedToSentMs).toBe(10_500);
  });

  it('gives the median time to deliver only over deliveries the mirror saw happen, from sent to seen', () => {
    const day = Date.UTC(2024, 6, 1, 0);
    const store = messageStore(db);
    const range = { fromMs: day, toMs: day + 86_400_000, bucket: 'day' as const, timeZone: 'UTC' };
    // Arrived in the mirror already delivered: no delivery time is known for these.
    store.upsert([message(1, { status: 7, createdMs: day + HOUR, sentMs: day + HOUR + 5_000 })], day + 5 * HOUR);
    expect(reportFigures(db, range)).toMatchObject({ medianSentToDeliveredMs: null, deliverySeenCount: 0, medianCreatedToSentMs: 5_000 });

    // Sent, then seen delivered by a later sync (40 s after sending) and by live refreshes (60 s and 3 min).
    store.upsert(
      [
        message(2, { status: 6, createdMs: day + 2 * HOUR, sentMs: day + 2 * HOUR + 10_000 }),
        message(3, { status: 6, createdMs: day + 2 * HOUR, sentMs: day + 2 * HOUR + 20_000 }),
        message(4, { status: 3, createdMs: day + 2 * HOUR }),
      ],
      day + 2 * HOUR + 30_000,
    );
    store.upsert([message(2, { status: 7, createdMs: day + 2 * HOUR, sentMs: day + 2 * HOUR + 10_000 })], day + 2 * HOUR + 50_000);
    store.setStatus(3, 7, 'delivered', day + 2 * HOUR + 80_000);
    store.setStatus(4, 7, 'delivered', day + 2 * HOUR + 200_000); // no sent time: left out
    // A repeated read of a delivered message leaves its sighting alone.
    store.upsert([message(2, { status: 7, createdMs: day + 2 * HOUR, sentMs: day + 2 * HOUR + 10_000 })], day + 9 * HOUR);
    store.setStatus(3, 7, 'delivered', day + 9 * HOUR);
    const r = reportFigures(db, range);
    expect(r.deliverySeenCount).toBe(2);
    expect(r.medianSentToDeliveredMs).toBe(50_000); // of 40 s and 60 s
    expect(r.totals.delivered).toBe(4);
  });
});

describe('live refresh decisions', () => {
  it('asks one by one for a handful, by window for more', () => {
    expect(planRefresh([])).toEqual({ kind: 'none' });
    const few = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, createdMs: 1_000 + i }));
    expect(planRefresh(few)).toEqual({ kind: 'status', ids: few.map((m) => m.id) });
    expect(planRefresh([...few, { id: 99, createdMs: 500 }])).toEqual({ kind: 'windows', fromMs: 500 });
  });

  it('alerts on failures over the threshold, once per cool-down', () => {
    const threshold = { count: 5, rate: 0.2, windowMs: 15 * MIN, cooldownMs: 30 * MIN };
    expect(decideFailureAlert({ failed: 4, finished: 4 }, threshold, null, 0)).toBe(false);
    expect(decideFailureAlert({ failed: 5, finished: 100 }, threshold, null, 0)).toBe(false); // 5 %: normal noise
    expect(decideFailureAlert({ failed: 5, finished: 20 }, threshold, null, 0)).toBe(true);
    expect(decideFailureAlert({ failed: 5, finished: 20 }, threshold, 0, 29 * MIN)).toBe(false);
    expect(decideFailureAlert({ failed: 5, finished: 20 }, threshold, 0, 30 * MIN)).toBe(true);
    expect(decideFailureAlert({ failed: 5, finished: 0 }, { count: 5, windowMs: 15 * MIN, cooldownMs: 30 * MIN }, null, 0)).toBe(true); // no rate given
  });

  it('counts failures by when the mirror saw them change', () => {
    const store = messageStore(db);
    store.upsert([message(1, { status: 6 }), message(2, { status: 6 }), message(3, { status: 6 })], 0);
    store.upsert([message(1, { status: 8 }), message(2, { status: 7 })], 100 * MIN);
    store.upsert([message(3, { status: 9 })], 200 * MIN);
    expect(failureWindow(db, 110 * MIN, 15 * MIN)).toEqual({ failed: 1, finished: 2 });
    expect(failureWindow(db, 210 * MIN, 15 * MIN)).toEqual({ failed: 1, finished: 1 });
  });

  it('names messages waiting too long once, oldest first, a few at a time', () => {
    const now = 10 * HOUR;
    messageStore(db).upsert(
      [
        message(1, { status: 1, createdMs: now - 3 * HOUR }),
        message(2, { status: 2, createdMs: now - 2 * HOUR }),
        message(3, { status: 3, createdMs: now - 4 * HOUR }),
        message(4, { status: 6, createdMs: now - 5 * HOUR }), // sent: not waiting on the phone
        message(5, { status: 1, createdMs: now - 10 * MIN }),
      ],
      0,
    );
    const waiting = waitingMessages(db, 0);
    expect(waiting.map((m) => m.id)).toEqual([3, 1, 2, 5]);
    expect(decideWaitingTooLong(waiting, { now, maxWaitMs: HOUR, announced: new Set([1]), limit: 1 })).toEqual({
      ids: [3],
      more: 1,
      all: [3, 2],
    });
    expect(decideWaitingTooLong(waiting, { now, maxWaitMs: HOUR, announced: new Set([1, 2, 3]) })).toEqual({ ids: [], more: 0, all: [] });
  });
});
