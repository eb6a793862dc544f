import { describe, expect, it } from 'vitest';
import {
  isValidTimeZone,
  parseNaiveDateTime,
  parseUtcOffset,
  phpDateToInstant,
  wallClockIn,
  wallClockToEpochMs,
} from '../../../electron/main/gateway/time';

const wall = (text: string) => {
  const parsed = parseNaiveDateTime(text);
  if (!parsed) throw new Error(`bad test date ${text}`);
  return parsed;
};
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
    expect(phpDateToInstant({ date: '2023-11-02 22:44:43.000000', timezone_type: 2, timezone: 'EST' })?.iso).toBe(
      '2023-11-03T03:44:43.000Z',
    );
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
