import { describe, expect, it } from 'vitest';
import {
  isValidTimeZone,
  parseNaiveDateTime,
  parseUtcOffset,
  phpDateToInstant,
  wallClockIn,
  wallClockToEpochMs,
  zoneOffsetMs,
} from '../../../electron/main/gateway/time';

const wall = (text: string) => {
  const parsed = parseNaiveDateTime(text);
  if (!parsed) throw new Error(`bad test date ${text}`);
  return parsed;
};
const DAY_MS = 86_400_000;
const iso = (text: string, zone: string) => new Date(wallClockToEpochMs(wall(text), zone)).toISOString();

describe('phpDateToInstant', () => {
  it('reads timezone_type 3 (IANA name) in winter and in summer time', () => {
    expect(phpDateToInstant({ date: '2023-11-02 22:44:43.000000', timezone_type: 3, timezone: 'Europe/Paris' })).toEqual({
      iso: '2023-11-02T21:44:43.000Z',
      zone: 'Europe/Paris',
    });
    expect(phpDateToInstant({ date: '2023-07-02 22:44:43.000000', timezone_type: 3, timezone: 'Europe/Paris' })).toEqual({
      iso: '2023-07-02T20:44:43.000Z',
      zone: 'Europe/Paris',
    });
  });

  it('reads timezone_type 1 (UTC offset) in both directions', () => {
    expect(phpDateToInstant({ date: '2023-11-02 22:44:43.000000', timezone_type: 1, timezone: '+02:00' })).toEqual({
      iso: '2023-11-02T20:44:43.000Z',
      zone: '+02:00',
    });
    expect(phpDateToInstant({ date: '2023-11-02 22:44:43.000000', timezone_type: 1, timezone: '-03:30' })?.iso).toBe(
      '2023-11-03T02:14:43.000Z',
    );
  });

  it('keeps milliseconds and crosses the date line into the previous day', () => {
    expect(phpDateToInstant({ date: '2024-01-01 05:00:00.123456', timezone_type: 3, timezone: 'Australia/Sydney' })).toEqual({
      iso: '2023-12-31T18:00:00.123Z',
      zone: 'Australia/Sydney',
    });
  });

  it('reads UTC and abbreviations that are also IANA links (timezone_type 2)', () => {
    expect(phpDateToInstant({ date: '2023-11-02 22:44:43.000000', timezone_type: 3, timezone: 'UTC' })?.iso).toBe(
      '2023-11-02T22:44:43.000Z',
    );
    expect(phpDateToInstant({ date: '2023-11-02 22:44:43.000000', timezone_type: 1, timezone: 'Z' })?.iso).toBe('2023-11-02T22:44:43.000Z');
    expect(phpDateToInstant({ date: '2023-11-02 22:44:43.000000', timezone_type: 2, timezone: 'EST' })?.iso).toBe(
      '2023-11-03T03:44:43.000Z',
    );
  });

  it('reads timezone_type 2 abbreviations as the fixed offset they name, whatever the date', () => {
    const at = (timezone: string, date = '2023-07-02 12:00:00.000000') => phpDateToInstant({ date, timezone_type: 2, timezone })?.iso;
    expect(at('CEST')).toBe('2023-07-02T10:00:00.000Z');
    expect(at('CET')).toBe('2023-07-02T11:00:00.000Z'); // PHP's CET is +01:00, not the IANA zone "CET" (+02:00 in July)
    expect(at('EDT')).toBe('2023-07-02T16:00:00.000Z');
    expect(at('BST')).toBe('2023-07-02T11:00:00.000Z');
    expect(at('cest', '2023-01-15 12:00:00.000000')).toBe('2023-01-15T10:00:00.000Z');
    // An abbreviation under another type is still read rather than lost.
    expect(phpDateToInstant({ date: '2023-07-02 12:00:00.000000', timezone_type: 3, timezone: 'CEST' })?.iso).toBe(
      '2023-07-02T10:00:00.000Z',
    );
    expect(phpDateToInstant({ date: '2023-07-02 12:00:00.000000', timezone_type: 2, timezone: 'XYZT' })).toBeNull();
  });

  it('reads the same instant from the three forms of one zone', () => {
    const forms = [
      { timezone_type: 1, timezone: '+02:00' },
      { timezone_type: 2, timezone: 'CEST' },
      { timezone_type: 3, timezone: 'Europe/Paris' },
    ];
    const instants = forms.map((form) => phpDateToInstant({ date: '2021-08-01 14:00:00.000000', ...form })?.iso);
    expect(instants).toEqual(['2021-08-01T12:00:00.000Z', '2021-08-01T12:00:00.000Z', '2021-08-01T12:00:00.000Z']);
  });

  it('returns null for an unknown zone or an impossible date instead of inventing an instant', () => {
    expect(phpDateToInstant({ date: '2023-11-02 22:44:43.000000', timezone_type: 3, timezone: 'Mars/Olympus' })).toBeNull();
    expect(phpDateToInstant({ date: '2023-02-30 10:00:00.000000', timezone_type: 3, timezone: 'UTC' })).toBeNull();
    expect(phpDateToInstant({ date: 'yesterday', timezone_type: 3, timezone: 'UTC' })).toBeNull();
  });
});

describe('wallClockToEpochMs', () => {
  it('moves a time skipped by the spring DST jump forward by the gap', () => {
    // Paris 2024-03-31: 02:00 → 03:00. 02:30 does not exist; read with the winter offset = 03:30 CEST.
    expect(iso('2024-03-31 02:30:00', 'Europe/Paris')).toBe('2024-03-31T01:30:00.000Z');
  });

  it('takes the earlier instant for a time repeated when clocks go back', () => {
    // Paris 2024-10-27: 03:00 → 02:00. 02:30 happens at 00:30Z (CEST) and 01:30Z (CET).
    expect(iso('2024-10-27 02:30:00', 'Europe/Paris')).toBe('2024-10-27T00:30:00.000Z');
  });

  it('handles transitions that are not on the hour (Lord Howe moves by 30 minutes at 02:00)', () => {
    // 2024-10-06 02:00 → 02:30 (+10:30 → +11): 02:15 is skipped and read with +10:30, i.e. as 02:45.
    expect(iso('2024-10-06 02:15:00', 'Australia/Lord_Howe')).toBe('2024-10-05T15:45:00.000Z');
    expect(iso('2024-10-06 02:45:00', 'Australia/Lord_Howe')).toBe('2024-10-05T15:45:00.000Z');
    expect(iso('2024-10-06 01:59:59', 'Australia/Lord_Howe')).toBe('2024-10-05T15:29:59.000Z');
    // 2024-04-07 02:00 → 01:30 (+11 → +10:30): 01:45 happens twice; the earlier is 14:45Z.
    expect(iso('2024-04-07 01:45:00', 'Australia/Lord_Howe')).toBe('2024-04-06T14:45:00.000Z');
    expect(iso('2024-04-07 02:15:00', 'Australia/Lord_Howe')).toBe('2024-04-06T15:45:00.000Z');
  });

  it('gives the answers of uncached Intl, minute by minute across DST changes (the per-hour cache)', () => {
    // Reference: the rule worked out from Intl directly (zoneOffsetMs is uncached), one date at a time.
    const reference = (naive: number, zone: string): number => {
      const before = zoneOffsetMs(zone, naive - DAY_MS);
      const after = zoneOffsetMs(zone, naive + DAY_MS);
      const existing = [naive - before, naive - after].filter((epoch) => epoch + zoneOffsetMs(zone, epoch) === naive);
      return existing.length > 0 ? Math.min(...existing) : naive - before;
    };
    const cases: [string, string][] = [
      ['Europe/Paris', '2024-03-30'],
      ['Europe/Paris', '2024-10-26'],
      ['America/New_York', '2024-11-02'],
      ['Australia/Lord_Howe', '2024-10-05'], // 30-minute change at 15:30Z, inside a UTC hour
      ['Australia/Lord_Howe', '2024-04-06'],
      ['America/Santiago', '2024-09-07'], // clocks jump at midnight: 24:00 → 01:00
    ];
    for (const [zone, day] of cases) {
      const start = Date.parse(`${day}T00:00:00Z`);
      const naives = Array.from({ length: 3 * 24 * 12 }, (_, i) => start + i * 5 * 60_000);
      const walls = naives.map((naive) => wallClockIn(new Date(naive), 'UTC'));
      const forward = walls.map((w) => wallClockToEpochMs(w, zone));
      const backward = [...walls]
        .reverse()
        .map((w) => wallClockToEpochMs(w, zone))
        .reverse();
      expect(forward).toEqual(naives.map((naive) => reference(naive, zone)));
      expect(backward).toEqual(forward);
    }
  });

  it('is the inverse of wallClockIn around the year', () => {
    for (const text of ['2024-01-15T12:00:00Z', '2024-06-15T23:59:59Z', '2024-12-31T23:00:00Z']) {
      const date = new Date(text);
      for (const zone of ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', '+05:45']) {
        expect(wallClockToEpochMs(wallClockIn(date, zone), zone)).toBe(date.getTime());
      }
    }
  });
});

describe('zone helpers', () => {
  it('parses offsets and rejects other text', () => {
    expect(parseUtcOffset('+02:00')).toBe(120);
    expect(parseUtcOffset('-0530')).toBe(-330);
    expect(parseUtcOffset('Z')).toBe(0);
    expect(parseUtcOffset('Europe/Paris')).toBeNull();
    expect(parseUtcOffset('+25:00')).toBeNull();
  });

  it('knows valid zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('+02:00')).toBe(true);
    expect(isValidTimeZone('Not/AZone')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('isoUtc', () => {
  it('writes exactly what toISOString writes, across days, years, leap days and the edges of 4-digit years', async () => {
    const { isoUtc } = await import('../../../electron/main/gateway/time');
    const samples = [
      0,
      -1,
      1,
      86_399_999,
      86_400_000,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2024, 2, 1),
      -62_167_219_200_000,
      -62_167_219_200_001,
      253_402_300_799_999,
      253_402_300_800_000,
      1.5,
    ];
    let seed = 3;
    for (let i = 0; i < 20_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      samples.push(Date.UTC(1990, 0, 1) + Math.floor((seed / 0x7fffffff) * 60 * 365 * 86_400_000));
      samples.push(samples[samples.length - 1]! + 1_234); // often the same day as the one before
    }
    for (const ms of samples) expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
  });
});
