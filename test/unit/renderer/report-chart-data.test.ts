import { describe, expect, it } from 'vitest';
import { labelledBuckets, niceMax, stackedBars, STACK_BANDS } from '../../../renderer/src/pages/report/chart-data';

// The report chart's arithmetic: stacked bars whose tops are the bucket totals, a round axis top, and
// which buckets get a date under them for the room there is.

describe('stackedBars', () => {
  it('stacks delivered, then failed, then waiting, so each layer is as tall as its own count', () => {
    const data = stackedBars({ delivered: [10, 0, 3], failed: [1, 0, 0], waiting: [2, 5, 0] });
    expect(data).toEqual([
      [0, 1, 2],
      [10, 0, 3],
      [11, 0, 3],
      [13, 5, 3],
    ]);
    // Each layer is drawn from the one under it.
    expect(STACK_BANDS).toEqual([{ series: [2, 1] }, { series: [3, 2] }]);
  });

  it('reads a missing count as none and an empty range as no bars', () => {
    expect(stackedBars({ delivered: [4, 4], failed: [1], waiting: [] })).toEqual([
      [0, 1],
      [4, 4],
      [5, 4],
      [5, 4],
    ]);
    expect(stackedBars({ delivered: [], failed: [], waiting: [] })).toEqual([[], [], [], []]);
  });
});

describe('niceMax', () => {
  it('rounds the axis up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 3, 7, 10, 11, 98, 101, 2_400].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 100, 200, 5_000]);
  });
});

describe('labelledBuckets', () => {
  it('spreads the labels evenly, always labels the last bucket, and lets a label too close to it give way', () => {
    expect(labelledBuckets(20, 8)).toEqual([0, 3, 6, 9, 12, 15, 19]);
    expect(labelledBuckets(5, 8)).toEqual([0, 1, 2, 3, 4]);
    expect(labelledBuckets(48, 4)).toEqual([0, 12, 24, 47]);
  });

  it('labels a single bucket, and nothing when there is no room computed yet or no bucket', () => {
    expect(labelledBuckets(1, 8)).toEqual([0]);
    expect(labelledBuckets(10, 0)).toEqual([9]);
    expect(labelledBuckets(0, 8)).toEqual([]);
  });
});
