import { describe, expect, it } from 'vitest';
import { DEFAULT_STALL_MS, findStall, shouldAnnounce } from '../../../electron/main/campaigns/stall';
import { stalledMinutes } from '../../../shared/ipc';

const MIN = 60_000;
const now = 1_700_000_000_000;

describe('the stall decision', () => {
  it('a phone holding taken messages silent for the limit (10 minutes by default) is stalled since its last report', () => {
    expect(DEFAULT_STALL_MS).toBe(10 * MIN);
    expect(findStall([{ deviceId: 7, taken: 3, lastReportAt: now - 10 * MIN }], now)).toEqual({ deviceId: 7, sinceMs: now - 10 * MIN });
    expect(findStall([{ deviceId: 7, taken: 3, lastReportAt: now - 10 * MIN + 1 }], now)).toBeNull();
  });

  it('a silent phone with nothing taken is waiting, not stalled; a phone never seen reporting is not judged', () => {
    expect(findStall([{ deviceId: 7, taken: 0, lastReportAt: now - 60 * MIN }], now)).toBeNull();
    expect(findStall([{ deviceId: 7, taken: 5, lastReportAt: null }], now)).toBeNull();
  });

  it('of several stalled phones, the one silent the longest is named', () => {
    const phones = [
      { deviceId: 1, taken: 2, lastReportAt: now - 12 * MIN },
      { deviceId: 2, taken: 2, lastReportAt: now - 30 * MIN },
      { deviceId: 3, taken: 2, lastReportAt: now - 1 * MIN },
    ];
    expect(findStall(phones, now)).toEqual({ deviceId: 2, sinceMs: now - 30 * MIN });
  });

  it('takes another limit', () => {
    expect(findStall([{ deviceId: 7, taken: 1, lastReportAt: now - 3 * MIN }], now, 2 * MIN)).toEqual({
      deviceId: 7,
      sinceMs: now - 3 * MIN,
    });
  });

  it('is announced once per stall: the same silence not again, a new one after the phone reported again', () => {
    const stall = { deviceId: 7, sinceMs: now - 11 * MIN };
    expect(shouldAnnounce(stall, 0)).toBe(true);
    expect(shouldAnnounce(stall, stall.sinceMs)).toBe(false);
    expect(shouldAnnounce({ deviceId: 7, sinceMs: now - 2 * MIN }, stall.sinceMs)).toBe(true);
    expect(shouldAnnounce(null, 0)).toBe(false);
  });

  it('counts the silence in whole minutes from the moment main states (never reading that moment as a duration)', () => {
    // The window used to guess: a number under 1e12 was taken for a duration. Main sends the moment; both count alike.
    const stall = findStall([{ deviceId: 7, taken: 1, lastReportAt: now - 12 * MIN - 20_000 }], now)!;
    expect(stalledMinutes(stall, now)).toBe(12);
    expect(stalledMinutes(stall, now + 5 * MIN)).toBe(17);
    // A stall the clock has barely reached still says "1 minute", never 0.
    expect(stalledMinutes({ sinceMs: now }, now)).toBe(1);
  });
});
