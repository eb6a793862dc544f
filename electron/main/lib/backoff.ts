// Retry spacing while the gateway cannot be read: the first retry comes after the normal interval,
// then each one doubles, up to 5 minutes (or the user's interval if that is longer: backing off never
// polls more often than a healthy monitor would). A success resets the count.

export const MAX_BACKOFF_MS = 5 * 60_000;

export function nextPollDelayMs(pollMs: number, consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return pollMs;
  const cap = Math.max(MAX_BACKOFF_MS, pollMs);
  const exponent = Math.min(consecutiveFailures - 1, 30);
  return Math.min(pollMs * 2 ** exponent, cap);
}
