import { Temporal } from 'temporal-polyfill';
import type { Instant } from '../../../shared/domain';

// Wall clock <-> instant in a time zone, through the Temporal API (temporal-polyfill; switch to the native
// one when Electron's V8 ships it), and the PHP DateTime objects the gateway puts in its replies. The zone
// rules (DST gaps and overlaps, odd offsets) are Temporal's; this file only reads PHP's spellings of a zone
// and caches offsets, because a getallsms reply can hold 150,000 dates.

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * PHP's zone abbreviations (DateTime `timezone_type` 2) → minutes east of UTC. An abbreviation names one
 * offset whatever the date ("CEST" is +02:00 even in January), unlike an IANA zone. Only abbreviations with
 * one everyday meaning; where PHP's own table picks one of several (CST, BST, IST...), this follows PHP.
 */
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  UT: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  IST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  MEZ: 60,
  MESZ: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  MSD: 240,
  SAST: 120,
  WAT: 60,
  CAT: 120,
  EAT: 180,
  NST: -210,
  NDT: -150,
  AST: -240,
  ADT: -180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  HDT: -540,
  SST: -660,
  CHST: 600,
  AWST: 480,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  JST: 540,
  KST: 540,
  HKT: 480,
  PKT: 300,
  WIB: 420,
  WITA: 480,
  WIT: 540,
  BRT: -180,
  ART: -180,
};

/** A zone string → the time-zone id Temporal is given; null when unusable. Cached: replies repeat few zones. */
const zoneIds = new Map<string, string | null>();
const MAX_CACHED_ZONES = 200;

/** `preferAbbreviation`: read "CET", "EST"... as PHP's fixed offsets (type 2) rather than as IANA zones. */
function temporalZoneId(zone: string, preferAbbreviation = false): string | null {
  const key = preferAbbreviation ? `2:${zone}` : zone;
  let id = zoneIds.get(key);
  if (id === undefined) {
    id = resolveZone(zone.trim(), preferAbbreviation);
    if (zoneIds.size >= MAX_CACHED_ZONES) zoneIds.clear();
    zoneIds.set(key, id);
  }
  return id;
}

function offsetId(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function resolveZone(zone: string, preferAbbreviation: boolean): string | null {
  if (zone === '') return null;
  const offset = parseUtcOffset(zone);
  if (offset !== null) return offsetId(offset);
  const abbreviation = Object.hasOwn(ABBREVIATIONS, zone.toUpperCase()) ? ABBREVIATIONS[zone.toUpperCase()] : undefined;
  if (preferAbbreviation && abbreviation !== undefined) return offsetId(abbreviation);
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone).timeZoneId;
  } catch {
    // Not a zone Temporal knows: an abbreviation in a reply that did not say it was one is still read.
    return abbreviation === undefined ? null : offsetId(abbreviation);
  }
}

/** True for a fixed offset, an IANA zone name (or alias such as "UTC"), or a PHP zone abbreviation. */
export function isValidTimeZone(zone: string): boolean {
  return temporalZoneId(zone) !== null;
}

function requireZoneId(zone: string): string {
  const id = temporalZoneId(zone);
  if (id === null) throw new RangeError(`Unknown time zone "${zone}"`);
  return id;
}

/** Parses a fixed UTC offset ("+02:00", "+0200", "-05", "Z") into minutes east of UTC; null if not an offset. */
export function parseUtcOffset(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === 'Z') return 0;
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(trimmed);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 23 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** The wall clock in `zone` (IANA name or fixed offset) at `date`. Throws RangeError for an unknown zone. */
export function wallClockIn(date: Date, zone: string): WallClock {
  const z = Temporal.Instant.fromEpochMilliseconds(date.getTime()).toZonedDateTimeISO(requireZoneId(zone));
  return { year: z.year, month: z.month, day: z.day, hour: z.hour, minute: z.minute, second: z.second, millisecond: z.millisecond };
}

/** Offset of `zone` from UTC at the instant `epochMs`, in milliseconds. */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(requireZoneId(zone)).offsetNanoseconds / 1e6;
}

function exactEpochMs(wall: WallClock, zoneId: string): number {
  // "compatible": a repeated time (clocks going back) takes the earlier instant; a time skipped by a jump
  // forward is moved forward by the gap — what PHP does too.
  return Temporal.PlainDateTime.from(wall, { overflow: 'reject' }).toZonedDateTime(zoneId, { disambiguation: 'compatible' })
    .epochMilliseconds;
}

const HOUR_MS = 3_600_000;

/** The wall clock as if it were UTC, in ms: a key that orders wall times (Date.UTC with years 0-99 taken literally). */
function wallAsUtcMs(wall: WallClock): number {
  if (wall.year >= 100) return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** zone id → wall-clock hour (wall-as-UTC ms / HOUR_MS) → the offset Temporal applies at the start of that hour. */
const hourOffsets = new Map<string, Map<number, number>>();
const MAX_CACHED_HOURS = 50_000; // per zone: ~5.7 years of hours, ~3 MB at most

function hourStartOffset(zoneId: string, hours: Map<number, number>, hour: number): number {
  let offset = hours.get(hour);
  if (offset === undefined) {
    const naive = hour * HOUR_MS;
    const d = new Date(naive);
    const wall: WallClock = {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: 0,
      second: 0,
      millisecond: 0,
    };
    offset = naive - exactEpochMs(wall, zoneId);
    if (hours.size >= MAX_CACHED_HOURS) hours.clear();
    hours.set(hour, offset);
  }
  return offset;
}

/**
 * The instant at which the wall clock in `zone` reads `wall` (Temporal's "compatible" disambiguation).
 * Cached per wall-clock hour: when Temporal applies the same offset at the start of an hour and of the next
 * one, no transition lies in between (tz data never has two within an hour), so every time of that hour
 * maps with it; otherwise — DST, a :30 change (Lord Howe) — the time is asked of Temporal exactly.
 */
export function wallClockToEpochMs(wall: WallClock, zone: string): number {
  return epochInZone(wall, requireZoneId(zone));
}

function epochInZone(wall: WallClock, zoneId: string): number {
  let hours = hourOffsets.get(zoneId);
  if (!hours) {
    if (hourOffsets.size >= MAX_CACHED_ZONES) hourOffsets.clear();
    hours = new Map();
    hourOffsets.set(zoneId, hours);
  }
  const naive = wallAsUtcMs(wall);
  const hour = Math.floor(naive / HOUR_MS);
  const offset = hourStartOffset(zoneId, hours, hour);
  return offset === hourStartOffset(zoneId, hours, hour + 1) ? naive - offset : exactEpochMs(wall, zoneId);
}

const DAY_MS = 86_400_000;

/** zone id → wall-clock day (wall-as-UTC ms / DAY_MS) → the one offset of that whole day, or NaN when it changes. */
const dayOffsets = new Map<string, Map<number, number>>();
const MAX_CACHED_DAYS = 10_000; // per zone: ~27 years of days

/**
 * The offset every wall-clock time of `day` maps with, or NaN. When the 25 hour starts from its 00:00 to the
 * next day's 00:00 all have the same offset, each hour of the day passes epochInZone's test with that offset,
 * so naive − offset is what epochInZone gives for any time of the day; otherwise (a DST change) NaN.
 */
function dayOffset(zoneId: string, day: number): number {
  let days = dayOffsets.get(zoneId);
  if (!days) {
    if (dayOffsets.size >= MAX_CACHED_ZONES) dayOffsets.clear();
    days = new Map();
    dayOffsets.set(zoneId, days);
  }
  let offset = days.get(day);
  if (offset === undefined) {
    let hours = hourOffsets.get(zoneId);
    if (!hours) {
      if (hourOffsets.size >= MAX_CACHED_ZONES) hourOffsets.clear();
      hours = new Map();
      hourOffsets.set(zoneId, hours);
    }
    offset = hourStartOffset(zoneId, hours, day * 24);
    for (let hour = 1; hour <= 24; hour++) {
      if (hourStartOffset(zoneId, hours, day * 24 + hour) !== offset) {
        offset = Number.NaN;
        break;
      }
    }
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(day, offset);
  }
  return offset;
}

// What the last date read by phpDateToInstantFast used: a reply's dates share a zone and mostly a few days.
let lastZoneText: string | null = null;
let lastZoneAbbreviation = false;
let lastZone = '';
let lastZoneId: string | null = null;
let lastDayKey = -1;
let lastDayMs = 0;
let lastOffsetZoneId: string | null = null;
let lastOffsetDay = Number.NaN;
let lastOffset = 0;
let lastEpochMs = Number.NaN;

/** The instant's ms of the last date phpDateToInstantFast read itself (not handed to phpDateToInstant). */
export function lastFastEpochMs(): number {
  return lastEpochMs;
}

const digit = (text: string, at: number): number => text.charCodeAt(at) - 48;

/**
 * phpDateToInstant({date, timezone, timezone_type}) for a date as PHP writes it ("YYYY-MM-DD HH:MM:SS" plus a
 * fraction, years 100-9999) on a day without a DST change, without a regex or Temporal: the digits are read
 * in place and the offset is the day's (dayOffset). Undefined for anything else, which the caller then gives
 * to phpDateToInstant: the same answer either way (test/unit/gateway/time-fast.test.ts compares them).
 */
export function phpDateToInstantFast(date: string, timezone: string, abbreviation: boolean): Instant | undefined {
  const n = date.length;
  if (n !== 19 && (n < 21 || n > 29)) return undefined;
  const separator = date.charCodeAt(10);
  if (
    date.charCodeAt(4) !== 45 /* - */ ||
    date.charCodeAt(7) !== 45 ||
    (separator !== 32 /* space */ && separator !== 84) /* T */ ||
    date.charCodeAt(13) !== 58 /* : */ ||
    date.charCodeAt(16) !== 58 ||
    (n > 19 && date.charCodeAt(19) !== 46) /* . */
  ) {
    return undefined;
  }
  // Each digit read once; `>>> 0` turns a code below '0' into a huge number, so one test per digit.
  const d0 = digit(date, 0);
  const d1 = digit(date, 1);
  const d2 = digit(date, 2);
  const d3 = digit(date, 3);
  const d5 = digit(date, 5);
  const d6 = digit(date, 6);
  const d8 = digit(date, 8);
  const d9 = digit(date, 9);
  const d11 = digit(date, 11);
  const d12 = digit(date, 12);
  const d14 = digit(date, 14);
  const d15 = digit(date, 15);
  const d17 = digit(date, 17);
  const d18 = digit(date, 18);
  if (
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    d2 >>> 0 > 9 ||
    d3 >>> 0 > 9 ||
    d5 >>> 0 > 9 ||
    d6 >>> 0 > 9 ||
    d8 >>> 0 > 9 ||
    d9 >>> 0 > 9 ||
    d11 >>> 0 > 9 ||
    d12 >>> 0 > 9 ||
    d14 >>> 0 > 9 ||
    d15 >>> 0 > 9 ||
    d17 >>> 0 > 9 ||
    d18 >>> 0 > 9
  ) {
    return undefined;
  }
  // The fraction's first three digits, as parseNaiveDateTime pads and cuts it; the rest must be digits too.
  let millisecond = 0;
  for (let i = 20, scale = 100; i < n; i++, scale /= 10) {
    const d = digit(date, i);
    if (d >>> 0 > 9) return undefined;
    if (scale >= 1) millisecond += d * scale;
  }
  const year = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const month = d5 * 10 + d6;
  const day = d8 * 10 + d9;
  const hour = d11 * 10 + d12;
  const minute = d14 * 10 + d15;
  const second = d17 * 10 + d18;
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  if (timezone !== lastZoneText || abbreviation !== lastZoneAbbreviation) {
    lastZoneText = timezone;
    lastZoneAbbreviation = abbreviation;
    lastZone = timezone.trim();
    lastZoneId = temporalZoneId(lastZone, abbreviation);
  }
  const zoneId = lastZoneId;
  if (zoneId === null) return undefined;
  const dayKey = (year * 16 + month) * 32 + day;
  if (dayKey !== lastDayKey) {
    lastDayKey = dayKey;
    lastDayMs = Date.UTC(year, month - 1, day);
  }
  const naiveDay = lastDayMs / DAY_MS;
  if (zoneId !== lastOffsetZoneId || naiveDay !== lastOffsetDay) {
    lastOffsetZoneId = zoneId;
    lastOffsetDay = naiveDay;
    lastOffset = dayOffset(zoneId, naiveDay);
  }
  if (Number.isNaN(lastOffset)) return undefined;
  const epoch = lastDayMs + hour * HOUR_MS + minute * 60_000 + second * 1000 + millisecond - lastOffset;
  lastEpochMs = epoch;
  return { iso: isoUtc(epoch), zone: lastZone };
}

/** "YYYY-MM-DD HH:MM:SS" with optional fraction, as PHP prints DateTime::date. */
export function parseNaiveDateTime(text: string): WallClock | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction] = match;
  const wall: WallClock = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)),
  };
  // Reject dates such as 2023-02-30 rather than letting them roll over.
  const valid =
    wall.month >= 1 &&
    wall.month <= 12 &&
    wall.day >= 1 &&
    wall.day <= daysInMonth(wall.year, wall.month) &&
    wall.hour <= 23 &&
    wall.minute <= 59 &&
    wall.second <= 59;
  return valid ? wall : null;
}

/** The ISO calendar's month length (plain arithmetic: this runs for every date of a 50,000-row reply). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export interface PhpDate {
  date: string;
  /** 1: UTC offset ("+02:00"), 2: abbreviation ("CEST"), 3: IANA name ("Europe/Paris"). */
  timezone_type?: number;
  timezone: string;
}

/**
 * A PHP DateTime as JSON → the UTC instant plus the zone it was written in; null when the date or the zone
 * cannot be read. Every form is read whatever timezone_type says (an offset as is, a name through Temporal);
 * type 2 only decides that an abbreviation such as "CET" is PHP's fixed offset, not the IANA zone "CET".
 */
export function phpDateToInstant(value: PhpDate): Instant | null {
  const wall = parseNaiveDateTime(value.date);
  const zone = value.timezone.trim();
  const zoneId = temporalZoneId(zone, value.timezone_type === 2);
  if (!wall || zoneId === null) return null;
  const epoch = epochInZone(wall, zoneId);
  if (!Number.isFinite(epoch)) return null;
  return { iso: isoUtc(epoch), zone };
}

const FIRST_4_DIGIT_YEAR_MS = -62_167_219_200_000; // 0000-01-01T00:00:00Z
const FIRST_5_DIGIT_YEAR_MS = 253_402_300_800_000; // 10000-01-01T00:00:00Z
let isoDay = NaN;
let isoDayCodes: number[] = []; // "YYYY-MM-DDT" of isoDay, as character codes

/**
 * `new Date(ms).toISOString()`, ~5× faster: the date part is kept for the last day seen (a reply's dates
 * come in time order) and the time of day is plain arithmetic, written with one String.fromCharCode so the
 * result is one flat string (a template literal would leave a tree of pieces in memory until it is read).
 * toISOString was a quarter of the time spent mapping a getallsms reply (two or three dates a message).
 */
export function isoUtc(ms: number): string {
  if (!(ms >= FIRST_4_DIGIT_YEAR_MS && ms < FIRST_5_DIGIT_YEAR_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    isoDay = day;
    const prefix = new Date(day * DAY_MS).toISOString();
    isoDayCodes = Array.from({ length: 11 }, (_, i) => prefix.charCodeAt(i));
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const f = rest - s * 1000;
  const d = isoDayCodes as [number, number, number, number, number, number, number, number, number, number, number];
  const ZERO = 48;
  return String.fromCharCode(
    d[0],
    d[1],
    d[2],
    d[3],
    d[4],
    d[5],
    d[6],
    d[7],
    d[8],
    d[9],
    d[10],
    ZERO + Math.floor(h / 10),
    ZERO + (h % 10),
    58 /* : */,
    ZERO + Math.floor(m / 10),
    ZERO + (m % 10),
    58,
    ZERO + Math.floor(s / 10),
    ZERO + (s % 10),
    46 /* . */,
    ZERO + Math.floor(f / 100),
    ZERO + (Math.floor(f / 10) % 10),
    ZERO + (f % 10),
    90 /* Z */,
  );
}
