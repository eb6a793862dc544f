// General tools shared by every capability: time (real or manual), retry spacing, a concurrency limiter, bounded parallel work.
export { systemClock, createManualClock } from './clock';
export type { MonitorClock as Clock, MonitorClock, ManualClock } from './clock';
export { nextPollDelayMs, MAX_BACKOFF_MS } from './backoff';
export { Semaphore, ClosedError, backoffDelayMs } from './limiter';
export { forEachConcurrently } from './concurrent';
