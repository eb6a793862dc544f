import { describe, expect, it } from 'vitest';
import { nextPollDelayMs } from '../../../electron/main/lib/backoff';

describe('poll backoff', () => {
  it('uses the normal interval while polls succeed', () => {
    expect(nextPollDelayMs(30_000, 0)).toBe(30_000);
  });

  it('doubles from the poll interval up to 5 minutes', () => {
    const delays = [1, 2, 3, 4, 5, 6, 50].map((failures) => nextPollDelayMs(30_000, failures));
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
  });

  it('never polls more often than a healthy monitor with a long interval', () => {
    expect(nextPollDelayMs(3_600_000, 3)).toBe(3_600_000);
  });
});
