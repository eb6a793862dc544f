// When is a phone "online"? The gateway only tells us when it last saw the phone (lastseen) and how
// often the phone polls (delaybetweenrequest). The rule:
//
//   offline  ⇔  now − lastSeen  >  2 × pollInterval + 30 s      (exactly on the threshold = still online)
//
// Why: a healthy phone is seen at least once per poll interval. One missed poll is routine on a mobile
// network (a failed request, Android's Doze deferring the job), so it must not page anyone; two missed
// polls in a row mean the phone really stopped. The 30 s grace covers the gateway's own write delay,
// request latency and a few seconds of clock difference between this computer and the gateway.
// `now` is the GATEWAY's now: lastSeen is stamped by the gateway's clock, so a computer whose clock is 10
// minutes fast would otherwise see every phone as 10 minutes late (all offline). The client estimates the
// gateway's clock offset from its replies' HTTP Date headers; the rule adds it to the local clock.
// The monitor re-evaluates the rule on every poll, so a phone that stops polling is reported offline
// at most one monitor poll after it crosses the threshold.

export const ONLINE_GRACE_MS = 30_000;
/** Used when the gateway reports no usable poll interval: errs on the side of "still online". */
export const FALLBACK_PHONE_POLL_SECONDS = 60;

export function offlineAfterMs(pollIntervalSeconds: number): number {
  const seconds = Number.isFinite(pollIntervalSeconds) && pollIntervalSeconds > 0 ? pollIntervalSeconds : FALLBACK_PHONE_POLL_SECONDS;
  return 2 * seconds * 1000 + ONLINE_GRACE_MS;
}

/**
 * Offsets smaller than this are the Date header's own noise (it is cut to the second and read across a
 * request's round trip), and the 30 s grace already covers seconds of skew: they count as none, so a phone
 * does not flip between online and offline on the exact threshold from one poll to the next.
 */
export const CLOCK_NOISE_MS = 2_000;

/**
 * The gateway's clock now, from the local clock and the estimated offset (gateway − local, ms); an unknown
 * or nonsensical offset, or one within the estimate's noise, counts as none.
 */
export function gatewayNowMs(localNowMs: number, clockOffsetMs: number | null | undefined): number {
  if (typeof clockOffsetMs !== 'number' || !Number.isFinite(clockOffsetMs) || Math.abs(clockOffsetMs) < CLOCK_NOISE_MS) return localNowMs;
  return localNowMs + clockOffsetMs;
}

/**
 * lastSeenMs null (never seen) is offline. A lastSeen in the future (clock skew) counts as just seen.
 * `clockOffsetMs`: the gateway's clock minus this computer's (null/omitted: assume they agree).
 */
export function isOnline(
  lastSeenMs: number | null,
  pollIntervalSeconds: number,
  nowMs: number,
  clockOffsetMs: number | null = null,
): boolean {
  if (lastSeenMs === null || !Number.isFinite(lastSeenMs)) return false;
  return gatewayNowMs(nowMs, clockOffsetMs) - lastSeenMs <= offlineAfterMs(pollIntervalSeconds);
}
