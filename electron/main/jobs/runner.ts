import { AppFailure } from '../../../shared/errors';
import type { JobRunner, JobRunnerOptions } from './api';
import { JOB_DEFAULTS } from './api';
import type { RunnerCore } from './core';
import { assertRunning, createCore, FINAL, rowOf, runningElsewhere, stoppedMessage, wake } from './core';
import { activate, hold, release, retire, runFinish } from './execution';
import { follow, watchForeignJobs } from './follow';
import { lockedElsewhere } from './locks';
import { start } from './planning';
import { recover } from './recovery';
import { dropThrottle, emit, toView, view } from './views';

// The durable job runner. Journal first, request second: a step's intent is committed before `run` is
// called, its outcome after; a step whose request may have left is never sent again without a decision.
// One runner per process and database; processes sharing a file coordinate through each job's lock.
//
// This file puts the parts together and takes the user's decisions (pause, resume, cancel, unknown steps,
// stop). The parts share one RunnerCore (core.ts):
//   planning.ts   start: find or create the job, store its plan in slices
//   execution.ts  run it here: intent → request → outcome, holds, backoff, local faults, the end
//   recovery.ts   after a stop or crash: interrupted jobs, stuck reads, read-back of unknown writes
//   views.ts      JobView and throttled progress events
//   locks.ts      who runs a job: lock, heartbeat, dead owners      follow.ts  jobs another process runs

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const core: RunnerCore = createCore(options);
  const { journal } = core;
  const now = core.now;
  let stopped: Promise<void> | null = null;

  watchForeignJobs(core);

  const runner: JobRunner = {
    ownerId: core.ownerId,

    register(kind) {
      if (core.kinds.has(kind.kind)) throw new Error(`Job kind "${kind.kind}" is registered twice.`);
      core.kinds.set(kind.kind, kind);
    },

    start: (name, input, startOptions) => start(core, name, input, startOptions, (id) => runner.resume(id)),

    get(id) {
      const row = journal.job(id);
      return row ? toView(core, row) : null;
    },

    list(listOptions = {}) {
      const limit = Math.min(Math.max(1, listOptions.limit ?? 100), 1000);
      return journal.list(limit).map((row) => toView(core, row));
    },

    steps(id, query = {}) {
      rowOf(core, id);
      const limit = Math.min(Math.max(1, query.limit ?? 100), 1000);
      return journal.stepViews(id, { afterSeq: query.afterSeq ?? -1, limit, ...(query.state ? { state: query.state } : {}) });
    },

    pause(id) {
      const a = core.active.get(id);
      if (a) {
        if (a.request === 'run') {
          a.request = 'pause';
          journal.setState(id, 'paused', null, now());
          journal.decide(id, 'pause', 0, now());
          if (!a.started) retire(core, a);
          emit(core, id, true);
          wake(a);
        }
        return view(core, id);
      }
      const row = rowOf(core, id);
      if (row.state === 'paused') return toView(core, row);
      if ((row.state === 'running' || row.state === 'queued') && lockedElsewhere(core, row)) throw runningElsewhere();
      throw new AppFailure('validation', 'Only a running job can be paused.', undefined, undefined, 'refusals.onlyRunningPause');
    },

    resume(id) {
      assertRunning(core);
      const a = core.active.get(id);
      if (a) {
        if (a.request === 'pause') {
          a.request = 'run';
          journal.setState(id, a.started ? 'running' : 'queued', null, now());
          journal.decide(id, 'resume', 0, now());
          emit(core, id, true);
          wake(a);
        }
        return view(core, id);
      }
      const row = rowOf(core, id);
      if (FINAL.has(row.state))
        throw new AppFailure('validation', 'This job has already finished.', undefined, undefined, 'refusals.jobFinished');
      if (!row.planned)
        throw new AppFailure('validation', 'This job is still being prepared.', undefined, undefined, 'refusals.jobPreparing');
      if (lockedElsewhere(core, row)) throw runningElsewhere();
      journal.decide(id, 'resume', 0, now());
      activate(core, row);
      return view(core, id);
    },

    cancel(id) {
      const a = core.active.get(id);
      if (a) {
        if (a.request === 'run' || a.request === 'pause') {
          a.request = 'cancel';
          journal.setState(id, 'cancelled', null, now());
          journal.decide(id, 'cancel', 0, now());
          if (!a.started) {
            retire(core, a);
            void runFinish(core, a.kind, id, a.input, 'cancelled').then(() => emit(core, id, true));
          }
          emit(core, id, true);
          wake(a);
        }
        return view(core, id);
      }
      const row = rowOf(core, id);
      if (row.state === 'cancelled') return toView(core, row);
      if (FINAL.has(row.state))
        throw new AppFailure('validation', 'This job has already finished.', undefined, undefined, 'refusals.jobFinished');
      if (!journal.acquire(id, core.ownerId, core.expiry(), now())) throw runningElsewhere();
      journal.setState(id, 'cancelled', null, now());
      journal.decide(id, 'cancel', 0, now());
      journal.release(id, core.ownerId);
      emit(core, id, true);
      const kind = core.kinds.get(row.kind);
      void runFinish(core, kind, id, JSON.parse(row.input) as unknown, 'cancelled').then(() => emit(core, id, true));
      return view(core, id);
    },

    retryUnknown(id) {
      assertRunning(core);
      const row = rowOf(core, id);
      if (FINAL.has(row.state))
        throw new AppFailure('validation', 'This job has already finished.', undefined, undefined, 'refusals.jobFinished');
      const a = core.active.get(id);
      if (!a && lockedElsewhere(core, row)) throw runningElsewhere();
      const moved = journal.moveAll(id, 'unknown', 'pending', null, now());
      journal.decide(id, 'retry-unknown', moved, now());
      if (a) {
        if (a.request === 'pause') a.request = 'run';
        wake(a);
        emit(core, id, true);
        return view(core, id);
      }
      activate(core, rowOf(core, id));
      return view(core, id);
    },

    dismissUnknown(id) {
      const row = rowOf(core, id);
      if (FINAL.has(row.state))
        throw new AppFailure('validation', 'This job has already finished.', undefined, undefined, 'refusals.jobFinished');
      const a = core.active.get(id);
      if (!a && lockedElsewhere(core, row)) throw runningElsewhere();
      const moved = journal.moveAll(id, 'unknown', 'failed', 'Dismissed: not sent again (it may or may not have been applied).', now());
      journal.decide(id, 'dismiss-unknown', moved, now());
      emit(core, id, true);
      // Nothing else was waiting on these steps: the job can finish now.
      if (!a && row.state === 'needs-attention' && !core.stopping) activate(core, rowOf(core, id));
      return view(core, id);
    },

    hold: (reason) => hold(core, reason),
    release: (reason) => release(core, reason),

    recover() {
      assertRunning(core);
      return recover(core, (row) => activate(core, row));
    },

    async idle(id) {
      if (id !== undefined) {
        await core.planning.get(id);
        await core.active.get(id)?.ended;
        return;
      }
      while (core.active.size > 0 || core.planning.size > 0) {
        await Promise.all([...core.planning.values(), ...[...core.active.values()].map((a) => a.ended)]);
      }
    },

    follow: (id, followOptions = {}) => follow(core, id, followOptions),

    stop(stopOptions = {}) {
      stopped ??= (async () => {
        core.stopping = true;
        for (const a of [...core.active.values()]) {
          if (a.request === 'run') a.request = 'stop';
          if (!a.started) {
            journal.setState(a.id, 'interrupted', stoppedMessage(a.writes), now());
            retire(core, a);
          }
          wake(a);
        }
        const everything = (): Promise<unknown> =>
          Promise.all([...core.planning.values(), ...[...core.active.values()].map((a) => a.ended)]);
        const timeoutMs = stopOptions.timeoutMs ?? JOB_DEFAULTS.stopTimeoutMs;
        if (!(await settledWithin(everything(), timeoutMs))) {
          // Past the wait: abort what is still in flight, and give it a moment to journal what it learned.
          for (const a of core.active.values()) for (const controller of a.inFlight.values()) controller.abort();
          await settledWithin(everything(), JOB_DEFAULTS.abortGraceMs);
        }
        for (const a of [...core.active.values()]) {
          // A step that ignores its signal: leave it in intent; it becomes unknown at the next start.
          core.log(`[jobs] job ${a.id} did not stop in time`);
          if (a.request !== 'lost') journal.setState(a.id, 'interrupted', stoppedMessage(a.writes), now());
          retire(core, a);
        }
        if (core.heartbeat !== null) core.clock.clearTimeout(core.heartbeat);
        core.heartbeat = null;
        if (core.foreignTimer !== null) core.clock.clearTimeout(core.foreignTimer);
        core.foreignTimer = null;
        for (const id of [...core.throttles.keys()]) dropThrottle(core, id);
      })();
      return stopped;
    },
  };

  /** True when `promise` settled within `ms`, false when the wait ran out first. */
  function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = core.clock.setTimeout(() => resolve(false), ms);
      const done = (): void => {
        core.clock.clearTimeout(timer);
        resolve(true);
      };
      void promise.then(done, done);
    });
  }

  return runner;
}
