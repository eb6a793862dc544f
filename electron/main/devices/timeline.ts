// A phone's online/offline history for this session: consecutive spans, oldest first, never two
// neighbours in the same state. Bounded in time (24 h) and in count, so a day-long session costs a
// fixed amount of memory even for a phone that flaps.

export interface Span {
  from: number;
  /** null: the span is still going on. */
  until: number | null;
  online: boolean;
}

export const TIMELINE_WINDOW_MS = 24 * 60 * 60_000;
/** A phone flapping every few minutes all day would otherwise keep hundreds of spans. */
export const MAX_SPANS = 288;

/** Records the state observed at `at`: extends the current span, or closes it and opens a new one. */
export function recordState(spans: Span[], online: boolean, at: number): void {
  const current = spans.at(-1);
  if (current && current.until === null && current.online === online) return;
  if (current && current.until === null) current.until = at;
  spans.push({ from: at, until: null, online });
}

/**
 * Drops spans that ended more than 24 h before `now`, and the oldest ones beyond MAX_SPANS.
 * The oldest kept span may start before the window (the screen clips it): not rewriting its start
 * keeps the snapshot stable between polls, so nothing is pushed just because time passed.
 */
export function pruneSpans(spans: Span[], now: number): void {
  const windowStart = now - TIMELINE_WINDOW_MS;
  let drop = 0;
  while (drop < spans.length) {
    const until = spans[drop]!.until;
    if (until === null || until > windowStart) break;
    drop++;
  }
  drop = Math.max(drop, spans.length - MAX_SPANS);
  if (drop > 0) spans.splice(0, drop);
}
