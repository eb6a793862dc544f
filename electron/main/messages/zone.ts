import { Temporal } from 'temporal-polyfill';

// Instants shown in the user's zone: ISO 8601 with that zone's offset at that instant
// ("2024-03-31T03:30:00+02:00"), and local day/hour boundaries for the figures. Zone rules come from
// Temporal; offsets are cached per UTC hour because an export formats 100k instants (no zone changes its
// offset twice within an hour, so an hour whose start and end agree has one offset throughout).

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const MAX_CACHED_HOURS = 20_000;

export { systemTimeZone } from '../../../shared/time-zone';

/** Throws RangeError for a zone Temporal does not know. */
export function checkTimeZone(zone: string): string {
  return Temporal.Now.zonedDateTimeISO(zone).timeZoneId;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function offsetText(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export type InstantFormatter = (epochMs: number) => string;

/** A formatter of instants as local ISO 8601 with offset in `zone`; seconds, and milliseconds when not zero. */
export function isoInZone(zone: string): InstantFormatter {
  const zoneId = checkTimeZone(zone);
  const exact = (ms: number): number => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zoneId).offsetNanoseconds / 1e6;
  const hours = new Map<number, number | null>();
  let lastHour = NaN;
  let lastOffset: number | null = null;
  const offsetAt = (ms: number): number => {
    const hour = Math.floor(ms / HOUR_MS);
    if (hour === lastHour && lastOffset !== null) return lastOffset;
    let offset = hours.get(hour);
    if (offset === undefined) {
      const start = exact(hour * HOUR_MS);
      offset = start === exact(hour * HOUR_MS + HOUR_MS - 1) ? start : null;
      if (hours.size >= MAX_CACHED_HOURS) hours.clear();
      hours.set(hour, offset);
    }
    lastHour = hour;
    lastOffset = offset;
    return offset ?? exact(ms);
  };
  // The text up to the minute, and the offset's, kept for the last minute formatted: an export walks the
  // history in time order, so rows in a row share their minute (a third of an export's formatting).
  let minute = NaN;
  let minuteOffset = NaN;
  let head = '';
  let tail = '';
  return (ms) => {
    const offset = offsetAt(ms);
    const wall = ms + offset;
    const at = Math.floor(wall / MINUTE_MS);
    if (at !== minute || offset !== minuteOffset) {
      const date = new Date(at * MINUTE_MS);
      head =
        `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
        `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:`;
      tail = offsetText(offset);
      minute = at;
      minuteOffset = offset;
    }
    const inMinute = wall - at * MINUTE_MS;
    const millis = inMinute % 1000;
    return `${head}${pad(Math.floor(inMinute / 1000))}${millis ? `.${pad(millis, 3)}` : ''}${tail}`;
  };
}

export type BucketSize = 'hour' | 'day';

/** Local midnight of the day holding `epochMs` in `zone` (not always 00:00 where DST starts at midnight). */
export function startOfLocalDay(epochMs: number, zone: string): number {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).startOfDay().epochMilliseconds;
}

/**
 * Bucket boundaries covering [fromMs, toMs) in local hours or days of `zone`: the first boundary is the start
 * of the hour/day holding fromMs, the last is at or after toMs. A local day may be 23 or 25 hours long.
 */
export function localBuckets(fromMs: number, toMs: number, size: BucketSize, zone: string, maxBuckets: number): number[] {
  let zdt = Temporal.Instant.fromEpochMilliseconds(fromMs).toZonedDateTimeISO(zone);
  zdt = size === 'day' ? zdt.startOfDay() : zdt.round({ smallestUnit: 'hour', roundingMode: 'floor' });
  const edges = [zdt.epochMilliseconds];
  while (edges[edges.length - 1]! < toMs) {
    if (edges.length > maxBuckets)
      throw new RangeError(`That range holds more than ${maxBuckets} ${size}s; choose a shorter range or a bigger bucket.`);
    zdt = size === 'day' ? zdt.add({ days: 1 }).startOfDay() : zdt.add({ hours: 1 });
    edges.push(zdt.epochMilliseconds);
  }
  return edges;
}
