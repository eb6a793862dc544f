import { beforeEach, describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../electron/main/db';
import type { Db } from '../../../electron/main/db';
import {
  filterFromSearchParams,
  filterToSearchParams,
  messageFilterSchema,
  messagePageSchema,
} from '../../../electron/main/messages/filter';
import type { MessageFilter, MessagePageInput } from '../../../electron/main/messages/filter';
import { countMessages, filterToSql, getMessage, listMessages, phoneNeedle } from '../../../electron/main/messages/query';
import { messageStore } from '../../../electron/main/messages/store';
import { message, T0 } from './fixtures';

const MIN = 60_000;
let db: Db;

// Twelve messages with a bit of everything. Created at T0 + id minutes unless said otherwise.
const ROWS = [
  message(1, { status: 7, deviceId: 1, sim: 0, sendTo: '+44 7700 900001', body: 'Your order #12345 is ready', customerId: 100 }),
  message(2, { status: 8, deviceId: 1, sim: 1, sendTo: '+447700900002', body: 'Olá! Seu pedido saiu', customerId: 101 }),
  message(3, { status: 9, deviceId: 2, sim: 0, sendTo: '+33612345678', body: 'Rappel: rendez-vous demain', customerId: 102 }),
  message(4, { status: 1, deviceId: 2, sim: 2, sendTo: '+5511987650000', body: 'OLA amigo', customerId: null }),
  message(5, { status: 3, deviceId: 3, sim: 3, sendTo: '+5511987650001', body: 'Grüße aus dem Laden', customerId: 0 }),
  message(6, { status: 2, deviceId: 3, sim: 0, sendTo: '+1 555 0100', body: 'Code 4242', urgent: true }),
  message(7, {
    status: 6,
    deviceId: 1,
    sim: 0,
    sendTo: '+447700900007',
    body: 'Newsletter June',
    newsletter: { id: 55, title: 'June news', body: 'Newsletter June' },
  }),
  message(8, {
    status: 7,
    deviceId: 1,
    sim: 0,
    sendTo: '+447700900008',
    body: 'Newsletter June',
    newsletter: { id: 55, title: 'June news', body: 'Newsletter June' },
  }),
  message(9, { status: 5, deviceId: 2, sim: 0, sendTo: '+447700900009', body: 'STOP' }),
  message(10, { status: 100, deviceId: 2, sim: 1, sendTo: '+447700900010', body: '50% off_today', customerId: 2_000_000_001 }),
  message(11, {
    status: 7,
    deviceId: 1,
    sim: 0,
    sendTo: '+447700900011',
    body: 'Campaign A',
    customerId: 2_000_000_002,
    createdMs: T0 + 2 * 86_400_000,
  }),
  message(12, {
    status: 12,
    deviceId: 3,
    sim: 1,
    sendTo: '+447700900012',
    body: 'Campaign A',
    customerId: 2_000_000_003,
    createdMs: T0 - 86_400_000,
  }),
];

beforeEach(() => {
  db = openMemoryDatabase();
  messageStore(db).upsert(ROWS, T0);
});

const ids = (input: MessagePageInput = {}): number[] =>
  listMessages(db, { sort: { column: 'id', direction: 'asc' }, ...input }).rows.map((m) => m.id);
const only = (filter: MessageFilter): number[] => ids({ filter: messageFilterSchema.parse(filter) });

describe('filters', () => {
  it('no filter lists everything, newest first by default', () => {
    const page = listMessages(db);
    expect(page.total).toBe(12);
    expect(page.rows.map((m) => m.id)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 12]);
  });

  it('by phone (device), any of several', () => {
    expect(only({ deviceIds: [3] })).toEqual([5, 6, 12]);
    expect(only({ deviceIds: [2, 3] })).toEqual([3, 4, 5, 6, 9, 10, 12]);
  });

  it('by status code, by group, and by both (either matches)', () => {
    expect(only({ statuses: [7] })).toEqual([1, 8, 11]);
    expect(only({ groups: ['waiting'] })).toEqual([4, 5, 6]);
    expect(only({ groups: ['sent'] })).toEqual([7]);
    expect(only({ groups: ['failed'] })).toEqual([2, 3, 10, 12]);
    expect(only({ groups: ['incoming'] })).toEqual([9]);
    expect(only({ groups: ['delivered'], statuses: [8] })).toEqual([1, 2, 8, 11]);
  });

  it('by date range: from included, to excluded', () => {
    expect(only({ from: new Date(T0 + 3 * MIN).toISOString(), to: new Date(T0 + 6 * MIN).toISOString() })).toEqual([3, 4, 5]);
    // The same instant written with an offset.
    expect(only({ from: '2024-06-10T10:03:00+02:00', to: '2024-06-10T10:06:00+02:00' })).toEqual([3, 4, 5]);
  });

  it('by channel (sim)', () => {
    expect(only({ sims: [1] })).toEqual([2, 10, 12]);
    expect(only({ sims: [2, 3] })).toEqual([4, 5]);
  });

  it('by customerid, and a campaign by its customerid range', () => {
    expect(only({ customerId: 0 })).toEqual([5]);
    expect(only({ customerId: 101 })).toEqual([2]);
    expect(only({ customerIdRange: [2_000_000_001, 2_000_000_002] })).toEqual([10, 11]);
  });

  it('by recipient number: any part, spaces, + and a trunk 0 do not matter', () => {
    expect(only({ phone: '900001' })).toEqual([1]);
    expect(only({ phone: '+44 7700 900 00' })).toEqual([1, 2, 7, 8, 9]);
    expect(only({ phone: '0555 0100' })).toEqual([6]);
    expect(only({ phone: '  ' })).toHaveLength(12);
  });

  it('by newsletter', () => {
    expect(only({ newsletterId: 55 })).toEqual([7, 8]);
  });

  it('by text anywhere in the body, blind to case and accents, with % and _ taken literally', () => {
    expect(only({ text: 'ola' })).toEqual([2, 4]);
    expect(only({ text: 'GRUSSE' })).toEqual([]); // ß is not folded to ss
    expect(only({ text: 'grüsse' })).toEqual([]);
    expect(only({ text: 'gruße' })).toEqual([5]);
    expect(only({ text: '2345' })).toEqual([1]);
    expect(only({ text: '50%' })).toEqual([10]);
    expect(only({ text: 'f_t' })).toEqual([10]);
    expect(only({ text: '%' })).toEqual([10]);
  });

  it('combines every filter with AND', () => {
    expect(only({ deviceIds: [1], groups: ['delivered'], sims: [0], from: new Date(T0).toISOString() })).toEqual([1, 8, 11]);
    expect(only({ deviceIds: [1], groups: ['delivered'], text: 'newsletter', phone: '7700' })).toEqual([8]);
    expect(only({ deviceIds: [2], groups: ['failed'], sims: [1], customerIdRange: [2_000_000_000, 2_100_000_000] })).toEqual([10]);
    expect(only({ deviceIds: [2], statuses: [7] })).toEqual([]);
  });

  it('counts every match whatever the page size', () => {
    expect(countMessages(db, { groups: ['failed'] })).toBe(4);
    const page = listMessages(db, { filter: { text: 'a' }, limit: 2 });
    expect(page.rows).toHaveLength(2);
    expect(page.total).toBe(countMessages(db, { text: 'a' }));
  });

  it('binds values instead of writing them into the SQL', () => {
    const { where, params } = filterToSql({ text: "'; DROP TABLE messages; --", phone: '1' });
    expect(where).not.toContain('DROP');
    expect(params).toContain("'; drop table messages; --");
    expect(listMessages(db, { filter: { text: "'; DROP TABLE messages; --" } }).total).toBe(0);
    expect(countMessages(db, {})).toBe(12);
  });
});

describe('sorting and paging', () => {
  it('sorts by any column, ties by creation then id, "none" first when ascending', () => {
    const by = (column: NonNullable<MessagePageInput['sort']>['column'], direction: 'asc' | 'desc' = 'asc'): number[] =>
      listMessages(db, { sort: { column, direction } }).rows.map((m) => m.id);
    expect(by('status')).toEqual([4, 6, 5, 9, 7, 1, 8, 11, 2, 3, 12, 10]);
    expect(by('customerId').slice(0, 6)).toEqual([4, 6, 7, 8, 9, 5]);
    expect(by('sendTo', 'desc').slice(0, 2)).toEqual([5, 4]); // +5511987650001, +5511987650000
    expect(by('deviceId', 'desc').slice(0, 3)).toEqual([6, 5, 12]);
    expect(by('newsletterId', 'desc').slice(0, 2)).toEqual([8, 7]);
  });

  it('pages by offset and by cursor alike, without gaps or repeats', () => {
    for (const column of ['created', 'status', 'sendTo', 'customerId', 'sentAt'] as const) {
      const sort = { column, direction: 'desc' as const };
      const all = listMessages(db, { sort, limit: 100 }).rows.map((m) => m.id);
      const byCursor: number[] = [];
      let page = listMessages(db, { sort, limit: 5 });
      byCursor.push(...page.rows.map((m) => m.id));
      while (page.nextCursor) {
        page = listMessages(db, { sort, limit: 5, after: page.nextCursor, withTotal: false });
        byCursor.push(...page.rows.map((m) => m.id));
      }
      expect(byCursor).toEqual(all);
      const byOffset = [0, 5, 10].flatMap((offset) => listMessages(db, { sort, limit: 5, offset }).rows.map((m) => m.id));
      expect(byOffset).toEqual(all);
    }
  });

  it('pages a text search by cursor too (the one-scan path)', () => {
    const sort = { column: 'created' as const, direction: 'asc' as const };
    const first = listMessages(db, { filter: { text: 'a' }, sort, limit: 3 });
    const second = listMessages(db, { filter: { text: 'a' }, sort, limit: 3, after: first.nextCursor! });
    const all = listMessages(db, { filter: { text: 'a' }, sort, limit: 100 }).rows.map((m) => m.id);
    expect([...first.rows, ...second.rows].map((m) => m.id)).toEqual(all.slice(0, 6));
    expect(second.total).toBe(all.length);
  });

  it('gives back the message as the domain type, instants as instants with their zone', () => {
    const m = getMessage(db, 7)!;
    expect(m.created).toEqual({ iso: new Date(T0 + 7 * MIN).toISOString(), zone: 'Europe/Paris' });
    expect(m.newsletter).toEqual({ id: 55, title: 'June news', body: 'Newsletter June' });
    expect(getMessage(db, 999)).toBeNull();
  });
});

describe('filter schema and URL', () => {
  it('refuses what the screen could not have sent', () => {
    expect(messageFilterSchema.safeParse({ statuses: [4] }).success).toBe(false);
    expect(messageFilterSchema.safeParse({ groups: ['lost'] }).success).toBe(false);
    expect(messageFilterSchema.safeParse({ from: '2024-06-10 08:00' }).success).toBe(false);
    expect(messageFilterSchema.safeParse({ customerIdRange: [5, 1] }).success).toBe(false);
    expect(messageFilterSchema.safeParse({ from: '2024-06-11T00:00:00Z', to: '2024-06-10T00:00:00Z' }).success).toBe(false);
    expect(messageFilterSchema.safeParse({ sql: 'x' }).success).toBe(false);
    expect(messagePageSchema.safeParse({ limit: 5_000 }).success).toBe(false);
    expect(messagePageSchema.safeParse({ offset: 5, after: { value: 1, created: 1, id: 1 } }).success).toBe(false);
  });

  it('survives a round trip through the URL', () => {
    const filter: MessageFilter = {
      deviceIds: [12, 14],
      groups: ['delivered', 'failed'],
      statuses: [6],
      from: '2024-06-01T00:00:00+02:00',
      to: '2024-06-08T00:00:00+02:00',
      sims: [0, 2],
      customerId: 7,
      customerIdRange: [2_000_000_000, 2_000_000_500],
      phone: '+44 7700',
      newsletterId: 55,
      text: 'pedido & co',
    };
    const params = filterToSearchParams(filter);
    const back = filterFromSearchParams(new URLSearchParams(params.toString()));
    expect(back.success).toBe(true);
    expect(back.data).toEqual(filter);
  });

  it('says which value of a hand-edited URL is wrong', () => {
    const result = filterFromSearchParams(new URLSearchParams('status=delivered&status=lost&device=x'));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(['groups', 'deviceIds']));
  });

  it('normalises the number a user types', () => {
    expect(phoneNeedle('+44 (0)7700-900')).toBe('4407700900');
    expect(phoneNeedle('07700 900')).toBe('7700900');
  });
});
