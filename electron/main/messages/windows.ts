// Planning getallsms in date windows. Pure functions: no clock, no database, no HTTP.
//
// getallsms has no paging: a window's reply holds every message created in it. So a window is counted first
// (`onlycount`) and split while it holds more than `maxPerWindow`. The API's dates have whole seconds and
// `enddate` is inclusive, so a window here is a half-open span [fromMs, toMs) of whole seconds, asked as
// begindate = fromMs, enddate = toMs − 1 s. A one-second window cannot be split: it is read whole.
//
// Incremental syncs read what is not covered yet, and read again the windows that may still change:
// those holding messages not final yet (1, 3, 2, 6), and those that ended so close to the moment they were
// read that a message could still land in them (clock skew between us and the gateway, its commit lag).

export const SECOND_MS = 1_000;

export interface TimeWindow {
  fromMs: number;
  /** Exclusive. */
  toMs: number;
}

export interface RecordedWindow extends TimeWindow {
  /** Local clock when the window's getallsms answered. */
  readAt: number;
  /** Messages its reply held. */
  count: number;
}

export const WINDOW_DEFAULTS = {
  /**
   * Over this many messages a window is split. ~0.6 MB of JSON: parsing and mapping the reply takes ~10 ms
   * of the main thread (it is done in one go); 2,000 took ~20 ms, more than a frame.
   */
  maxPerWindow: 1_000,
  /** A window split in at most this many parts at once (proportional to how over-full it is; at least 2). */
  maxParts: 8,
  /** A window read less than this after it ended may still gain messages: it is read again. */
  settleMs: 10 * 60_000,
  /** Messages still unfinished after this long are not worth reading again (a 6 with no report stays 6). */
  unfinishedMaxAgeMs: 3 * 86_400_000,
} as const;

/** Widens a span to whole seconds: from rounded down, to rounded up (never empty). */
export function alignWindow(fromMs: number, toMs: number): TimeWindow {
  const from = Math.floor(fromMs / SECOND_MS) * SECOND_MS;
  const to = Math.max(from + SECOND_MS, Math.ceil(toMs / SECOND_MS) * SECOND_MS);
  return { fromMs: from, toMs: to };
}

export function canSplit(window: TimeWindow): boolean {
  return window.toMs - window.fromMs >= 2 * SECOND_MS;
}

/** How many parts a window holding `count` messages is split into: 1 when it fits. */
export function partsFor(
  count: number,
  maxPerWindow: number = WINDOW_DEFAULTS.maxPerWindow,
  maxParts: number = WINDOW_DEFAULTS.maxParts,
): number {
  if (count <= maxPerWindow) return 1;
  return Math.min(maxParts, Math.max(2, Math.ceil(count / maxPerWindow)));
}

/**
 * Cuts a window into `parts` spans of (nearly) equal length on whole seconds; fewer when it has fewer
 * seconds. The parts are contiguous and cover it exactly.
 */
export function splitWindow(window: TimeWindow, parts: number): TimeWindow[] {
  const seconds = (window.toMs - window.fromMs) / SECOND_MS;
  const n = Math.max(1, Math.min(Math.floor(parts), seconds));
  const out: TimeWindow[] = [];
  let from = window.fromMs;
  for (let i = 1; i <= n; i++) {
    const to = i === n ? window.toMs : window.fromMs + Math.round((seconds * i) / n) * SECOND_MS;
    out.push({ fromMs: from, toMs: to });
    from = to;
  }
  return out;
}

/** What getallsms is asked: begindate at the first second, enddate at the last second included. */
export function queryRange(window: TimeWindow): { from: Date; to: Date } {
  return { from: new Date(window.fromMs), to: new Date(window.toMs - SECOND_MS) };
}

/** Parts of `range` no recorded window covers. `recorded` may be in any order; they never overlap. */
export function coverageGaps(recorded: readonly TimeWindow[], range: TimeWindow): TimeWindow[] {
  const sorted = [...recorded].filter((w) => w.toMs > range.fromMs && w.fromMs < range.toMs).sort((a, b) => a.fromMs - b.fromMs);
  const gaps: TimeWindow[] = [];
  let cursor = range.fromMs;
  for (const w of sorted) {
    if (w.fromMs > cursor) gaps.push({ fromMs: cursor, toMs: Math.min(w.fromMs, range.toMs) });
    cursor = Math.max(cursor, w.toMs);
    if (cursor >= range.toMs) break;
  }
  if (cursor < range.toMs) gaps.push({ fromMs: cursor, toMs: range.toMs });
  return gaps;
}

/** A window read long enough after it ended that nothing new can land in it. */
export function isSettled(window: RecordedWindow, settleMs: number = WINDOW_DEFAULTS.settleMs): boolean {
  return window.toMs + settleMs <= window.readAt;
}

export type ReadReason = 'new' | 'unsettled' | 'unfinished';

export interface PlannedRead extends TimeWindow {
  reason: ReadReason;
}

export interface IncrementalInput {
  recorded: readonly RecordedWindow[];
  /** What the mirror should cover now (aligned to seconds). */
  range: TimeWindow;
  /** Creation times of the mirror's messages that are not final yet, in any order. */
  unfinishedCreatedMs: readonly number[];
  now: number;
  settleMs?: number;
  unfinishedMaxAgeMs?: number;
}

/**
 * The windows an incremental sync reads: every gap in the range ('new'), and the recorded windows in it
 * that are not settled or that hold a message not final yet, created within `unfinishedMaxAgeMs`.
 * Returned in time order, newest last.
 */
export function planIncremental(input: IncrementalInput): PlannedRead[] {
  const settleMs = input.settleMs ?? WINDOW_DEFAULTS.settleMs;
  const oldest = input.now - (input.unfinishedMaxAgeMs ?? WINDOW_DEFAULTS.unfinishedMaxAgeMs);
  const unfinished = input.unfinishedCreatedMs.filter((ms) => ms >= oldest).sort((a, b) => a - b);
  const reads: PlannedRead[] = coverageGaps(input.recorded, input.range).map((gap) => ({ ...gap, reason: 'new' }));
  for (const w of input.recorded) {
    if (w.toMs <= input.range.fromMs || w.fromMs >= input.range.toMs) continue;
    if (!isSettled(w, settleMs)) {
      reads.push({ fromMs: w.fromMs, toMs: w.toMs, reason: 'unsettled' });
      continue;
    }
    // Only the span of its unfinished messages: a settled window of 2,000 with one stuck message costs one
    // small read, not 2,000 rows each sync.
    const inside = unfinishedSpan(unfinished, w);
    if (inside) reads.push({ ...inside, reason: 'unfinished' });
  }
  return cutAtSettleLine(mergeContiguous(reads.sort((a, b) => a.fromMs - b.fromMs)), input.now - settleMs);
}

/** Neighbouring reads become one: one count decides whether it needs splitting. */
function mergeContiguous(reads: readonly PlannedRead[]): PlannedRead[] {
  const out: PlannedRead[] = [];
  for (const read of reads) {
    const last = out[out.length - 1];
    if (last && last.toMs >= read.fromMs) {
      out[out.length - 1] = {
        fromMs: last.fromMs,
        toMs: Math.max(last.toMs, read.toMs),
        reason: last.reason === 'new' ? read.reason : last.reason,
      };
    } else {
      out.push({ ...read });
    }
  }
  return out;
}

/**
 * A read reaching past the settle line is cut there: the older part will be settled once read, and only
 * the last minutes are read again next time (instead of a window growing with every sync).
 */
function cutAtSettleLine(reads: readonly PlannedRead[], settleLineMs: number): PlannedRead[] {
  const line = Math.floor(settleLineMs / SECOND_MS) * SECOND_MS;
  return reads.flatMap((read) =>
    read.fromMs < line && read.toMs > line
      ? [
          { ...read, toMs: line },
          { ...read, fromMs: line },
        ]
      : [read],
  );
}

/** The seconds from the window's first unfinished message to its last, or null when it holds none. */
function unfinishedSpan(sorted: readonly number[], window: TimeWindow): TimeWindow | null {
  const first = lowerBound(sorted, window.fromMs);
  if (first >= sorted.length || sorted[first]! >= window.toMs) return null;
  const end = lowerBound(sorted, window.toMs) - 1;
  const span = alignWindow(sorted[first]!, sorted[end]! + 1);
  return { fromMs: Math.max(window.fromMs, span.fromMs), toMs: Math.min(window.toMs, span.toMs) };
}

/** Whether an instant of `sorted` (ascending) falls in [fromMs, toMs). */
export function holdsAny(sorted: readonly number[], window: TimeWindow): boolean {
  const first = lowerBound(sorted, window.fromMs);
  return first < sorted.length && sorted[first]! < window.toMs;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Merges neighbouring windows that will not be read again (settled, nothing unfinished in them), so the
 * bookkeeping stays a handful of rows however many syncs ran. `isClean` says whether a window qualifies.
 */
export function compactWindows(recorded: readonly RecordedWindow[], isClean: (w: RecordedWindow) => boolean): RecordedWindow[] {
  const sorted = [...recorded].sort((a, b) => a.fromMs - b.fromMs);
  const out: RecordedWindow[] = [];
  let previousClean = false;
  for (const w of sorted) {
    const clean = isClean(w);
    const last = out[out.length - 1];
    if (last && previousClean && clean && last.toMs === w.fromMs) {
      out[out.length - 1] = { fromMs: last.fromMs, toMs: w.toMs, readAt: Math.min(last.readAt, w.readAt), count: last.count + w.count };
    } else {
      out.push(w);
    }
    previousClean = clean;
  }
  return out;
}

/**
 * Records a freshly read window among the recorded ones: windows it covers go, windows it overlaps keep
 * only their parts outside it (with their count unknown beyond what remains: kept as 0 — counts are
 * bookkeeping, never a source of truth).
 */
export function recordWindow(
  recorded: readonly RecordedWindow[],
  read: RecordedWindow,
): { remove: RecordedWindow[]; add: RecordedWindow[] } {
  const remove: RecordedWindow[] = [];
  const add: RecordedWindow[] = [read];
  for (const w of recorded) {
    if (w.toMs <= read.fromMs || w.fromMs >= read.toMs) continue;
    remove.push(w);
    if (w.fromMs < read.fromMs) add.push({ ...w, toMs: read.fromMs, count: 0 });
    if (w.toMs > read.toMs) add.push({ ...w, fromMs: read.toMs, count: 0 });
  }
  return { remove, add };
}
