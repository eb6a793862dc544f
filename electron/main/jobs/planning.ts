import { AppFailure } from '../../../shared/errors';
import type { JobView } from '../../../shared/jobs';
import { storageFault } from '../db';
import { testBarrier } from '../lib/test-barrier';
import { relaxedCommits, threadCpuMs } from '../lib/pace';
import { JOB_DEFAULTS } from './api';
import type { StartOptions } from './api';
import type { RunnerCore } from './core';
import { assertRunning, kindOf, rowOf, stoppedMessage } from './core';
import { activate } from './execution';
import type { JobRow } from './journal';
import { ensureHeartbeat, lockedElsewhere, releaseDeadLocks } from './locks';
import type { JobKind } from './types';
import { dropThrottle, emit, toView, view } from './views';

// Starting a job: find the same unfinished work or create the job (one transaction), store its plan in slices
// that keep the app responsive, then run it.

/** CPU a planning slice may take (making steps and storing them); a frame is 16 ms. */
const PLAN_SLICE_MS = 8;
const PLAN_MIN_BATCH = 50;

/**
 * Plans the job (all its steps stored) and starts it; resolves once planned. A plan that throws ends `failed`.
 * The same dedupe key finds the unfinished job instead: followed if another process runs it, else `resume`d.
 */
export async function start(
  core: RunnerCore,
  name: string,
  input: unknown,
  options: StartOptions,
  resume: (id: number) => JobView,
): Promise<JobView> {
  const { journal, planning } = core;
  assertRunning(core);
  const kind = kindOf(core, name);
  const key = options.dedupeKey;
  if (key !== undefined) releaseDeadLocks(core);
  await testBarrier('job-start');
  // Check and create in one IMMEDIATE transaction: two processes starting the same work at the same moment
  // get one job between them, the second finds the first's (planned or still being planned).
  const claim = core.db.transaction((): { existing: JobRow } | { id: number } => {
    if (key !== undefined) {
      const existing = journal.unfinishedByKey(name, key);
      if (existing && (existing.planned || planning.has(existing.id) || lockedElsewhere(core, existing))) return { existing };
      if (existing)
        journal.dropUnplanned(existing.id, 'Relay Desk stopped while this job was being prepared; it was started again.', core.now());
    }
    return {
      id: journal.insertJob({
        kind: name,
        title: options.title,
        input,
        writes: kind.writes,
        dedupeKey: key ?? null,
        owner: core.ownerId,
        expires: core.expiry(),
        now: core.now(),
      }),
    };
  })();
  if ('existing' in claim) {
    const existing = claim.existing;
    if (planning.has(existing.id)) {
      await planning.get(existing.id);
      return view(core, existing.id);
    }
    // Run by another process (the app's window, another relay): the caller watches it (follow).
    if (lockedElsewhere(core, existing) || core.active.has(existing.id)) return toView(core, existing);
    return resume(existing.id);
  }
  const id = claim.id;
  ensureHeartbeat(core);
  emit(core, id, true);
  const planned = plan(core, kind, id, input);
  planning.set(
    id,
    planned.catch(() => {}),
  );
  try {
    await planned;
  } catch (err) {
    journal.setState(id, 'failed', planFailure(core, err), core.now());
    journal.release(id, core.ownerId);
    emit(core, id, true);
    return view(core, id);
  } finally {
    planning.delete(id);
    dropThrottle(core, id);
  }
  if (core.stopping) {
    journal.setState(id, 'interrupted', stoppedMessage(kind.writes), core.now());
    journal.release(id, core.ownerId);
    return view(core, id);
  }
  activate(core, rowOf(core, id));
  return view(core, id);
}

/**
 * Stores the kind's steps in slices that each take about PLAN_SLICE_MS of the main thread's CPU (making the
 * steps and inserting them), with a turn of the event loop between slices: a million-step plan must not
 * freeze the app. A slice holds as many steps as fit at the pace of the previous one (at most planBatch).
 * Plan commits skip their fsync (relaxedCommits): a plan is only used once markPlanned's own FULL commit
 * says it is whole, and that commit syncs the log with every batch in it; a crash before it leaves an
 * unplanned job that is started again, never a half plan taken for a whole one.
 */
async function plan(core: RunnerCore, kind: JobKind<unknown, unknown>, id: number, input: unknown): Promise<void> {
  const { journal } = core;
  let seq = 0;
  let batch: { key: string; payload: unknown }[] = [];
  let size: number = PLAN_MIN_BATCH;
  let sliceStart = threadCpuMs();
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const steps = batch;
    relaxedCommits(core.db, () => journal.insertSteps(id, seq, steps, core.now()));
    seq += steps.length;
    batch = [];
    emit(core, id);
    const msPerStep = Math.max(0.0001, (threadCpuMs() - sliceStart) / steps.length);
    size = Math.max(PLAN_MIN_BATCH, Math.min(JOB_DEFAULTS.planBatch, Math.floor(PLAN_SLICE_MS / msPerStep)));
    // Let IPC and timers in between slices.
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = threadCpuMs();
    if (core.stopping)
      throw new AppFailure(
        'internal',
        'Relay Desk closed while the job was being prepared. Start it again.',
        undefined,
        undefined,
        'refusals.closedWhilePreparing',
      );
  };
  for await (const step of kind.plan(input)) {
    batch.push(step);
    if (batch.length >= size) await flush();
  }
  await flush();
  journal.markPlanned(id, core.now());
}

function planFailure(core: RunnerCore, err: unknown): string {
  if (err instanceof AppFailure) return err.message;
  const fault = storageFault(err, core.file);
  if (fault) return fault.message;
  if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return 'The job could not be prepared: two of its steps have the same key.';
  }
  return `The job could not be prepared: ${err instanceof Error ? err.message : String(err)}`;
}
