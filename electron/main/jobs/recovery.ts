import type { JobView } from '../../../shared/jobs';
import type { Active, RunnerCore } from './core';
import { stepContext, stoppedMessage } from './core';
import type { JobRow } from './journal';
import { lockedElsewhere, releaseDeadLocks } from './locks';
import { emit, view } from './views';

// After a stop or a crash: jobs whose process is gone are marked interrupted (their steps caught in intent
// become unknown), reads carry on by themselves, and a step whose write may or may not have been applied is
// read back (the kind's `settle`) before anything is sent again.

/**
 * At start: abandoned jobs (lock expired) become `interrupted`; interrupted and stuck reads are activated
 * again (`activate`, from execution.ts). Returns the jobs it changed or started.
 */
export function recover(core: RunnerCore, activate: (row: JobRow) => void): JobView[] {
  const { journal } = core;
  releaseDeadLocks(core);
  const touched = new Set<number>();
  for (const row of journal.abandoned(core.now())) {
    if (core.active.has(row.id) || core.planning.has(row.id)) continue;
    const messages = {
      interrupted: stoppedMessage(row.writes === 1),
      unplanned: 'Relay Desk stopped while this job was being prepared. Start it again.',
    };
    if (journal.markAbandoned(row, core.now(), messages)) touched.add(row.id);
  }
  for (const row of [...journal.interrupted(), ...journal.stuckReads()]) {
    if (row.writes === 1 || !core.kinds.has(row.kind) || core.active.has(row.id) || lockedElsewhere(core, row)) continue;
    try {
      activate(row);
      touched.add(row.id);
    } catch (err) {
      core.log(`[jobs] could not resume job ${row.id}: ${String(err)}`);
    }
  }
  for (const id of touched) emit(core, id, true);
  return [...touched].map((id) => view(core, id));
}

/** Reads back the job's unknown steps: done, not sent (pending again), or still unknown (the user decides). */
export async function settleUnknown(core: RunnerCore, a: Active): Promise<void> {
  const { journal } = core;
  const settle = a.kind.settle;
  if (!settle) return;
  let after = -1;
  for (;;) {
    const page = journal.stepsInState(a.id, 'unknown', after, 100);
    if (page.length === 0 || a.request !== 'run') return;
    for (const step of page) {
      after = step.seq;
      if (a.request !== 'run') return;
      const controller = new AbortController();
      a.inFlight.set(step.seq, controller);
      try {
        const settled = await settle(step, stepContext(core, a, controller.signal));
        if (settled.outcome === 'done')
          journal.moveStep(a.id, step.seq, ['unknown'], 'done', { result: settled.result ?? null }, core.now());
        if (settled.outcome === 'not-sent') journal.moveStep(a.id, step.seq, ['unknown'], 'pending', {}, core.now());
      } catch (err) {
        core.log(`[jobs] job ${a.id} step ${step.seq}: read-back failed: ${String(err)}`); // stays unknown
      } finally {
        a.inFlight.delete(step.seq);
      }
      emit(core, a.id);
    }
  }
}
