import type { JobView } from '../../../shared/jobs';
import { JOB_DEFAULTS } from './api';
import type { RunnerCore } from './core';
import { rowOf } from './core';
import { lockedElsewhere, releaseDeadLocks } from './locks';
import { toView } from './views';

// Jobs another process runs (a `relay` beside the app, or the app beside a `relay`): the app's window sees them
// move (a poll), and a caller may follow one until that process lets it go.

/** Starts the poll that shows other processes' jobs through `onChange` (when the runner has one). */
export function watchForeignJobs(core: RunnerCore): void {
  if (core.foreignPollMs > 0) core.foreignTimer = core.clock.setTimeout(() => lookAtForeign(core), core.foreignPollMs);
}

function lookAtForeign(core: RunnerCore): void {
  core.foreignTimer = null;
  if (core.stopping) return;
  try {
    const rows = core.journal.foreign(core.ownerId, core.now());
    const live = new Set<number>();
    for (const row of rows) {
      live.add(row.id);
      if (core.foreignSeen.get(row.id) !== row.updated_at) {
        core.foreignSeen.set(row.id, row.updated_at);
        core.onChange?.(toView(core, row));
      }
    }
    for (const id of [...core.foreignSeen.keys()]) {
      if (live.has(id)) continue;
      core.foreignSeen.delete(id);
      const row = core.journal.job(id);
      if (row) core.onChange?.(toView(core, row));
    }
  } catch (err) {
    core.log(`[jobs] could not look at other processes' jobs: ${String(err)}`);
  }
  watchForeignJobs(core);
}

export async function follow(
  core: RunnerCore,
  id: number,
  options: { onChange?: (view: JobView) => void; signal?: AbortSignal; intervalMs?: number },
): Promise<JobView> {
  const interval = options.intervalMs ?? JOB_DEFAULTS.followIntervalMs;
  let last = -1;
  for (;;) {
    releaseDeadLocks(core);
    const row = rowOf(core, id);
    const current = toView(core, row);
    if (row.updated_at !== last) {
      last = row.updated_at;
      options.onChange?.(current);
    }
    if (!lockedElsewhere(core, row) || options.signal?.aborted) return current;
    // Real time and a referenced timer: another process's progress, and a CLI must stay up while it watches.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, interval);
      options.signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
}
