import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import {
  ANDROID_SAFE_INTERVAL_MS,
  LocalClock,
  largestRemainder,
  planPacing,
  type PacingPhone,
  type PacingPlan,
} from '../../../electron/main/campaigns/pacing';

const phone = (deviceId: number, extra: Partial<PacingPhone> = {}): PacingPhone => ({
  deviceId,
  sim: 0,
  health: 'good',
  sendDelaySeconds: 5,
  ...extra,
});

/** Every scheduled message: [epoch ms, phone index, recipient index]. */
function messages(plan: PacingPlan): [number, number, number][] {
  return plan.chunks.flatMap((c) =>
    Array.from({ length: c.count }, (_, i): [number, number, number] => [c.sendAt + i * c.spacingMs, c.phone, c.firstRecipient + i]),
  );
}

/** Local wall-clock "HH:MM" by Intl, independent of the Temporal code under test. */
function localHourMinute(t: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
}

function expectEveryRecipientOnce(plan: PacingPlan, recipients: number): void {
  const seen = messages(plan)
    .map(([, , r]) => r)
    .sort((a, b) => a - b);
  expect(seen).toEqual(Array.from({ length: recipients }, (_, i) => i));
}

const start = Date.UTC(2026, 5, 1, 10, 0, 0); // Monday 1 June 2026, 10:00 UTC

describe('planPacing: spreading over phones', () => {
  it('splits evenly over two equal phones in chunks of 50, each recipient exactly once', () => {
    const plan = planPacing({ recipients: 230, phones: [phone(1), phone(2)], start, zone: 'UTC' });
    expect(plan.phones.map((p) => [p.deviceId, p.count, p.chunks])).toEqual([
      [1, 115, 3],
      [2, 115, 3],
    ]);
    expect(Math.max(...plan.chunks.map((c) => c.count))).toBe(50);
    expectEveryRecipientOnce(plan, 230);
    // A phone's next chunk is due when its previous one has gone out at the phone's pace.
    const firstPhone = plan.chunks.filter((c) => c.phone === 0);
    expect(firstPhone.map((c) => c.sendAt - start)).toEqual([0, 50 * 5000, 100 * 5000]);
    expect(plan.durationMs).toBe(115 * 5000);
    expect(plan.firstAt).toBe(start);
    expect(plan.lastAt).toBe(start + 114 * 5000);
  });

  it('moves an offline phone’s share to the others before sending and says so', () => {
    const plan = planPacing({
      recipients: 200,
      phones: [phone(1), phone(2, { health: 'offline' }), phone(3)],
      start,
      zone: 'UTC',
    });
    expect(plan.phones.map((p) => p.count)).toEqual([100, 0, 100]);
    expect(plan.excluded).toEqual([{ phone: 1, deviceId: 2, sim: 0, reason: 'offline' }]);
    expect(plan.chunks.some((c) => c.phone === 1)).toBe(false);
    expectEveryRecipientOnce(plan, 200);
  });

  it('gives a flaky phone half the share of a healthy one, and a slower phone less', () => {
    const flaky = planPacing({ recipients: 300, phones: [phone(1), phone(2, { health: 'flaky' })], start, zone: 'UTC' });
    expect(flaky.phones.map((p) => p.count)).toEqual([200, 100]);
    const slow = planPacing({ recipients: 300, phones: [phone(1), phone(2, { sendDelaySeconds: 10 })], start, zone: 'UTC' });
    expect(slow.phones.map((p) => p.count)).toEqual([200, 100]);
    // Both finish at about the same time.
    expect(Math.abs(slow.phones[0]!.lastAt! - slow.phones[1]!.lastAt!)).toBeLessThanOrEqual(10_000);
  });

  it('refuses a plan when every phone is offline', () => {
    const attempt = () => planPacing({ recipients: 10, phones: [phone(1, { health: 'offline' })], start, zone: 'UTC' });
    expect(attempt).toThrow(AppFailure);
    expect(attempt).toThrow(/offline/);
    // Nothing to send needs no phone.
    expect(planPacing({ recipients: 0, phones: [phone(1, { health: 'offline' })], start, zone: 'UTC' }).chunks).toEqual([]);
  });

  it('never schedules more than 30 messages a minute on a phone, however short its own delay', () => {
    const plan = planPacing({ recipients: 400, phones: [phone(1, { sendDelaySeconds: 0 })], start, zone: 'UTC' });
    expect(plan.phones[0]!.spacingMs).toBe(ANDROID_SAFE_INTERVAL_MS);
    const times = messages(plan)
      .map(([t]) => t)
      .sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 60_000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(30);
    expect(planPacing({ recipients: 5, phones: [phone(1, { sendDelaySeconds: null })], start, zone: 'UTC' }).phones[0]!.spacingMs).toBe(
      5000,
    );
  });
});

describe('planPacing: quiet hours across daylight-saving changes', () => {
  const quietHours = { from: '21:00', until: '08:00' };

  it('resumes at 08:00 GMT after the clocks go back in London (not 07:00 by adding 24 hours)', () => {
    // Saturday 24 Oct 2026, 20:50 BST (19:50 UTC); the clocks go back at 02:00 BST on Sunday 25 Oct.
    const saturday = Date.UTC(2026, 9, 24, 19, 50);
    const plan = planPacing({ recipients: 300, phones: [phone(1)], start: saturday, zone: 'Europe/London', quietHours });
    const all = messages(plan);
    // 10 minutes at one every 5 s: 120 before 21:00, the rest from 08:00 the next morning.
    expect(all.filter(([t]) => t < Date.UTC(2026, 9, 24, 20, 0)).length).toBe(120);
    const firstSunday = plan.chunks.find((c) => c.sendAt > saturday + 3_600_000)!;
    expect(firstSunday.sendAt).toBe(Date.UTC(2026, 9, 25, 8, 0));
    for (const [t] of all) {
      const local = localHourMinute(t, 'Europe/London');
      expect(local >= '08:00' && local < '21:00', `${new Date(t).toISOString()} is ${local} in London`).toBe(true);
    }
    expect(plan.days).toEqual([
      { date: '2026-10-24', count: 120 },
      { date: '2026-10-25', count: 180 },
    ]);
    expect(plan.spillsToLaterDays).toBe(true);
    expect(plan.startDeferred).toBe(false);
  });

  it('resumes at 08:00 WEST after the clocks go forward in Lisbon (07:00 UTC)', () => {
    // Saturday 28 Mar 2026, 20:59 WET (UTC+0); at 01:00 on Sunday the clocks go forward to 02:00.
    const plan = planPacing({
      recipients: 100,
      phones: [phone(1)],
      start: Date.UTC(2026, 2, 28, 20, 59),
      zone: 'Europe/Lisbon',
      quietHours,
    });
    expect(plan.chunks.map((c) => [c.sendAt, c.count])).toEqual([
      [Date.UTC(2026, 2, 28, 20, 59), 12],
      [Date.UTC(2026, 2, 29, 7, 0), 50],
      [Date.UTC(2026, 2, 29, 7, 0) + 50 * 5000, 38],
    ]);
  });

  it('waits for the window when the start falls in quiet hours, and says so', () => {
    // 06:30 in São Paulo (UTC−3, no DST since 2019).
    const plan = planPacing({
      recipients: 10,
      phones: [phone(1)],
      start: Date.UTC(2026, 5, 1, 9, 30),
      zone: 'America/Sao_Paulo',
      quietHours,
    });
    expect(plan.startDeferred).toBe(true);
    expect(plan.firstAt).toBe(Date.UTC(2026, 5, 1, 11, 0));
    expect(plan.durationMs).toBe(90 * 60_000 + 10 * 5000);
  });

  it('ends quiet hours that fall in São Paulo’s historic midnight DST gap at the first real time after', () => {
    // 4 Nov 2018: 00:00 −03 became 01:00 −02, so 00:30 did not exist that night.
    const plan = planPacing({
      recipients: 5,
      phones: [phone(1)],
      start: Date.UTC(2018, 10, 3, 23, 59, 50), // 20:59:50 −03
      zone: 'America/Sao_Paulo',
      quietHours: { from: '21:00', until: '00:30' },
    });
    expect(plan.chunks.map((c) => [c.sendAt, c.count])).toEqual([
      [Date.UTC(2018, 10, 3, 23, 59, 50), 2],
      [Date.UTC(2018, 10, 4, 3, 30), 3], // 01:30 −02
    ]);
  });

  it('handles quiet hours within a day (a lunch break)', () => {
    const clock = new LocalClock('UTC', { from: '12:00', until: '14:00' });
    expect(clock.isQuiet(Date.UTC(2026, 0, 5, 12, 30))).toBe(true);
    expect(clock.isQuiet(Date.UTC(2026, 0, 5, 14, 0))).toBe(false);
    expect(clock.nextAllowed(Date.UTC(2026, 0, 5, 12, 30))).toBe(Date.UTC(2026, 0, 5, 14, 0));
    expect(clock.windowEnd(Date.UTC(2026, 0, 5, 15, 0))).toBe(Date.UTC(2026, 0, 6, 12, 0));
    expect(clock.allowedMsPerDay).toBe(22 * 3_600_000);
  });

  it('rejects a zone or a time it cannot read', () => {
    expect(() => planPacing({ recipients: 1, phones: [phone(1)], start, zone: 'Mars/Olympus' })).toThrow(AppFailure);
    expect(() => new LocalClock('UTC', { from: '25:00', until: '08:00' })).toThrow(/HH:MM/);
    expect(() => new LocalClock('UTC', { from: '08:00', until: '08:00' })).toThrow(AppFailure);
  });
});

describe('planPacing: daily caps', () => {
  it('spills what today’s cap cannot take to the next days, counting what was already sent today', () => {
    const plan = planPacing({
      recipients: 250,
      phones: [phone(1, { dailyCap: 100, usedToday: 30 })],
      start,
      zone: 'UTC',
    });
    expect(plan.days).toEqual([
      { date: '2026-06-01', count: 70 },
      { date: '2026-06-02', count: 100 },
      { date: '2026-06-03', count: 80 },
    ]);
    expect(plan.chunks.map((c) => c.count)).toEqual([50, 20, 50, 50, 50, 30]);
    expect(plan.chunks[2]!.sendAt).toBe(Date.UTC(2026, 5, 2, 0, 0));
    expect(plan.spillsToLaterDays).toBe(true);
    expectEveryRecipientOnce(plan, 250);
  });

  it('starts the next day at the end of quiet hours, in the recipients’ zone', () => {
    const plan = planPacing({
      recipients: 60,
      phones: [phone(1, { dailyCap: 40 })],
      start: Date.UTC(2026, 5, 1, 15, 0), // 12:00 in São Paulo
      zone: 'America/Sao_Paulo',
      quietHours: { from: '21:00', until: '08:00' },
    });
    expect(plan.days).toEqual([
      { date: '2026-06-01', count: 40 },
      { date: '2026-06-02', count: 20 },
    ]);
    expect(plan.chunks.at(-1)!.sendAt).toBe(Date.UTC(2026, 5, 2, 11, 0));
  });

  it('gives a capped phone no more than it can send today when another phone has room', () => {
    const plan = planPacing({
      recipients: 1000,
      phones: [phone(1, { dailyCap: 100 }), phone(2)],
      start,
      zone: 'UTC',
      quietHours: { from: '21:00', until: '08:00' },
    });
    expect(plan.phones[0]!.count).toBeLessThanOrEqual(100);
    expect(plan.phones[0]!.count).toBeGreaterThan(0);
    expect(plan.spillsToLaterDays).toBe(false);
    expectEveryRecipientOnce(plan, 1000);
  });

  it('leaves out a phone whose cap is zero', () => {
    const plan = planPacing({ recipients: 10, phones: [phone(1, { dailyCap: 0 }), phone(2)], start, zone: 'UTC' });
    expect(plan.excluded).toEqual([{ phone: 0, deviceId: 1, sim: 0, reason: 'no-capacity' }]);
    expect(plan.phones.map((p) => p.count)).toEqual([0, 10]);
  });
});

describe('largestRemainder', () => {
  it('hands out the whole total in proportion, nothing to a zero weight', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(7, [2, 0, 1])).toEqual([5, 0, 2]);
    expect(largestRemainder(5, [0, 0])).toEqual([0, 0]);
    const shares = largestRemainder(10_001, [0.3, 1, 0.5, 2]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(10_001);
  });
});
