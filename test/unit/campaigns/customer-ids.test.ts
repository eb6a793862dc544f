import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_ID_MAX,
  CUSTOMER_ID_REGION_START,
  allocateRange,
  customerIdAt,
  indexInRange,
  initialCursor,
  isRelayDeskCustomerId,
} from '../../../electron/main/campaigns/customer-ids';

describe('customerid ranges', () => {
  it('stays within a MySQL INT and above the ids other tools use', () => {
    expect(CUSTOMER_ID_MAX).toBe(2 ** 31 - 1);
    expect(initialCursor(() => 0)).toBe(CUSTOMER_ID_REGION_START);
    expect(initialCursor(() => 0.999999999999)).toBe(CUSTOMER_ID_MAX);
    expect(initialCursor(() => 0.5)).toBeGreaterThan(CUSTOMER_ID_REGION_START);
    expect(() => initialCursor(() => 1)).toThrow(RangeError);
    expect(isRelayDeskCustomerId(0)).toBe(false);
    expect(isRelayDeskCustomerId(12345)).toBe(false);
    expect(isRelayDeskCustomerId(CUSTOMER_ID_MAX + 1)).toBe(false);
  });

  it('gives chunk k the id first + k, and successive campaigns disjoint ranges', () => {
    let cursor = initialCursor(() => 0.25);
    const ranges = [];
    for (const count of [200, 1, 1, 37]) {
      const { range, nextCursor } = allocateRange(cursor, count);
      ranges.push(range);
      cursor = nextCursor;
    }
    const ids = ranges.flatMap((range) => Array.from({ length: range.count }, (_, k) => customerIdAt(range, k)));
    expect(ids.length).toBe(239);
    expect(new Set(ids).size).toBe(239);
    expect(customerIdAt(ranges[0]!, 7)).toBe(ranges[0]!.first + 7);
    for (const id of ids) expect(isRelayDeskCustomerId(id)).toBe(true);
  });

  it('wraps to the region start instead of passing the INT maximum', () => {
    const { range, nextCursor } = allocateRange(CUSTOMER_ID_MAX - 2, 5);
    expect(range.first).toBe(CUSTOMER_ID_REGION_START);
    expect(nextCursor).toBe(CUSTOMER_ID_REGION_START + 5);
    const exact = allocateRange(CUSTOMER_ID_MAX - 4, 5);
    expect(exact.range.first).toBe(CUSTOMER_ID_MAX - 4);
    expect(customerIdAt(exact.range, 4)).toBe(CUSTOMER_ID_MAX);
    expect(exact.nextCursor).toBe(CUSTOMER_ID_REGION_START);
  });

  it('refuses a corrupt cursor, an empty range and a chunk outside its range', () => {
    expect(() => allocateRange(5, 1)).toThrow(RangeError);
    expect(() => allocateRange(CUSTOMER_ID_REGION_START, 0)).toThrow(RangeError);
    const { range } = allocateRange(CUSTOMER_ID_REGION_START, 3);
    expect(() => customerIdAt(range, 3)).toThrow(RangeError);
    expect(() => customerIdAt(range, -1)).toThrow(RangeError);
  });

  it('finds which chunk an id read back belongs to, and ignores ids from elsewhere', () => {
    const { range } = allocateRange(CUSTOMER_ID_REGION_START + 1000, 10);
    expect(indexInRange(range, CUSTOMER_ID_REGION_START + 1003)).toBe(3);
    expect(indexInRange(range, CUSTOMER_ID_REGION_START + 1010)).toBeNull();
    expect(indexInRange(range, 0)).toBeNull();
    expect(indexInRange(range, null)).toBeNull();
  });
});
