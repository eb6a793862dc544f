import { performance } from 'node:perf_hooks';
import type { AppFailure } from '../../../shared/errors';
import type { HoldReason, JsonValue } from '../../../shared/jobs';
import { storageFault } from '../db';
import { JOB_DEFAULTS } from './api';
import type { Active, RunnerCore } from './core';
import { kindOf, plural, runningElsewhere, stepContext, stoppedMessage, waitForChange, wake } from './core';
import type { JobRow } from './journal';
import { ensureHeartbeat } from './locks';
import { classifyStepError } from './outcome';
import type { StepVerdict } from './outcome';
import { RateMeter } from './progress';
import { settleUnknown } from './recovery';
import type { FinishContext, JobKind, JobStep } from './types';
import { blockedBy, dropThrottle, emit } from './views';

// Running a job here: take its lock, then a loop per job that commits each step's intent, sends it, journals
// its outcome; holds (signed out, gateway away), backoff, local faults, and the end (finish hook, final state).

/** Longest stretch the loop runs without letting the event loop breathe. */
const SLICE_MS = 8;

/** Jobs that use the gateway stop taking new steps until `release(reason)`. */
export function hold(core: RunnerCore, reason: HoldReason): void {
  if (core.holds.has(reason)) return;
  core.holds.add(reason);
  for (const a of core.active.values()) emit(core, a.id, true);
}

export function release(core: RunnerCore, reason: HoldReason): void {
  if (!core.holds.delete(reason) && reason !== 'gateway-unreachable') return;
  for (const a of core.active.values()) {
    if (reason === 'gateway-unreachable') {
      // The gateway is back: no need to sit out the rest of a backoff.
      if (a.backoffTimer !== null) core.clock.clearTimeout(a.backoffTimer);
      a.backoffTimer = null;
      a.selfHold = null;
      a.backoffAttempt = 0;
    }
    emit(core, a.id, true);
    wake(a);
  }
}

function backOff(core: RunnerCore, a: Active): void {
  if (a.selfHold !== null) return;
  a.selfHold = 'gateway-unreachable';
  const delay = Math.min(JOB_DEFAULTS.maxBackoffMs, 1_000 * 2 ** a.backoffAttempt);
  a.backoffAttempt += 1;
  a.backoffTimer = core.clock.setTimeout(() => {
    a.backoffTimer = null;
    a.selfHold = null;
    emit(core, a.id, true);
    wake(a);
  }, delay);
  emit(core, a.id, true);
}

function journalVerdict(core: RunnerCore, a: Active, seq: number, verdict: StepVerdict): void {
  core.journal.moveStep(a.id, seq, ['intent'], verdict.to, { error: verdict.message }, core.now());
  if (verdict.to !== 'pending') return;
  if (verdict.hold === 'signed-out') hold(core, 'signed-out');
  else if (verdict.hold === 'gateway-unreachable') backOff(core, a);
}

/**
 * A step failed for a local reason (the database busy past its timeout, a full disk, a read-only file). A
 * read goes back to pending and is retried after a pause, a few times, then the job fails with the fault's
 * sentence. A write may have left before the fault: it is unknown (read back later), and the job stops —
 * sending on while outcomes cannot be recorded would only make more unknowns.
 */
function localFault(core: RunnerCore, a: Active, seq: number, fault: AppFailure): void {
  const { journal } = core;
  if (a.writes) {
    journal.moveStep(
      a.id,
      seq,
      ['intent'],
      'unknown',
      { error: `${fault.message} The request may or may not have been applied: it is checked before anything is sent again.` },
      core.now(),
    );
    a.fatal ??= fault;
    return;
  }
  journal.moveStep(a.id, seq, ['intent'], 'pending', { error: fault.message }, core.now());
  a.localFaults += 1;
  if (a.localFaults > JOB_DEFAULTS.maxLocalRetries) a.fatal ??= fault;
  else a.retryAt = core.now() + 250 * 2 ** a.localFaults;
}

/** Commits the step's intent, then sends it. False when the step could not be claimed. */
function launch(core: RunnerCore, a: Active, step: JobStep<unknown>): boolean {
  const { journal } = core;
  if (!journal.intent(a.id, step.seq, core.ownerId, core.now())) return false;
  const controller = new AbortController();
  a.inFlight.set(step.seq, controller);
  void (async () => {
    let result: JsonValue | void;
    try {
      result = await a.kind.run(step, stepContext(core, a, controller.signal));
    } catch (err) {
      const fault = storageFault(err, core.file);
      if (fault) localFault(core, a, step.seq, fault);
      else journalVerdict(core, a, step.seq, classifyStepError(err, a.writes));
      return;
    }
    // From unknown too: another process may have given up on us while the reply was on its way.
    journal.moveStep(a.id, step.seq, ['intent', 'unknown'], 'done', { result: result ?? null }, core.now());
    a.backoffAttempt = 0;
    a.localFaults = 0;
  })()
    .catch((err: unknown) => {
      a.fatal ??= storageFault(err, core.file) ?? err; // the journal itself failed: stop the job rather than guess
    })
    .finally(() => {
      a.inFlight.delete(step.seq);
      emit(core, a.id);
      wake(a);
    });
  return true;
}

/** The kind's finish hook; its result becomes the job's summary. A hook that throws is logged, never fatal. */
export async function runFinish(
  core: RunnerCore,
  kind: JobKind<unknown, unknown> | undefined,
  id: number,
  input: unknown,
  state: FinishContext['state'],
): Promise<void> {
  if (!kind?.finish) return;
  const { journal } = core;
  const row = journal.job(id);
  if (!row) return;
  try {
    const summary = await kind.finish({
      jobId: id,
      input,
      state,
      counts: { total: row.total, done: row.done_count, failed: row.failed_count, unknown: row.unknown_count },
      db: core.db,
      steps: (stepState) => journal.iterateSteps(id, stepState),
    });
    journal.setSummary(id, summary ?? null, core.now());
  } catch (err) {
    core.log(`[jobs] job ${id}: finish hook failed: ${String(err)}`);
  }
}

async function finalize(core: RunnerCore, a: Active): Promise<void> {
  const { journal } = core;
  const row = journal.job(a.id)!;
  let state: 'done' | 'failed' | 'needs-attention' = 'done';
  let error: string | null = null;
  if (row.unknown_count > 0) {
    state = 'needs-attention';
    error = `${plural(row.unknown_count, 'step', 'steps')} may or may not have been applied. Check them, then send them again or dismiss them.`;
  } else if (row.done_count === 0 && row.failed_count > 0) {
    state = 'failed';
    error = journal.firstError(a.id) ?? 'Every step failed.';
  } else if (!a.writes && row.failed_count > 0) {
    // A read with parts missing is not done: a history export from it would be short without saying so.
    state = 'failed';
    error = `${plural(row.failed_count, 'part', 'parts')} of ${row.total} could not be read: ${journal.firstError(a.id) ?? 'see the log'}`;
  }
  await runFinish(core, a.kind, a.id, a.input, state);
  journal.setState(a.id, state, error, core.now());
}

async function loop(core: RunnerCore, a: Active): Promise<void> {
  const { journal } = core;
  let buffer: JobStep<unknown>[] = [];
  let cursor = -1;
  let settleRounds = 0;
  let sliceStart = performance.now();
  for (;;) {
    while (a.request === 'run' && a.fatal === undefined) {
      // Steps that finish without I/O (local work) would chain promises forever and starve IPC and timers.
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
        continue;
      }
      if (blockedBy(core, a) !== null || a.inFlight.size >= a.concurrency) {
        await waitForChange(a);
        continue;
      }
      if (a.retryAt > core.now()) {
        // A real, referenced timer: the clock's may be unref'd, and a CLI waiting only on it would exit.
        await new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, a.retryAt - core.now())));
        continue;
      }
      if (buffer.length === 0) buffer = journal.pending(a.id, cursor, JOB_DEFAULTS.pagePending);
      const step = buffer.shift();
      if (step) {
        cursor = step.seq;
        if (!launch(core, a, step) && journal.job(a.id)?.lock_owner !== core.ownerId) a.request = 'lost';
        continue;
      }
      if (a.inFlight.size > 0) {
        await waitForChange(a);
        continue;
      }
      // Steps put back to pending (the gateway was away) sit before the cursor: start again from the top.
      if (cursor >= 0) {
        cursor = -1;
        continue;
      }
      const row = journal.job(a.id)!;
      if (a.kind.settle && row.unknown_count > 0 && settleRounds < JOB_DEFAULTS.maxSettleRounds) {
        settleRounds += 1;
        await settleUnknown(core, a);
        continue;
      }
      await finalize(core, a);
      return;
    }
    while (a.inFlight.size > 0) await waitForChange(a);
    if (a.request === 'run' && a.fatal === undefined) continue; // resumed while the last steps finished
    break;
  }
  if (a.fatal !== undefined) throw a.fatal;
  if (a.request === 'cancel') await runFinish(core, a.kind, a.id, a.input, 'cancelled');
  if (a.request === 'stop') journal.setState(a.id, 'interrupted', stoppedMessage(a.writes), core.now());
}

function startLoop(core: RunnerCore, a: Active): void {
  a.started = true;
  core.journal.setState(a.id, 'running', null, core.now());
  emit(core, a.id, true);
  loop(core, a)
    .catch((err: unknown) => {
      core.log(`[jobs] job ${a.id} stopped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      const fault = storageFault(err, core.file);
      const message = fault ? fault.message : `The job stopped: ${err instanceof Error ? err.message : String(err)}`;
      try {
        core.journal.setState(a.id, 'failed', message, core.now());
      } catch {
        // The database cannot be written (a full disk): the views say what happened; the lock expires and
        // the next start marks the job interrupted, its steps in intent unknown (read back, never resent).
        core.unrecorded.set(a.id, message);
      }
    })
    .finally(() => retire(core, a));
}

/** The job leaves this process: lock released, waiters told, the next queued job may start. */
export function retire(core: RunnerCore, a: Active): void {
  if (a.backoffTimer !== null) core.clock.clearTimeout(a.backoffTimer);
  if (a.request !== 'lost') {
    try {
      core.journal.release(a.id, core.ownerId);
    } catch (err) {
      core.log(`[jobs] could not release job ${a.id}: ${String(err)}`);
    }
  }
  core.active.delete(a.id);
  const index = core.waiting.indexOf(a);
  if (index >= 0) core.waiting.splice(index, 1);
  emit(core, a.id, true);
  dropThrottle(core, a.id);
  a.end();
  if (!core.stopping) {
    while (core.waiting.length > 0 && runningCount(core) < core.maxRunning) startLoop(core, core.waiting.shift()!);
  }
}

function runningCount(core: RunnerCore): number {
  let n = 0;
  for (const a of core.active.values()) if (a.started) n += 1;
  return n;
}

/** Takes the job's lock and runs it here (or queues it behind the running ones). */
export function activate(core: RunnerCore, row: JobRow): Active {
  const { journal } = core;
  const kind = kindOf(core, row.kind);
  if (!journal.acquire(row.id, core.ownerId, core.expiry(), core.now())) throw runningElsewhere();
  // Holding the lock, nothing of this job is in flight anywhere: a step still in intent was cut off.
  journal.cutOff(row, core.now());
  let end = (): void => {};
  const ended = new Promise<void>((resolve) => {
    end = resolve;
  });
  const a: Active = {
    id: row.id,
    kind,
    input: JSON.parse(row.input) as unknown,
    writes: row.writes === 1,
    usesGateway: kind.usesGateway ?? true,
    concurrency: Math.max(1, kind.concurrency ?? core.concurrency ?? JOB_DEFAULTS.concurrency),
    request: 'run',
    started: false,
    inFlight: new Map(),
    selfHold: null,
    backoffAttempt: 0,
    backoffTimer: null,
    waiter: null,
    fatal: undefined,
    meter: new RateMeter(),
    localFaults: 0,
    retryAt: 0,
    ended,
    end,
  };
  core.active.set(row.id, a);
  ensureHeartbeat(core);
  if (runningCount(core) < core.maxRunning) startLoop(core, a);
  else {
    core.waiting.push(a);
    journal.setState(a.id, 'queued', null, core.now());
    emit(core, a.id, true);
  }
  return a;
}
