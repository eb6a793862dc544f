// Value formats the sandbox reads and writes. Liberal where the service is (timetosend without seconds,
// one-digit savepaket fields), strict elsewhere so a client formatting bug shows up as a refusal instead
// of silently doing something else. Naive request times ("2024-05-01 10:00:00") are read as UTC, as the
// service does; reply dates are written in the account's zone (or getallsms' `timezone`).

import { europeanDateTime, fixedOffsetMinutes, isZoneName, offsetMinutesAt, sqlDateTimeAt, utcInstant, wallTime } from './zone';

/** An `{"error":1,"message":...}` reply. Thrown by handlers; the server turns it into JSON with HTTP 200. */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

/** A PHP DateTime as json_encode writes it. */
export interface PhpDate {
  date: string;
  timezone_type: 1 | 3;
  timezone: string;
}

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

function utcFromParts(year: number, month: number, day: number, hour: number, minute: number, second: number): number | null {
  return utcInstant({ year, month, day, hour, minute, second });
}

/**
 * `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` (the service's own example sends no seconds) or `YYYY-MM-DD HH:MM:SS`,
 * read as UTC. A date alone means midnight, or the last second of that day when `endOfDay` is set (so
 * enddate=2024-05-01 includes that day).
 */
export function parseSqlDate(raw: string | undefined, field: string, endOfDay = false): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(raw);
  const bad = new Refusal(`${field} is not a valid date: use YYYY-MM-DD or YYYY-MM-DD HH:MM:SS`);
  if (!m) throw bad;
  const timeGiven = m[4] !== undefined;
  const [h, mi, s] = timeGiven ? [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)] : endOfDay ? [23, 59, 59] : [0, 0, 0];
  const ms = utcFromParts(Number(m[1]), Number(m[2]), Number(m[3]), h, mi, s);
  if (ms === null) throw bad;
  return ms;
}

/**
 * savepaket's `time_to_send`: PHP `d.m.Y H:i:s`, read as UTC, with one-digit fields taken as the service
 * takes them (`1.2.2031 9:05:00`); seconds may be left out. "0" or empty = now (returns undefined).
 */
export function parsePaketTime(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '' || raw === '0') return undefined;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/.exec(raw);
  const bad = new Refusal('time_to_send is not valid: use DD.MM.YYYY HH:MM:SS, or 0 for now');
  if (!m) throw bad;
  const ms = utcFromParts(Number(m[3]), Number(m[2]), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (ms === null) throw bad;
  return ms;
}

// ---- writing reply values ----

/** Throws a Refusal unless `zone` is an IANA name or a `+HH:MM` offset (what PHP's DateTimeZone accepts). */
export function checkTimeZone(zone: string): void {
  if (fixedOffsetMinutes(zone) === null && !isZoneName(zone)) throw new Refusal('timezone is not valid');
}

/** The zone of the last date written and its timezone_type: a getallsms reply writes every date in one zone. */
let lastZone = '';
let lastZoneType: 1 | 3 = 3;

/** A PHP DateTime in `zone`: timezone_type 1 for a `+HH:MM` offset, 3 for a zone name. */
export function phpDate(ms: number, zone: string): PhpDate {
  if (zone !== lastZone) {
    lastZoneType = fixedOffsetMinutes(zone) === null ? 3 : 1;
    lastZone = zone;
  }
  return { date: `${sqlDateTimeAt(ms, zone)}.000000`, timezone_type: lastZoneType, timezone: zone };
}

/** getalldevices' `lastseenhumanformat`: "DD.MM.YYYY HH:MM:SS" in the account's zone. */
export function humanDate(ms: number, zone: string): string {
  return europeanDateTime(wallTime(ms, zone));
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/**
 * JSON.stringify(phpDate(ms, zone)) for every date of one getallsms reply, without the object or a Date per
 * date: the day's "YYYY-MM-DD " is kept while dates stay on it (a reply's dates come in time order), and
 * the time of day is written from a table. A million-message history sync writes two million of them.
 */
export class PhpDateJson {
  private readonly tail: string;
  private day = NaN;
  private dayPrefix = '';

  constructor(private readonly zone: string) {
    this.tail = `.000000","timezone_type":${fixedOffsetMinutes(zone) === null ? 3 : 1},"timezone":${JSON.stringify(zone)}}`;
  }

  write(ms: number): string {
    const local = ms + offsetMinutesAt(ms, this.zone) * 60_000;
    const day = Math.floor(local / DAY_MS);
    if (day !== this.day) {
      // Same truncation as sqlDateTimeAt's toISOString; years past 0–9999 (and NaN's throw) go its way.
      const iso = new Date(local).toISOString();
      if (iso.length !== 24) return `{"date":"${sqlDateTimeAt(ms, this.zone)}${this.tail}`;
      this.day = day;
      this.dayPrefix = `{"date":"${iso.slice(0, 10)} `;
    }
    const second = Math.floor((local - day * DAY_MS) / 1000);
    const hour = Math.floor(second / 3600);
    const minute = Math.floor(second / 60) % 60;
    return `${this.dayPrefix}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second % 60]}${this.tail}`;
  }
}
