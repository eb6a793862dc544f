import { describe, expect, it } from 'vitest';
import { newsletterFinal, newsletterWatch } from '../../../electron/main/newsletters/watch';
import { emptyCounts } from '../../../electron/main/campaigns/store';

const MIN = 60_000;

describe("a newsletter's ETA and stall", () => {
  it('no ETA before start; then what is not gone yet at the phone’s pace; none when all is gone', () => {
    const row = { device_id: 7, reported_at: null };
    expect(newsletterWatch(row, emptyCounts(10), { now: 0, spacingMs: 5_000 }).etaSeconds).toBeNull();
    // 2 new + 3 taken + 2 not listed yet = 7 left × 5 s.
    expect(newsletterWatch(row, { ...emptyCounts(10), new: 2, taken: 3, sent: 3 }, { now: 0, spacingMs: 5_000 }).etaSeconds).toBe(35);
    expect(newsletterWatch(row, { ...emptyCounts(2), delivered: 1, failed: 1 }, { now: 0, spacingMs: 5_000 }).etaSeconds).toBeNull();
  });

  it('a stall once the phone holds taken messages with nothing moving past the limit', () => {
    const counts = { ...emptyCounts(5), taken: 2 };
    expect(newsletterWatch({ device_id: 7, reported_at: 0 }, counts, { now: 9 * MIN, spacingMs: 0 }).stall).toBeNull();
    expect(newsletterWatch({ device_id: 7, reported_at: 0 }, counts, { now: 11 * MIN, spacingMs: 0 }).stall).toEqual({
      deviceId: 7,
      sinceMs: 0,
    });
    expect(
      newsletterWatch({ device_id: 7, reported_at: 0 }, { ...counts, taken: 0, sent: 2 }, { now: 11 * MIN, spacingMs: 0 }).stall,
    ).toBeNull();
  });

  // The one definition the watcher stops on and the window reads as NewsletterView.final.
  it('is final when every message is delivered or failed and none is still on its way', () => {
    expect(newsletterFinal(null, 3)).toBe(false);
    // Waiting for someone to press start: nothing listed, not final.
    expect(newsletterFinal(emptyCounts(3), 3)).toBe(false);
    expect(newsletterFinal({ ...emptyCounts(3), delivered: 2, sent: 1 }, 3)).toBe(false);
    expect(newsletterFinal({ ...emptyCounts(3), delivered: 2, failed: 1 }, 3)).toBe(true);
    // More listed than counted at creation (the tag grew): final only when none is still open.
    expect(newsletterFinal({ ...emptyCounts(3), delivered: 3, taken: 1 }, 3)).toBe(false);
  });
});
