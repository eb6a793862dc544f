// Is today's failure rate unusual for this account? A shop that always loses 3 % of its messages (numbers
// that changed hands, phones switched off) should not see "37 messages failed today" in red every day; a
// day that fails far more than its recent days should. Pure arithmetic on finished messages (delivered +
// failed), so it is testable without a clock or a database.

export interface DayCounts {
  delivered: number;
  failed: number;
}

export type FailureRateVerdict =
  /** Nothing failed today, or too few finished to say anything. */
  | { kind: 'none' }
  /** Failures at the rate this account usually has (or no history to compare with, and not alarming). */
  | { kind: 'usual'; rate: number; failed: number; finished: number; usual: number | null }
  /** Clearly more than usual: worth an alert. */
  | { kind: 'unusual'; rate: number; failed: number; finished: number; usual: number | null };

/** Fewer finished messages than this in the recent days: no baseline, judge today on its own. */
export const MIN_BASELINE_FINISHED = 50;
/** Without a baseline, a day with at least this share failing (and MIN_FAILED failures) is unusual. */
export const NO_BASELINE_ALERT_RATE = 0.2;
/** A handful of failures is never an alert by itself. */
export const MIN_FAILED = 5;
/** How far above the usual rate today must be: this many standard deviations of a day this size… */
const Z = 3;
/** …and at least this many percentage points, so a tiny usual rate does not make 2 % look alarming. */
const MIN_EXCESS = 0.05;

/**
 * Compares today with the pooled rate of the recent days (each day's delivered + failed). Unusual when
 * today fails at least MIN_FAILED messages and its rate is both MIN_EXCESS above the usual rate and more
 * than Z standard deviations above it for a day of today's size (a binomial check, so a small day with a
 * few unlucky failures is not an alarm but a big day clearly worse is).
 */
export function judgeFailureRate(today: DayCounts, recentDays: readonly DayCounts[]): FailureRateVerdict {
  const finished = today.delivered + today.failed;
  if (today.failed === 0 || finished === 0) return { kind: 'none' };
  const rate = today.failed / finished;
  const past = recentDays.reduce((sum, day) => ({ delivered: sum.delivered + day.delivered, failed: sum.failed + day.failed }), {
    delivered: 0,
    failed: 0,
  });
  const pastFinished = past.delivered + past.failed;
  const facts = { rate, failed: today.failed, finished };
  if (pastFinished < MIN_BASELINE_FINISHED) {
    const alarming = today.failed >= MIN_FAILED && rate >= NO_BASELINE_ALERT_RATE;
    return { kind: alarming ? 'unusual' : 'usual', ...facts, usual: null };
  }
  const usual = past.failed / pastFinished;
  // A usual rate of 0 would make any failure "infinitely" unusual: floor the spread at half a message.
  const spread = Math.max(Math.sqrt(finished * usual * (1 - usual)), 0.5);
  const excessCount = today.failed - finished * usual;
  const unusual = today.failed >= MIN_FAILED && rate - usual >= MIN_EXCESS && excessCount / spread > Z;
  return { kind: unusual ? 'unusual' : 'usual', ...facts, usual };
}
