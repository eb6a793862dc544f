import type { Instant } from '../../../shared/domain';

// Time-zone arithmetic with Intl only: wall-clock <-> instant in an IANA zone or a fixed offset,
// and the PHP DateTime objects the gateway puts in its replies.

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // hourCycle h23 so midnight is "00", never "24".
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** What a zone string is: a fixed offset (minutes east of UTC), a name Intl knows, or nothing usable. */
type ZoneKind = { offsetMinutes: number } | 'intl' | null;

/** Zone strings seen so far → their kind; a reply repeats the same few zones on every row. */
const zoneKinds = new Map<string, ZoneKind>();
const MAX_CACHED_ZONES = 200;

function zoneKind(zone: string): ZoneKind {
  let kind = zoneKinds.get(zone);
  if (kind === undefined) {
    kind = classifyZone(zone);
    if (zoneKinds.size >= MAX_CACHED_ZONES) zoneKinds.clear();
    zoneKinds.set(zone, kind);
  }
  return kind;
}

function classifyZone(zone: string): ZoneKind {
  if (zone.trim() === '') return null;
  const offsetMinutes = parseUtcOffset(zone);
  if (offsetMinutes !== null) return { offsetMinutes };
  // UTC under its usual names is a fixed offset: no Intl needed.
  if (/^(?:Etc\/)?(?:UTC|GMT)$/i.test(zone.trim())) return { offsetMinutes: 0 };
  try {
    formatterFor(zone);
    return 'intl';
  } catch {
    return null;
  }
}

/** True for a fixed offset or a zone name Intl knows (IANA, or an alias such as "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  return zoneKind(zone) !== null;
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
  const kind = zoneKind(zone);
  if (kind !== null && kind !== 'intl') {
    const shifted = new Date(date.getTime() + kind.offsetMinutes * 60_000);
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      millisecond: shifted.getUTCMilliseconds(),
    };
  }
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(date)) parts[part.type] = part.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: date.getUTCMilliseconds(),
  };
}

function wallAsUtcMs(wall: WallClock): number {
  const ms = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  if (wall.year < 0 || wall.year > 99) return ms;
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear takes them literally.
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** Offset of `zone` from UTC at the instant `epochMs`, in milliseconds (one Intl call, ~4 µs). */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtcMs({ ...wallClockIn(new Date(whole), zone), millisecond: 0 }) - whole;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** zone → UTC hour (epoch ms / HOUR_MS) → the zone's offset at the start of that hour. */
const hourStartOffsets = new Map<string, Map<number, number>>();
const MAX_CACHED_HOURS = 50_000; // per zone: ~5.7 years of hours, ~3 MB at most

function hourStartOffset(zone: string, hours: Map<number, number>, hour: number): number {
  let offset = hours.get(hour);
  if (offset === undefined) {
    offset = zoneOffsetMs(zone, hour * HOUR_MS);
    if (hours.size >= MAX_CACHED_HOURS) hours.clear();
    hours.set(hour, offset);
  }
  return offset;
}

/**
 * zoneOffsetMs through a per-hour cache: a reply's dates share few hours, so Intl runs about once per
 * distinct hour instead of four times per date. When the offset at the start of the hour equals the one at
 * the start of the next hour, it holds for the whole hour (tz data never has two transitions within one
 * hour). Otherwise a transition falls inside the hour — DST, a :30 change (Lord Howe), odd seconds (LMT) —
 * and the instant is asked exactly.
 */
function cachedZoneOffsetMs(zone: string, epochMs: number): number {
  let hours = hourStartOffsets.get(zone);
  if (!hours) {
    if (hourStartOffsets.size >= MAX_CACHED_ZONES) hourStartOffsets.clear();
    hours = new Map();
    hourStartOffsets.set(zone, hours);
  }
  const hour = Math.floor(epochMs / HOUR_MS);
  const offset = hourStartOffset(zone, hours, hour);
  return offset === hourStartOffset(zone, hours, hour + 1) ? offset : zoneOffsetMs(zone, epochMs);
}

/**
 * The instant at which the wall clock in `zone` reads `wall`. Ambiguous times (clocks going back) take the
 * earlier instant; times skipped by a DST jump are read with the offset before the jump, i.e. moved forward by
 * the gap — the same rule as Temporal's "compatible" disambiguation and PHP.
 */
export function wallClockToEpochMs(wall: WallClock, zone: string): number {
  const naive = wallAsUtcMs(wall);
  const kind = zoneKind(zone);
  if (kind === null) throw new RangeError(`Unknown time zone "${zone}"`);
  if (kind !== 'intl') return naive - kind.offsetMinutes * 60_000;

  // The zone's offsets a day either side; the wall time maps with whichever of them reads back to it.
  const before = cachedZoneOffsetMs(zone, naive - DAY_MS);
  const after = cachedZoneOffsetMs(zone, naive + DAY_MS);
  const early = naive - Math.max(before, after); // the larger offset gives the earlier instant
  if (naive - cachedZoneOffsetMs(zone, early) === early) return early;
  const late = naive - Math.min(before, after);
  if (naive - cachedZoneOffsetMs(zone, late) === late) return late;
  return naive - before; // in a DST gap
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
  // Reject dates such as 2023-02-30 rather than letting Date roll them over.
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

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export interface PhpDate {
  date: string;
  /** 1: UTC offset ("+02:00"), 2: abbreviation ("CEST"), 3: IANA name ("Europe/Paris"). Only a hint. */
  timezone_type?: number;
  timezone: string;
}

/**
 * A PHP DateTime as JSON → the UTC instant plus the zone it was written in; null when the date or the zone
 * cannot be read. The zone string decides, not timezone_type: an offset is applied as is, anything else goes
 * to Intl (which knows IANA names and the abbreviations that are also IANA links: UTC, GMT, EST, CET, ...).
 */
export function phpDateToInstant(value: PhpDate): Instant | null {
  const wall = parseNaiveDateTime(value.date);
  const zone = value.timezone.trim();
  if (!wall || zoneKind(zone) === null) return null;
  const epoch = wallClockToEpochMs(wall, zone);
  if (!Number.isFinite(epoch)) return null;
  return { iso: new Date(epoch).toISOString(), zone };
}
