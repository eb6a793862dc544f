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

/** True for a fixed offset or a zone name Intl knows (IANA, or an alias such as "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  if (parseUtcOffset(zone) !== null) return true;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
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
  const offsetMinutes = parseUtcOffset(zone);
  if (offsetMinutes !== null) {
    const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
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
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** Offset of `zone` from UTC at the instant `epochMs`, in milliseconds. */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtcMs({ ...wallClockIn(new Date(whole), zone), millisecond: 0 }) - whole;
}

const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock in `zone` reads `wall`. Ambiguous times (clocks going back) take the
 * earlier instant; times skipped by a DST jump are read with the offset before the jump, i.e. moved forward by
 * the gap — the same rule as Temporal's "compatible" disambiguation and PHP.
 */
export function wallClockToEpochMs(wall: WallClock, zone: string): number {
  const offsetMinutes = parseUtcOffset(zone);
  const naive = wallAsUtcMs(wall);
  if (offsetMinutes !== null) return naive - offsetMinutes * 60_000;

  const before = zoneOffsetMs(zone, naive - DAY_MS);
  const after = zoneOffsetMs(zone, naive + DAY_MS);
  const candidates = [...new Set([before, after])]
    .map((offset) => naive - offset)
    .filter((epoch) => naive - zoneOffsetMs(zone, epoch) === epoch);
  if (candidates.length > 0) return Math.min(...candidates);
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
  const check = new Date(wallAsUtcMs(wall));
  if (
    check.getUTCFullYear() !== wall.year ||
    check.getUTCMonth() + 1 !== wall.month ||
    check.getUTCDate() !== wall.day ||
    wall.hour > 23 ||
    wall.minute > 59 ||
    wall.second > 59
  ) {
    return null;
  }
  return wall;
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
  if (!wall || !isValidTimeZone(zone)) return null;
  const epoch = wallClockToEpochMs(wall, zone);
  if (!Number.isFinite(epoch)) return null;
  return { iso: new Date(epoch).toISOString(), zone };
}
