// Value formats the sandbox reads and writes, strict on input so a client formatting bug shows up as a
// refusal instead of silently doing something else. The server's zone is UTC: naive request times
// ("2024-05-01 10:00:00") are read as UTC.

import { isValidTimeZone, parseUtcOffset, wallClockIn } from '../gateway/time';

/** An `{"error":1,"message":...}` reply. Thrown by handlers; the server turns it into JSON with HTTP 200. */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

export const SERVER_TIME_ZONE = 'UTC';

/** A PHP DateTime as json_encode writes it. */
export interface PhpDate {
  date: string;
  timezone_type: 1 | 3;
  timezone: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Whole seconds: the service stores DATETIME columns, so replies always end in ".000000". */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

// ---- reading request values ----

/** A required or optional id: digits only (no "12abc", no "1.5", no "-3"). */
export function parseId(raw: string | undefined, field: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw new Refusal(`${field} must be an integer`);
  return Number(raw);
}

export function requireId(raw: string | undefined, field: string): number {
  const id = parseId(raw, field);
  if (id === undefined) throw new Refusal(`${field} is required`);
  return id;
}

/** Sim slot 0..5 (SMS slot 1/2, WhatsApp Business, WhatsApp, RCS, RCS); missing = 0. */
export function parseSim(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  if (!/^[0-5]$/.test(raw)) throw new Refusal('sim is not valid: use 0, 1, 2, 3, 4 or 5');
  return Number(raw);
}

export function parseFlag(raw: string | undefined, field: string): boolean {
  if (raw === undefined || raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  throw new Refusal(`${field} must be 0 or 1`);
}

function utcFromParts(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const same =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return same ? ms : null;
}

/**
 * `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, read in the server zone (UTC). A date alone means midnight, or
 * the last second of that day when `endOfDay` is set (so enddate=2024-05-01 includes that day).
 */
export function parseSqlDate(raw: string | undefined, field: string, endOfDay = false): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(raw);
  const bad = new Refusal(`${field} is not a valid date: use YYYY-MM-DD or YYYY-MM-DD HH:MM:SS`);
  if (!m) throw bad;
  const timeGiven = m[4] !== undefined;
  const [h, mi, s] = timeGiven ? [Number(m[4]), Number(m[5]), Number(m[6])] : endOfDay ? [23, 59, 59] : [0, 0, 0];
  const ms = utcFromParts(Number(m[1]), Number(m[2]), Number(m[3]), h, mi, s);
  if (ms === null) throw bad;
  return ms;
}

/** savepaket's `time_to_send`: PHP `d.m.Y H:i:s`; "0" or empty = now (returns undefined). */
export function parsePaketTime(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '' || raw === '0') return undefined;
  const m = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(raw);
  const bad = new Refusal('time_to_send is not valid: use DD.MM.YYYY HH:MM:SS, or 0 for now');
  if (!m) throw bad;
  const ms = utcFromParts(Number(m[3]), Number(m[2]), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (ms === null) throw bad;
  return ms;
}

// ---- writing reply values ----

/** Throws a Refusal unless `zone` is an IANA name or a `+HH:MM` offset (what PHP's DateTimeZone accepts). */
export function checkTimeZone(zone: string): void {
  if (/^[+-]\d{2}:\d{2}$/.test(zone)) return;
  // The zone maths is the client's (one implementation, unit-tested there); the sandbox is only stricter
  // about which spellings it takes.
  if (parseUtcOffset(zone) !== null || !isValidTimeZone(zone)) throw new Refusal('timezone is not valid');
}

export function phpDate(ms: number, zone: string = SERVER_TIME_ZONE): PhpDate {
  const w = wallClockIn(new Date(ms), zone);
  return {
    date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}.000000`,
    timezone_type: /^[+-]/.test(zone) ? 1 : 3,
    timezone: zone,
  };
}

export function phpDateOrNull(ms: number | null, zone?: string): PhpDate | null {
  return ms === null ? null : phpDate(ms, zone);
}

/** getalldevices' `lastseenhumanformat`: "DD.MM.YYYY HH:MM:SS" in the server zone. */
export function humanDate(ms: number): string {
  const w = wallClockIn(new Date(ms), SERVER_TIME_ZONE);
  return `${pad(w.day)}.${pad(w.month)}.${pad(w.year, 4)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}
