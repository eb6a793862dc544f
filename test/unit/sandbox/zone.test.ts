import { describe, expect, it } from 'vitest';
import { fixedOffsetMinutes, isZoneName, offsetMinutesAt, utcInstant, wallTime } from '../../../electron/sandbox/zone';
import { checkTimeZone, humanDate, parsePaketTime, parseSqlDate, phpDate } from '../../../electron/sandbox/formats';

// The sandbox's own zone maths, checked against known wall clocks (not against the client's code,
// which is what the sandbox exists to test).

const at = (iso: string): number => Date.parse(iso);

describe('sandbox zone maths', () => {
  it('knows Paris in winter, in summer and around both daylight-saving changes of 2024', () => {
    expect(offsetMinutesAt(at('2024-01-15T12:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(offsetMinutesAt(at('2024-07-15T12:00:00Z'), 'Europe/Paris')).toBe(120);
    // Clocks go forward at 01:00 UTC on 31 March and back at 01:00 UTC on 27 October.
    expect(wallTime(at('2024-03-31T00:59:59Z'), 'Europe/Paris')).toMatchObject({ day: 31, hour: 1, minute: 59, second: 59 });
    expect(wallTime(at('2024-03-31T01:00:00Z'), 'Europe/Paris')).toMatchObject({ day: 31, hour: 3, minute: 0 });
    expect(wallTime(at('2024-10-27T00:59:59Z'), 'Europe/Paris')).toMatchObject({ hour: 2, minute: 59, second: 59 });
    expect(wallTime(at('2024-10-27T01:00:00Z'), 'Europe/Paris')).toMatchObject({ hour: 2, minute: 0, second: 0 });
  });

  it('handles half-hour zones, the southern hemisphere and the date line', () => {
    expect(wallTime(at('2024-05-01T12:00:00Z'), 'Asia/Kolkata')).toMatchObject({ hour: 17, minute: 30 });
    expect(wallTime(at('2024-05-01T12:00:00Z'), 'Australia/Sydney')).toMatchObject({ day: 1, hour: 22 });
    expect(wallTime(at('2024-01-01T12:00:00Z'), 'Australia/Sydney')).toMatchObject({ day: 1, hour: 23 });
    expect(wallTime(at('2024-05-01T23:30:00Z'), 'Pacific/Kiritimati')).toMatchObject({ month: 5, day: 2, hour: 13, minute: 30 });
    expect(wallTime(at('2024-05-01T03:00:00Z'), 'America/Los_Angeles')).toMatchObject({ month: 4, day: 30, hour: 20 });
  });

  it('reads fixed offsets as PHP writes them (timezone_type 1) and nothing looser', () => {
    expect(fixedOffsetMinutes('+02:00')).toBe(120);
    expect(fixedOffsetMinutes('-09:30')).toBe(-570);
    for (const bad of ['+2', '+0200', 'UTC+2', '+25:00', 'Europe/Paris']) expect(fixedOffsetMinutes(bad)).toBeNull();
    expect(wallTime(at('2021-08-01T12:00:00Z'), '+02:00')).toMatchObject({ hour: 14 });
  });

  it('tells zone names from offsets and nonsense', () => {
    for (const name of ['Europe/Paris', 'UTC', 'America/Sao_Paulo']) expect(isZoneName(name)).toBe(true);
    for (const bad of ['Mars/Base', '', '+02:00', 'GMT+0200']) expect(isZoneName(bad)).toBe(false);
    expect(() => checkTimeZone('Mars/Base')).toThrow('timezone is not valid');
    expect(() => checkTimeZone('+02:00')).not.toThrow();
  });

  it('refuses dates that do not exist', () => {
    expect(utcInstant({ year: 2024, month: 2, day: 29, hour: 0, minute: 0, second: 0 })).toBe(at('2024-02-29T00:00:00Z'));
    expect(utcInstant({ year: 2023, month: 2, day: 29, hour: 0, minute: 0, second: 0 })).toBeNull();
    expect(utcInstant({ year: 2024, month: 6, day: 31, hour: 0, minute: 0, second: 0 })).toBeNull();
    expect(utcInstant({ year: 2024, month: 6, day: 1, hour: 24, minute: 0, second: 0 })).toBeNull();
  });
});

describe('sandbox request and reply formats', () => {
  it('reads naive request times as UTC, with or without seconds', () => {
    expect(parseSqlDate('2021-08-01 12:00', 'timetosend')).toBe(at('2021-08-01T12:00:00Z'));
    expect(parseSqlDate('2021-08-01 12:00:30', 'timetosend')).toBe(at('2021-08-01T12:00:30Z'));
    expect(parseSqlDate('2021-08-01', 'enddate', true)).toBe(at('2021-08-01T23:59:59Z'));
    for (const bad of ['2021-08-01T12:00', '2021-08-01 12', '01.08.2021 12:00', '2021-8-1 12:00']) {
      expect(() => parseSqlDate(bad, 'timetosend'), bad).toThrow('timetosend is not a valid date');
    }
  });

  it('reads time_to_send with one-digit fields as the service does', () => {
    expect(parsePaketTime('1.2.2031 9:05:00')).toBe(at('2031-02-01T09:05:00Z'));
    expect(parsePaketTime('01.02.2031 09:05:00')).toBe(at('2031-02-01T09:05:00Z'));
    expect(parsePaketTime('0')).toBeUndefined();
    for (const bad of ['2031-02-01 09:05:00', '31.6.2031 9:00:00', '1.2.31 9:05:00']) expect(() => parsePaketTime(bad), bad).toThrow();
  });

  it('writes PHP date objects in the asked zone: type 3 for names, type 1 for offsets', () => {
    const ms = at('2021-08-01T12:00:00Z');
    expect(phpDate(ms, 'Europe/Paris')).toEqual({ date: '2021-08-01 14:00:00.000000', timezone_type: 3, timezone: 'Europe/Paris' });
    expect(phpDate(ms, '+02:00')).toEqual({ date: '2021-08-01 14:00:00.000000', timezone_type: 1, timezone: '+02:00' });
    expect(phpDate(ms, 'UTC')).toEqual({ date: '2021-08-01 12:00:00.000000', timezone_type: 3, timezone: 'UTC' });
    expect(humanDate(at('2024-01-05T23:30:07Z'), 'Europe/Paris')).toBe('06.01.2024 00:30:07');
  });

  it('gives the same wall clock on every call (cached offsets stay right across a change)', () => {
    const before = at('2024-10-27T00:45:00Z');
    const after = at('2024-10-27T01:15:00Z');
    for (let i = 0; i < 3; i++) {
      expect(phpDate(before, 'Europe/Paris').date).toBe('2024-10-27 02:45:00.000000');
      expect(phpDate(after, 'Europe/Paris').date).toBe('2024-10-27 02:15:00.000000');
    }
  });
});
