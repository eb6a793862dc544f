// The sandbox's own time-zone maths, written apart from the client's (electron/main/gateway/time.ts) on
// purpose: the sandbox tests the client, so a zone bug shared by both would pass unnoticed. The client
// derives wall clocks from Intl's date parts; this asks Intl for the zone's UTC offset ("GMT+02:00")
// and shifts the instant by it.

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** `+HH:MM` / `-HH:MM`: the fixed-offset zones PHP writes with timezone_type 1. Minutes east of UTC, or null. */
export function fixedOffsetMinutes(zone: string): number | null {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat | null>();

function offsetFormatter(zone: string): Intl.DateTimeFormat | null {
  let formatter = offsetFormatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      formatter = null;
    }
    if (offsetFormatters.size > 500) offsetFormatters.clear();
    offsetFormatters.set(zone, formatter);
  }
  return formatter;
}

/** A zone name the sandbox answers in with timezone_type 3: an IANA name (or alias) Intl knows, not an offset. */
export function isZoneName(zone: string): boolean {
  if (zone === '' || /^[+-]/.test(zone) || /\d{2}:?\d{2}$/.test(zone)) return false;
  return offsetFormatter(zone) !== null;
}

// Offsets by zone and 15-minute slice of time: zone changes happen on those marks, and a reply of
// 100k rows repeats a handful of slices, so Intl is asked a few times instead of once per date.
const SLICE_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();
const MAX_CACHED_OFFSETS = 100_000;
/** The last answer, checked before the map: a reply's dates come in time order, mostly in the same slice. */
const last = { zone: '', slice: NaN, offset: 0 };

/** The zone's offset from UTC at that instant, in minutes east (Europe/Paris in July: 120). */
export function offsetMinutesAt(ms: number, zone: string): number {
  const slice = Math.floor(ms / SLICE_MS);
  if (slice === last.slice && zone === last.zone) return last.offset;
  const fixed = fixedOffsetMinutes(zone);
  if (fixed !== null) return fixed;
  const key = `${zone}|${slice}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const formatter = offsetFormatter(zone);
    if (!formatter) throw new RangeError(`Unknown time zone ${zone}`);
    const name = formatter.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    offset = parseGmtOffset(name);
    if (offsetCache.size >= MAX_CACHED_OFFSETS) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  last.zone = zone;
  last.slice = slice;
  last.offset = offset;
  return offset;
}

/** "GMT", "GMT+02:00", "GMT-09:30" → minutes east of UTC. */
function parseGmtOffset(name: string): number {
  if (name === 'GMT') return 0;
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!m) throw new RangeError(`Unexpected offset ${name}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** What a wall clock in `zone` shows at that instant (whole seconds). */
export function wallTime(ms: number, zone: string): WallTime {
  const shifted = new Date(ms + offsetMinutesAt(ms, zone) * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** The UTC instant of a naive date-time, or null when no such date exists (31 June, hour 24). */
export function utcInstant(t: WallTime): number | null {
  const ms = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const back = wallTime(ms, '+00:00');
  const same =
    back.year === t.year &&
    back.month === t.month &&
    back.day === t.day &&
    back.hour === t.hour &&
    back.minute === t.minute &&
    back.second === t.second;
  return same ? ms : null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** sqlDateTime(wallTime(ms, zone)), without the parts object: a million-message history writes two dates a row. */
export function sqlDateTimeAt(ms: number, zone: string): string {
  const iso = new Date(ms + offsetMinutesAt(ms, zone) * 60_000).toISOString();
  // Years 0–9999 only ("+010000-…" past them): the general way covers the rest.
  return iso.length === 24 ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : sqlDateTime(wallTime(ms, zone));
}

/** "2024-05-01 14:00:00" */
export function sqlDateTime(t: WallTime): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

/** "01.05.2024 14:00:00" */
export function europeanDateTime(t: WallTime): string {
  return `${pad(t.day)}.${pad(t.month)}.${pad(t.year, 4)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}
