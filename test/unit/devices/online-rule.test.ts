import { describe, expect, it } from 'vitest';
import { isOnline, offlineAfterMs, ONLINE_GRACE_MS } from '../../../electron/main/devices/online-rule';

const NOW = Date.parse('2025-03-01T12:00:00.000Z');

describe('online rule: offline when now − lastSeen > 2 × poll interval + grace', () => {
  it('gives a phone polling every 30 s 90 s before it counts as offline', () => {
    expect(offlineAfterMs(30)).toBe(90_000);
    expect(ONLINE_GRACE_MS).toBe(30_000);
  });

  it('is online exactly on the threshold and offline one millisecond after', () => {
    expect(isOnline(NOW - 90_000, 30, NOW)).toBe(true);
    expect(isOnline(NOW - 90_001, 30, NOW)).toBe(false);
  });

  it("scales with the phone's own poll interval", () => {
    // A phone polling every 5 minutes was seen 8 minutes ago: one missed poll, still online.
    expect(isOnline(NOW - 8 * 60_000, 300, NOW)).toBe(true);
    expect(isOnline(NOW - (10 * 60_000 + 30_000) - 1, 300, NOW)).toBe(false);
    // A phone polling every 10 s and silent for a minute is offline.
    expect(isOnline(NOW - 60_000, 10, NOW)).toBe(false);
  });

  it('treats a phone never seen as offline', () => {
    expect(isOnline(null, 30, NOW)).toBe(false);
  });

  it('treats a last-seen slightly in the future (clock skew) as online', () => {
    expect(isOnline(NOW + 5_000, 30, NOW)).toBe(true);
  });

  it('falls back to a 60 s interval when the gateway reports none', () => {
    expect(offlineAfterMs(0)).toBe(150_000);
    expect(offlineAfterMs(Number.NaN)).toBe(150_000);
  });
});
