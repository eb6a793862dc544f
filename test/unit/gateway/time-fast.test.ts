import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../electron/sandbox/seed';
import { lastFastEpochMs, phpDateToInstant, phpDateToInstantFast } from '../../../electron/main/gateway/time';

// phpDateToInstantFast must give what phpDateToInstant gives, or hand the date back (undefined): its day
// offsets are cached, so dates are read in a random order across DST changes, zone after zone, with the
// answers also checked against Temporal asked directly ("compatible", as PHP reads a wall time).

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const text = (w: Temporal.PlainDateTime, fraction: string): string =>
  `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${fraction}`;

/** Both readings of one date; the fast one through phpDateToInstant when it declines, as the row reader does. */
function both(date: string, timezone: string, type?: number) {
  const fast = phpDateToInstantFast(date, timezone, type === 2);
  const slow = phpDateToInstant(type === undefined ? { date, timezone } : { date, timezone, timezone_type: type });
  return { fast, slow, fastEpoch: lastFastEpochMs() };
}

const ZONES: [zone: string, type: number][] = [
  ['Europe/Paris', 3],
  ['America/New_York', 3],
  ['America/St_Johns', 3], // -03:30 with DST
  ['Asia/Kolkata', 3], // +05:30, no DST
  ['Asia/Kathmandu', 3], // +05:45
  ['Australia/Lord_Howe', 3], // moves by 30 minutes
  ['Australia/Adelaide', 3], // +09:30 / +10:30
  ['Pacific/Chatham', 3], // +12:45 / +13:45
  ['America/Santiago', 3], // jumps at midnight
  ['America/Sao_Paulo', 3],
  ['UTC', 3],
  ['+02:00', 1],
  ['-03:30', 1],
  ['CET', 2],
  ['EST', 2],
  ['CET', 3],
  [' Europe/Paris ', 3],
];

/** Every transition of `zone` in 2019-2026, as instants. */
function transitions(zone: string): Temporal.Instant[] {
  const found: Temporal.Instant[] = [];
  let at: Temporal.ZonedDateTime | null = Temporal.ZonedDateTime.from({ year: 2019, month: 1, day: 1, timeZone: zone });
  while (at && at.year < 2027) {
    at = at.getTimeZoneTransition('next');
    if (at) found.push(at.toInstant());
  }
  return found;
}

describe('phpDateToInstantFast', () => {
  it('gives what phpDateToInstant and Temporal give, for random dates around DST changes in many zones', () => {
    const random = mulberry32(22);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const nearby = new Map(ZONES.map(([zone]) => [zone, transitions(zone.trim())]));
    expect(nearby.get('Europe/Paris')!.length).toBeGreaterThan(10);
    expect(nearby.get('Australia/Lord_Howe')!.length).toBeGreaterThan(10);
    let fastOnes = 0;
    let declined = 0;
    for (let i = 0; i < 5_000; i++) {
      const [zone, type] = pick(ZONES);
      const near = nearby.get(zone)!;
      // Mostly within two days of a transition (every minute of the gap and the overlap comes up), else anywhere.
      const around =
        near.length > 0 && random() < 0.8 ? pick(near).epochMilliseconds : Date.UTC(2019, 0, 1) + random() * 8 * 365 * 86_400_000;
      const instant = Temporal.Instant.fromEpochMilliseconds(Math.round(around + (random() - 0.5) * 4 * 86_400_000));
      // A wall time as if read in the zone, then moved by up to an hour: some fall in gaps and overlaps.
      const wall = instant
        .toZonedDateTimeISO(zone.trim())
        .toPlainDateTime()
        .add({ minutes: Math.floor((random() - 0.5) * 120) });
      const fraction = pick(['', '.000000', `.${pad(Math.floor(random() * 1e6), 6)}`, '.5', '.12', '.123456789']);
      const date = text(wall, fraction);
      const { fast, slow, fastEpoch } = both(date, zone, type);
      if (fast === undefined) {
        declined++;
        continue;
      }
      fastOnes++;
      expect(fast, `${date} ${zone}`).toStrictEqual(slow);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
      expect(fastEpoch).toBe(Date.parse(fast.iso));
      if (type === 3 && zone !== 'CET') {
        const exact = Temporal.PlainDateTime.from(date.replace(' ', 'T')).toZonedDateTime(zone.trim(), { disambiguation: 'compatible' });
        expect(fastEpoch, `${date} ${zone}`).toBe(exact.epochMilliseconds);
      }
    }
    // Days with a change are handed back; the rest is read fast.
    expect(fastOnes).toBeGreaterThan(2_500);
    expect(declined).toBeGreaterThan(50);
  });

  it('hands back every date it does not read itself, and reads none differently', () => {
    const odd = [
      '2023-02-30 10:00:00.000000',
      '2023-02-29 10:00:00',
      '2024-02-29 10:00:00',
      '2023-11-02 24:00:00',
      '2023-11-02 23:60:00',
      '2023-11-02 23:59:60',
      '2023-13-01 00:00:00',
      '2023-00-01 00:00:00',
      '2023-11-00 00:00:00',
      '2023-11-02 22:44:43.',
      '2023-11-02 22:44:43.1234567890',
      ' 2023-11-02 22:44:43',
      '2023-11-02 22:44:43 ',
      '2023-11-02T22:44:43',
      '2023-11-02t22:44:43',
      '2023-11-02_22:44:43',
      '2023/11/02 22:44:43',
      '2023-11-02 22:44',
      '0099-12-31 23:00:00',
      '0100-01-01 00:00:00',
      '9999-12-31 23:59:59.999',
      '２０２３-11-02 22:44:43',
      '2023-1a-02 22:44:43',
      '2023-11-02 22:44:4?',
      '2023-11-02 22:4:/43',
      '2023-11-02 22:44:43.12?',
      '2023-11-02 22:44:43.123x56',
      '2023-11-02 22:44:43.000000:',
      '',
      'yesterday',
    ];
    const zones: [string, number | undefined][] = [
      ['Europe/Paris', 3],
      ['Europe/Paris', undefined],
      ['Mars/Olympus', 3],
      ['', 3],
      ['  ', 1],
      ['+25:00', 1],
      ['XYZT', 2],
      ['cest', 2],
      ['Pacific/Kiritimati', 3],
      ['-12:00', 1],
    ];
    for (const date of odd) {
      for (const [zone, type] of zones) {
        const { fast, slow, fastEpoch } = both(date, zone, type);
        if (fast === undefined) continue;
        expect(fast, `${date} ${zone}`).toStrictEqual(slow);
        expect(fastEpoch).toBe(Date.parse(fast.iso));
      }
    }
    expect(both('2023-02-30 10:00:00', 'UTC').fast).toBeUndefined();
    expect(both('2023-11-02 22:44:4?', 'UTC').fast).toBeUndefined();
    expect(both('2023-11-02 22:44:43.123x56', 'UTC').fast).toBeUndefined();
    expect(both('2023-11-02 22:44:43', 'Mars/Olympus').fast).toBeUndefined();
    expect(both('2023-11-02 22:44:43.5', 'Europe/Paris').fast).toEqual({ iso: '2023-11-02T21:44:43.500Z', zone: 'Europe/Paris' });
    expect(both('2023-11-02 22:44:43', '  Europe/Paris').fast).toEqual({ iso: '2023-11-02T21:44:43.000Z', zone: 'Europe/Paris' });
  });
});
