import { describe, expect, it } from 'vitest';
import { MessageMap, type MessageRecord } from '../../../electron/sandbox/state';

const message = (id: number, created: number, account = 'a@x'): MessageRecord => ({
  id,
  account,
  sendto: '+441',
  body: 'hi',
  customerid: null,
  status: 7,
  deviceid: 1,
  sim: 0,
  urgent: false,
  created,
  senttime: null,
  timetosend: null,
  paketid: null,
  pakettitle: null,
  paketbody: null,
  pendingReport: null,
});

// The reference getallsms used before the index: a scan and a sort.
const scan = (map: MessageMap, account: string, from?: number, to?: number): number[] =>
  [...map.values()]
    .filter((m) => m.account === account && (from === undefined || m.created >= from) && (to === undefined || m.created <= to))
    .sort((a, b) => a.created - b.created || a.id - b.id)
    .map((m) => m.id);

describe('the sandbox message index', () => {
  it('finds the same messages in the same order as a scan, whatever the insertion order', () => {
    const map = new MessageMap();
    let seed = 7;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let id = 1; id <= 2_000; id++) map.set(id, message(id, Math.floor(random() * 50) * 1000, random() < 0.2 ? 'b@x' : 'a@x'));
    // Replacing a record (same id, another time) moves it.
    map.set(10, message(10, 3_000));
    map.delete(11);
    for (const [from, to] of [
      [undefined, undefined],
      [0, 0],
      [3_000, 3_000],
      [10_500, 20_000],
      [undefined, 5_000],
      [49_000, undefined],
      [60_000, 70_000],
    ] as const) {
      expect(map.createdBetween('a@x', from, to).map((m) => m.id)).toEqual(scan(map, 'a@x', from, to));
      expect(map.createdBetween('b@x', from, to).map((m) => m.id)).toEqual(scan(map, 'b@x', from, to));
    }
    expect(map.createdBetween('nobody@x')).toEqual([]);
    map.clear();
    expect(map.createdBetween('a@x')).toEqual([]);
  });
});
