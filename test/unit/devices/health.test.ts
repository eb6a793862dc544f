import { describe, expect, it } from 'vitest';
import { healthChanged, healthFromSnapshot, UNKNOWN_HEALTH } from '../../../electron/main/devices/health';
import type { MonitorSnapshot } from '../../../shared/ipc';

const base: MonitorSnapshot = {
  running: true,
  devices: [],
  lastPollAt: null,
  unreachableSince: null,
  lastError: null,
  events: [],
  pollSeconds: 30,
};

describe('gateway health for the status bar', () => {
  it('is unknown before the first poll and while signed out', () => {
    expect(healthFromSnapshot(base)).toEqual(UNKNOWN_HEALTH);
    expect(healthFromSnapshot({ ...base, running: false, lastPollAt: '2026-11-25T10:00:00.000Z' })).toEqual(UNKNOWN_HEALTH);
  });

  it('answers after a successful poll, and is unreachable since the outage began', () => {
    expect(healthFromSnapshot({ ...base, lastPollAt: '2026-11-25T10:00:00.000Z' })).toEqual({
      reachable: true,
      checkedAt: '2026-11-25T10:00:00.000Z',
      unreachableSince: null,
    });
    // Unreachable from the very first poll: still a definite answer.
    expect(healthFromSnapshot({ ...base, unreachableSince: '2026-11-25T10:00:30.000Z' })).toMatchObject({
      reachable: false,
      unreachableSince: '2026-11-25T10:00:30.000Z',
    });
  });

  it('counts as a change only when the user would see one', () => {
    const ok = healthFromSnapshot({ ...base, lastPollAt: '2026-11-25T10:00:00.000Z' });
    const laterOk = healthFromSnapshot({ ...base, lastPollAt: '2026-11-25T10:00:30.000Z' });
    const down = healthFromSnapshot({ ...base, lastPollAt: '2026-11-25T10:00:00.000Z', unreachableSince: '2026-11-25T10:01:00.000Z' });
    expect(healthChanged(ok, laterOk)).toBe(false);
    expect(healthChanged(ok, down)).toBe(true);
    expect(healthChanged(down, ok)).toBe(true);
  });
});
