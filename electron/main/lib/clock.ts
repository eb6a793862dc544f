// The monitor's only source of time and timers, injected so tests and benchmarks run a simulated day
// in milliseconds.

export interface MonitorClock {
  now(): number;
  /** The callback may return a promise (the poll); a manual clock awaits it, a real one ignores it. */
  setTimeout(fn: () => unknown, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: MonitorClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending poll must never keep the process alive on its own (quit, tests, benchmarks).
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ManualClock extends MonitorClock {
  /** Moves time forward, running due timers in order and awaiting what they return. */
  advance(ms: number): Promise<void>;
  /** Timers waiting to fire (a leak shows up here). */
  pendingTimers(): number;
}

interface ManualTimer {
  id: number;
  due: number;
  fn: () => unknown;
}

export function createManualClock(startAt: number): ManualClock {
  let now = startAt;
  let nextId = 1;
  const timers = new Map<number, ManualTimer>();

  const earliestDue = (limit: number): ManualTimer | undefined => {
    let found: ManualTimer | undefined;
    for (const timer of timers.values()) {
      if (timer.due <= limit && (!found || timer.due < found.due)) found = timer;
    }
    return found;
  };

  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { id, due: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const target = now + ms;
      for (let timer = earliestDue(target); timer; timer = earliestDue(target)) {
        timers.delete(timer.id);
        now = Math.max(now, timer.due);
        await timer.fn();
      }
      now = Math.max(now, target);
    },
    pendingTimers: () => timers.size,
  };
}
