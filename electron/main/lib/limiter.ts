// A small FIFO semaphore (requests in flight, shared by every caller of one client) and the retry backoff.

export class ClosedError extends Error {
  constructor() {
    super('The gateway client is closed.');
    this.name = 'ClosedError';
  }
}

export class Semaphore {
  private active = 0;
  private readonly waiting: { grant: () => void; reject: (err: Error) => void }[] = [];
  private closed = false;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a slot is free; rejects with ClosedError after close(). */
  acquire(): Promise<() => void> {
    if (this.closed) return Promise.reject(new ClosedError());
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        this.active += 1;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.active -= 1;
          this.waiting.shift()?.grant();
        });
      };
      if (this.active < this.limit) grant();
      else this.waiting.push({ grant, reject });
    });
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** Refuses new work and rejects everything still waiting; work already running finishes. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new ClosedError());
  }
}

export const MAX_RETRY_DELAY_MS = 10_000;

/**
 * "Full jitter" exponential backoff: a uniformly random wait in [0, min(cap, base·2^attempt)), attempt 0 for
 * the first retry. Spreads retries from many callers so they do not hit a recovering gateway together.
 */
export function backoffDelayMs(attempt: number, baseMs: number, random: () => number = Math.random, capMs = MAX_RETRY_DELAY_MS): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
