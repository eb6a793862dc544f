import { describe, expect, it } from 'vitest';
import { gatewayNowMs, isOnline, offlineAfterMs, ONLINE_GRACE_MS } from '../../../electron/main/devices/online-rule';

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

describe("online rule on the gateway's clock", () => {
  const TEN_MIN = 10 * 60_000;

  it('a computer 10 minutes fast still sees a phone seen 20 s ago (gateway time) as online', () => {
    const gatewayNow = NOW - TEN_MIN; // this computer reads NOW; the gateway reads 10 minutes less
    const lastSeen = gatewayNow - 20_000;
    expect(isOnline(lastSeen, 30, NOW)).toBe(false); // the bug: comparing with the local clock
    expect(isOnline(lastSeen, 30, NOW, -TEN_MIN)).toBe(true);
  });

  it('a computer 10 minutes slow does not keep a dead phone online for 10 more minutes', () => {
    const gatewayNow = NOW + TEN_MIN;
    const lastSeen = gatewayNow - 5 * 60_000; // stopped 5 minutes ago, polling every 30 s
    expect(isOnline(lastSeen, 30, NOW)).toBe(true); // the bug
    expect(isOnline(lastSeen, 30, NOW, TEN_MIN)).toBe(false);
  });

  it('an unknown or nonsensical offset counts as none', () => {
    expect(gatewayNowMs(NOW, null)).toBe(NOW);
    expect(gatewayNowMs(NOW, undefined)).toBe(NOW);
    expect(gatewayNowMs(NOW, Number.NaN)).toBe(NOW);
    expect(gatewayNowMs(NOW, 2_500)).toBe(NOW + 2_500);
    expect(gatewayNowMs(NOW, -3_000)).toBe(NOW - 3_000);
  });

  it('an offset within the Date header’s noise counts as none: a phone on the threshold does not flicker', () => {
    const lastSeen = NOW - offlineAfterMs(30); // exactly on the threshold: still online
    for (const noise of [-900, -300, 0, 400, 1_499]) expect(isOnline(lastSeen, 30, NOW, noise)).toBe(true);
    expect(gatewayNowMs(NOW, 1_500)).toBe(NOW);
  });
});
