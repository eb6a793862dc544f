import { describe, expect, it } from 'vitest';
import { phoneHealth } from '../../../electron/main/campaigns/health';
import { planPacing } from '../../../electron/main/campaigns/pacing';

const HOUR = 3_600_000;
const now = Date.parse('2024-05-10T12:00:00Z');
const drop = (deviceId: number, hoursAgo: number) => ({ deviceId, at: new Date(now - hoursAgo * HOUR).toISOString(), online: false });
const back = (deviceId: number, hoursAgo: number) => ({ deviceId, at: new Date(now - hoursAgo * HOUR).toISOString(), online: true });

describe('a phone’s health for pacing', () => {
  it('is flaky after two offline transitions in the last 24 h, good with one or older ones, offline when offline', () => {
    const events = [back(1, 1), drop(1, 2), back(1, 5), drop(1, 6), drop(2, 3), drop(2, 30), drop(3, 1)];
    expect(phoneHealth(1, true, events, now)).toBe('flaky');
    expect(phoneHealth(2, true, events, now)).toBe('good');
    expect(phoneHealth(4, true, events, now)).toBe('good');
    expect(phoneHealth(3, false, events, now)).toBe('offline');
  });

  it('gives a flaky phone a smaller share of the plan than a good one', () => {
    const events = [drop(1, 2), drop(1, 6)];
    const phones = [1, 2].map((id) => ({ deviceId: id, sim: 0 as const, health: phoneHealth(id, true, events, now), sendDelaySeconds: 5 }));
    const plan = planPacing({ recipients: 300, phones, start: now, zone: 'UTC' });
    expect(plan.phones[0]!.count).toBe(100);
    expect(plan.phones[1]!.count).toBe(200);
  });
});
