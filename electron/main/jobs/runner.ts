import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { AppFailure } from '../../../shared/errors';
import type { HoldReason, JobRunnerRef, JobStepView, JobView, JsonValue, StepState } from '../../../shared/jobs';
import type { Db } from '../db';
import { storageFault } from '../db';
import { testBarrier } from '../lib/test-barrier';
import { systemClock } from '../lib/clock';
import { relaxedCommits, threadCpuMs } from '../lib/pace';
import type { MonitorClock as Clock } from '../lib/clock';
import { Journal } from './journal';
import type { JobRow } from './journal';
import { classifyStepError } from './outcome';
import type { StepVerdict } from './outcome';
import { RateMeter } from './progress';
import type { FinishContext, JobKind, JobStep, StepContext } from './types';

// The durable job runner. Journal first, request second: a step's intent is committed before `run` is
// called, its outcome after; a step whose request may have left is never sent again without a decision.
// One runner per process and database; processes sharing a file coordinate through each job's lock.

export interface JobRunnerOptions {
  db: Db;
  clock?: Clock;
  /** Steps of one job in flight at once, unless the kind says otherwise. */
  concurrency?: number;
  /** Jobs running at once in this process; more wait as `queued`. */
  maxRunningJobs?: number;
  /** A lock not renewed for this long belongs to a process that is gone. */
  lockTtlMs?: number;
  /** At most one progress event per job per this many ms (state changes are sent at once). */
  progressIntervalMs?: number;
  /** This process's name in job locks (default: host, pid, role and a random part). */
  ownerId?: string;
  /** Who this process is, for "the app / relay (pid N) runs this job" (default 'other'). */
  role?: JobRunnerRef['role'];
  onChange?: (view: JobView) => void;
  log?: (line: string) => void;
  /**
   * How often jobs that another process runs (a `relay` beside the app) are looked at, so `onChange` shows
   * their progress here too. Default 1 s when `onChange` is given; 0 turns it off.
   */
  foreignPollMs?: number;
}

export interface StartOptions {
  /** Shown in the jobs list, e.g. "Import shop.csv into Customers". */
  title: string;
  /**
   * The same work started again (re-running the same CLI command) resumes the unfinished job with this key
   * instead of starting a second one.
   */
  dedupeKey?: string;
}

export interface StepsQuery {
  state?: StepState;
  /** Paging: the last `seq` already shown. */
  afterSeq?: number;
  /** Default 100, at most 1000. */
  limit?: number;
}

export interface JobRunner {
  readonly ownerId: string;
  register<I, P>(kind: JobKind<I, P>): void;
  /** Plans the job (all its steps stored) and starts it; resolves once planned. A plan that throws ends `failed`. */
  start(kind: string, input: unknown, options: StartOptions): Promise<JobView>;
  get(id: number): JobView | null;
  /** Newest first, for re-attaching after a reload. */
  list(options?: { limit?: number }): JobView[];
  /** Journal rows, e.g. `{ state: 'unknown' }` for the "needs attention" list. */
  steps(id: number, query?: StepsQuery): JobStepView[];
  pause(id: number): JobView;
  /** Runs a paused, interrupted or needs-attention job again. The only way a write job carries on after a stop. */
  resume(id: number): JobView;
  /** In-flight steps finish and are journaled; the rest is not done. */
  cancel(id: number): JobView;
  /** The user decided to send the unknown steps again: recorded, then the job runs. */
  retryUnknown(id: number): JobView;
  /** The user decided not to send the unknown steps again: they count as failed, recorded. */
  dismissUnknown(id: number): JobView;
  /** Jobs that use the gateway stop taking new steps until `release(reason)`. */
  hold(reason: HoldReason): void;
  release(reason: HoldReason): void;
  /**
   * At start: jobs whose process is gone (lock expired) become `interrupted` (their steps caught in intent
   * become unknown); interrupted reads carry on by themselves. Returns the jobs it changed or started.
   */
  recover(): JobView[];
  /** Resolves when the job (or every job) running here has stopped: done, paused, waiting for a decision… */
  idle(id?: number): Promise<void>;
  /**
   * Watches a job another process runs until that process lets it go (finished, paused, stopped, or gone),
   * calling `onChange` with each new view. Returns the last view; the caller decides whether to take it over.
   */
  follow(id: number, options?: { onChange?: (view: JobView) => void; signal?: AbortSignal; intervalMs?: number }): Promise<JobView>;
  /** Quit: no new step starts; steps in flight get `timeoutMs` to answer, then their signal aborts. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/** host:pid:role:random, as written by createJobRunner; older locks have no role. */
export function parseOwner(owner: string): { host: string; pid: number | null; role: JobRunnerRef['role'] } {
  const [host = '', pid = '', role = ''] = owner.split(':');
  return {
    host,
    pid: /^\d+$/.test(pid) ? Number(pid) : null,
    role: role === 'app' || role === 'relay' ? role : 'other',
  };
}

/** Whether a process of this computer still runs (signal 0 only checks; EPERM means it exists). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const JOB_DEFAULTS = {
  concurrency: 8,
  maxRunningJobs: 3,
  lockTtlMs: 30_000,
  progressIntervalMs: 250,
  /** ≥ the gateway client's write deadline (30 s): a graceful stop waits out every write in flight. */
  stopTimeoutMs: 35_000,
  /** After the stop wait, how long aborted steps get to journal their outcome. */
  abortGraceMs: 2_000,
  planBatch: 500,
  pagePending: 64,
  maxBackoffMs: 60_000,
  /** Read-back passes per run: a step that keeps coming back as not-sent then unknown goes to the user. */
  maxSettleRounds: 3,
  /** Local faults in a row a read job retries (0.5 s, 1 s, 2 s, 4 s, 8 s apart) before it fails loudly. */
  maxLocalRetries: 5,
  /** How often a job another process runs is looked at. */
  followIntervalMs: 500,
} as const;

/** Longest stretch the loop runs without letting the event loop breathe. */
const SLICE_MS = 8;
/** CPU a planning slice may take (making steps and storing them); a frame is 16 ms. */
const PLAN_SLICE_MS = 8;
const PLAN_MIN_BATCH = 50;

type Request = 'run' | 'pause' | 'cancel' | 'stop' | 'lost';

interface Active {
  id: number;
  kind: JobKind<unknown, unknown>;
  input: unknown;
  writes: boolean;
  usesGateway: boolean;
  concurrency: number;
  request: Request;
  /** false while waiting for a free slot (`queued`). */
  started: boolean;
  inFlight: Map<number, AbortController>;
  /** The job's own wait after the gateway could not be reached. */
  selfHold: HoldReason | null;
  backoffAttempt: number;
  backoffTimer: unknown;
  waiter: (() => void) | null;
  fatal: unknown;
  meter: RateMeter;
  /** Local faults (busy, full disk) in a row; a read step is retried a few times, then the job fails loudly. */
  localFaults: number;
  /** No new step before this time (after a local fault). */
  retryAt: number;
  ended: Promise<void>;
  end: () => void;
}

const FINAL = new Set(['done', 'failed', 'cancelled']);
const HOLD_ORDER: readonly HoldReason[] = ['signed-out', 'gateway-unreachable'];

const plural = (n: number, one: string, other: string): string => `${n} ${n === 1 ? one : other}`;

function notFound(): AppFailure {
  return new AppFailure('validation', 'This job does not exist (any more).');
}

function runningElsewhere(): AppFailure {
  return new AppFailure('validation', 'This job is running in another Relay Desk window or relay command. Stop it there first.');
}

function stoppedMessage(writes: boolean): string {
  return writes
    ? 'Relay Desk stopped before this job finished. Resume it to carry on: steps already sent will not be sent again.'
    : 'Relay Desk stopped before this job finished; it carries on by itself.';
}

function parseJson(text: string | null): JsonValue | null {
  return text === null ? null : (JSON.parse(text) as JsonValue);
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const db = options.db;
  const clock = options.clock ?? systemClock;
  const journal = new Journal(db);
  const ownerId = options.ownerId ?? `${hostname()}:${process.pid}:${options.role ?? 'other'}:${randomUUID().slice(0, 8)}`;
  /** The database file, named in local-fault sentences ("the disk that holds … is full"). */
  const file = db.name;
  /** Jobs whose end could not be written (a full disk): what the journal would say, kept here for the views. */
  const unrecorded = new Map<number, string>();

  /**
   * A process of this computer that was killed leaves its jobs locked until the lock expires (30 s). Its lock
   * names it (host:pid:…): when that process is gone, the lock is let go at once, so a re-run resumes now.
   */
  function releaseDeadLocks(): void {
    const host = hostname();
    const held = options.db.prepare('SELECT id, lock_owner FROM jobs WHERE lock_owner IS NOT NULL AND lock_owner != ?').all(ownerId) as { id: number; lock_owner: string }[];
    for (const { id, lock_owner: owner } of held) {
      const { host: ownerHost, pid } = parseOwner(owner);
      if (ownerHost !== host || pid === null || pid === process.pid || processAlive(pid)) continue;
      options.db.prepare('UPDATE jobs SET lock_expires_at = 0 WHERE id = ? AND lock_owner = ?').run(id, owner);
    }
  }
  const lockTtlMs = options.lockTtlMs ?? JOB_DEFAULTS.lockTtlMs;
  const interval = options.progressIntervalMs ?? JOB_DEFAULTS.progressIntervalMs;
  const maxRunning = options.maxRunningJobs ?? JOB_DEFAULTS.maxRunningJobs;
  const log = options.log ?? (() => {});

  const kinds = new Map<string, JobKind<unknown, unknown>>();
  const active = new Map<number, Active>();
  const waiting: Active[] = [];
  const planning = new Map<number, Promise<unknown>>();
  const holds = new Set<HoldReason>();
  const throttles = new Map<number, { last: number; timer: unknown }>();
  let heartbeat: unknown = null;
  let foreignTimer: unknown = null;
  /** Jobs run elsewhere, by the last change seen: a view is sent when it moves and once when it is let go. */
  const foreignSeen = new Map<number, number>();
  const foreignPollMs = options.onChange ? (options.foreignPollMs ?? 1_000) : 0;
  let stopping = false;
  let stopped: Promise<void> | null = null;

  const now = (): number => clock.now();
  const expiry = (): number => now() + lockTtlMs;

  // ---- views and progress events -------------------------------------------------------------------

  function blockedBy(a: Active): HoldReason | null {
    if (!a.usesGateway) return null;
    return HOLD_ORDER.find((reason) => holds.has(reason)) ?? a.selfHold;
  }

  function toView(row: JobRow): JobView {
    const a = active.get(row.id);
    const finished = row.done_count + row.failed_count + row.unknown_count;
    let ratePerSecond: number | null = null;
    let etaSeconds: number | null = null;
    let blocked: HoldReason | null = null;
    if (a && a.started && a.request === 'run' && row.state === 'running') {
      a.meter.record(now(), finished);
      const rate = a.meter.rate();
      ratePerSecond = rate === null ? null : Math.round(rate * 100) / 100;
      etaSeconds = a.meter.etaSeconds(row.total - finished);
      blocked = blockedBy(a);
    }
    const lost = unrecorded.get(row.id);
    const elsewhere = lockedElsewhere(row) ? parseOwner(row.lock_owner!) : null;
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      state: lost !== undefined && !FINAL.has(row.state) ? 'failed' : row.state,
      writes: row.writes === 1,
      total: row.total,
      done: row.done_count,
      failed: row.failed_count,
      unknown: row.unknown_count,
      ratePerSecond,
      etaSeconds,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      blockedBy: blocked,
      error: lost ?? row.error,
      summary: parseJson(row.summary),
      runningElsewhere: elsewhere ? { role: elsewhere.role, pid: elsewhere.pid } : null,
    };
  }

  function view(id: number): JobView {
    const row = journal.job(id);
    if (!row) throw notFound();
    return toView(row);
  }

  /** Throttled per job; `force` for state changes, which are never dropped or delayed. */
  function emit(id: number, force = false): void {
    if (!options.onChange) return;
    let t = throttles.get(id);
    if (!t) throttles.set(id, (t = { last: Number.NEGATIVE_INFINITY, timer: null }));
    const at = now();
    if (force || at - t.last >= interval) {
      if (t.timer !== null) clock.clearTimeout(t.timer);
      t.timer = null;
      t.last = at;
      const row = journal.job(id);
      if (row) options.onChange(toView(row));
    } else if (t.timer === null) {
      t.timer = clock.setTimeout(() => {
        t.timer = null;
        emit(id, true);
      }, interval - (at - t.last));
    }
  }

  function dropThrottle(id: number): void {
    const t = throttles.get(id);
    if (t?.timer != null) clock.clearTimeout(t.timer);
    throttles.delete(id);
  }

  // ---- locks ---------------------------------------------------------------------------------------

  function ensureHeartbeat(): void {
    if (heartbeat !== null || stopping) return;
    heartbeat = clock.setTimeout(beat, Math.max(1, Math.floor(lockTtlMs / 3)));
  }

  function beat(): void {
    heartbeat = null;
    if (active.size === 0 && planning.size === 0) return;
    try {
      const held = journal.renew(ownerId, expiry());
      for (const a of active.values()) {
        if (!held.has(a.id) && a.request !== 'lost') {
          // Another process decided ours was dead (we slept past the lock): it owns the job now.
          log(`[jobs] lost the lock of job ${a.id}; stopping here`);
          a.request = 'lost';
          wake(a);
        }
      }
    } catch (err) {
      log(`[jobs] heartbeat failed: ${String(err)}`); // the next beat tries again, well before expiry
    }
    ensureHeartbeat();
  }

  // ---- jobs another process runs -------------------------------------------------------------------

  function watchForeign(): void {
    foreignTimer = null;
    if (stopping) return;
    try {
      const rows = journal.foreign(ownerId, now());
      const live = new Set<number>();
      for (const row of rows) {
        live.add(row.id);
        if (foreignSeen.get(row.id) !== row.updated_at) {
          foreignSeen.set(row.id, row.updated_at);
          options.onChange?.(toView(row));
        }
      }
      for (const id of [...foreignSeen.keys()]) {
        if (live.has(id)) continue;
        foreignSeen.delete(id);
        const row = journal.job(id);
        if (row) options.onChange?.(toView(row));
      }
    } catch (err) {
      log(`[jobs] could not look at other processes' jobs: ${String(err)}`);
    }
    foreignTimer = clock.setTimeout(watchForeign, foreignPollMs);
  }
  if (foreignPollMs > 0) foreignTimer = clock.setTimeout(watchForeign, foreignPollMs);

  // ---- the loop ------------------------------------------------------------------------------------

  function wake(a: Active): void {
    const waiter = a.waiter;
    a.waiter = null;
    waiter?.();
  }

  function waitForChange(a: Active): Promise<void> {
    return new Promise((resolve) => {
      a.waiter = resolve;
    });
  }

  function backOff(a: Active): void {
    if (a.selfHold !== null) return;
    a.selfHold = 'gateway-unreachable';
    const delay = Math.min(JOB_DEFAULTS.maxBackoffMs, 1_000 * 2 ** a.backoffAttempt);
    a.backoffAttempt += 1;
    a.backoffTimer = clock.setTimeout(() => {
      a.backoffTimer = null;
      a.selfHold = null;
      emit(a.id, true);
      wake(a);
    }, delay);
    emit(a.id, true);
  }

  function journalVerdict(a: Active, seq: number, verdict: StepVerdict): void {
    journal.moveStep(a.id, seq, ['intent'], verdict.to, { error: verdict.message }, now());
    if (verdict.to !== 'pending') return;
    if (verdict.hold === 'signed-out') runner.hold('signed-out');
    else if (verdict.hold === 'gateway-unreachable') backOff(a);
  }

  /**
   * A step failed for a local reason (the database busy past its timeout, a full disk, a read-only file). A
   * read goes back to pending and is retried after a pause, a few times, then the job fails with the fault's
   * sentence. A write may have left before the fault: it is unknown (read back later), and the job stops —
   * sending on while outcomes cannot be recorded would only make more unknowns.
   */
  function localFault(a: Active, seq: number, fault: AppFailure): void {
    if (a.writes) {
      journal.moveStep(a.id, seq, ['intent'], 'unknown', { error: `${fault.message} The request may or may not have been applied: it is checked before anything is sent again.` }, now());
      a.fatal ??= fault;
      return;
    }
    journal.moveStep(a.id, seq, ['intent'], 'pending', { error: fault.message }, now());
    a.localFaults += 1;
    if (a.localFaults > JOB_DEFAULTS.maxLocalRetries) a.fatal ??= fault;
    else a.retryAt = now() + 250 * 2 ** a.localFaults;
  }

  function stepContext(a: Active, signal: AbortSignal): StepContext<unknown> {
    return { signal, jobId: a.id, input: a.input, db };
  }

  /** Commits the step's intent, then sends it. False when the step could not be claimed. */
  function launch(a: Active, step: JobStep<unknown>): boolean {
    if (!journal.intent(a.id, step.seq, ownerId, now())) return false;
    const controller = new AbortController();
    a.inFlight.set(step.seq, controller);
    void (async () => {
      let result: JsonValue | void;
      try {
        result = await a.kind.run(step, stepContext(a, controller.signal));
      } catch (err) {
        const fault = storageFault(err, file);
        if (fault) localFault(a, step.seq, fault);
        else journalVerdict(a, step.seq, classifyStepError(err, a.writes));
        return;
      }
      // From unknown too: another process may have given up on us while the reply was on its way.
      journal.moveStep(a.id, step.seq, ['intent', 'unknown'], 'done', { result: result ?? null }, now());
      a.backoffAttempt = 0;
      a.localFaults = 0;
    })()
      .catch((err: unknown) => {
        a.fatal ??= storageFault(err, file) ?? err; // the journal itself failed: stop the job rather than guess
      })
      .finally(() => {
        a.inFlight.delete(step.seq);
        emit(a.id);
        wake(a);
      });
    return true;
  }

  async function settleUnknown(a: Active): Promise<void> {
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
          const settled = await settle(step, stepContext(a, controller.signal));
          if (settled.outcome === 'done') journal.moveStep(a.id, step.seq, ['unknown'], 'done', { result: settled.result ?? null }, now());
          if (settled.outcome === 'not-sent') journal.moveStep(a.id, step.seq, ['unknown'], 'pending', {}, now());
        } catch (err) {
          log(`[jobs] job ${a.id} step ${step.seq}: read-back failed: ${String(err)}`); // stays unknown
        } finally {
          a.inFlight.delete(step.seq);
        }
        emit(a.id);
      }
    }
  }

  async function runFinish(kind: JobKind<unknown, unknown> | undefined, id: number, input: unknown, state: FinishContext['state']): Promise<void> {
    if (!kind?.finish) return;
    const row = journal.job(id);
    if (!row) return;
    try {
      const summary = await kind.finish({
        jobId: id,
        input,
        state,
        counts: { total: row.total, done: row.done_count, failed: row.failed_count, unknown: row.unknown_count },
        db,
        steps: (stepState) => journal.iterateSteps(id, stepState),
      });
      journal.setSummary(id, summary ?? null, now());
    } catch (err) {
      log(`[jobs] job ${id}: finish hook failed: ${String(err)}`);
    }
  }

  async function finalize(a: Active): Promise<void> {
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
    await runFinish(a.kind, a.id, a.input, state);
    journal.setState(a.id, state, error, now());
  }

  async function loop(a: Active): Promise<void> {
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
        if (blockedBy(a) !== null || a.inFlight.size >= a.concurrency) {
          await waitForChange(a);
          continue;
        }
        if (a.retryAt > now()) {
          // A real, referenced timer: the clock's may be unref'd, and a CLI waiting only on it would exit.
          await new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, a.retryAt - now())));
          continue;
        }
        if (buffer.length === 0) buffer = journal.pending(a.id, cursor, JOB_DEFAULTS.pagePending);
        const step = buffer.shift();
        if (step) {
          cursor = step.seq;
          if (!launch(a, step) && journal.job(a.id)?.lock_owner !== ownerId) a.request = 'lost';
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
          await settleUnknown(a);
          continue;
        }
        await finalize(a);
        return;
      }
      while (a.inFlight.size > 0) await waitForChange(a);
      if (a.request === 'run' && a.fatal === undefined) continue; // resumed while the last steps finished
      break;
    }
    if (a.fatal !== undefined) throw a.fatal;
    if (a.request === 'cancel') await runFinish(a.kind, a.id, a.input, 'cancelled');
    if (a.request === 'stop') journal.setState(a.id, 'interrupted', stoppedMessage(a.writes), now());
  }

  function startLoop(a: Active): void {
    a.started = true;
    journal.setState(a.id, 'running', null, now());
    emit(a.id, true);
    loop(a)
      .catch((err: unknown) => {
        log(`[jobs] job ${a.id} stopped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        const fault = storageFault(err, file);
        const message = fault ? fault.message : `The job stopped: ${err instanceof Error ? err.message : String(err)}`;
        try {
          journal.setState(a.id, 'failed', message, now());
        } catch {
          // The database cannot be written (a full disk): the views say what happened; the lock expires and
          // the next start marks the job interrupted, its steps in intent unknown (read back, never resent).
          unrecorded.set(a.id, message);
        }
      })
      .finally(() => retire(a));
  }

  /** The job leaves this process: lock released, waiters told, the next queued job may start. */
  function retire(a: Active): void {
    if (a.backoffTimer !== null) clock.clearTimeout(a.backoffTimer);
    if (a.request !== 'lost') {
      try {
        journal.release(a.id, ownerId);
      } catch (err) {
        log(`[jobs] could not release job ${a.id}: ${String(err)}`);
      }
    }
    active.delete(a.id);
    const index = waiting.indexOf(a);
    if (index >= 0) waiting.splice(index, 1);
    emit(a.id, true);
    dropThrottle(a.id);
    a.end();
    if (!stopping) {
      while (waiting.length > 0 && runningCount() < maxRunning) startLoop(waiting.shift()!);
    }
  }

  function runningCount(): number {
    let n = 0;
    for (const a of active.values()) if (a.started) n += 1;
    return n;
  }

  function kindOf(name: string): JobKind<unknown, unknown> {
    const kind = kinds.get(name);
    if (!kind) throw new AppFailure('internal', `This version of Relay Desk cannot run jobs of kind "${name}".`);
    return kind;
  }

  function assertRunning(): void {
    if (stopping) throw new AppFailure('internal', 'Relay Desk is closing: no job can start now.');
  }

  /** Takes the job's lock and runs it here (or queues it behind the running ones). */
  function activate(row: JobRow): Active {
    const kind = kindOf(row.kind);
    if (!journal.acquire(row.id, ownerId, expiry(), now())) throw runningElsewhere();
    // Holding the lock, nothing of this job is in flight anywhere: a step still in intent was cut off.
    journal.cutOff(row, now());
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
      concurrency: Math.max(1, kind.concurrency ?? options.concurrency ?? JOB_DEFAULTS.concurrency),
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
    active.set(row.id, a);
    ensureHeartbeat();
    if (runningCount() < maxRunning) startLoop(a);
    else {
      waiting.push(a);
      journal.setState(a.id, 'queued', null, now());
      emit(a.id, true);
    }
    return a;
  }

  /** Live lock held by another process? */
  function lockedElsewhere(row: JobRow): boolean {
    return row.lock_owner !== null && row.lock_owner !== ownerId && (row.lock_expires_at ?? 0) > now();
  }

  function rowOf(id: number): JobRow {
    const row = journal.job(id);
    if (!row) throw notFound();
    return row;
  }

  /**
   * Stores the kind's steps in slices that each take about PLAN_SLICE_MS of the main thread's CPU (making the
   * steps and inserting them), with a turn of the event loop between slices: a million-step plan must not
   * freeze the app. A slice holds as many steps as fit at the pace of the previous one (at most planBatch).
   * Plan commits skip their fsync (relaxedCommits): a plan is only used once markPlanned's own FULL commit
   * says it is whole, and that commit syncs the log with every batch in it; a crash before it leaves an
   * unplanned job that is started again, never a half plan taken for a whole one.
   */
  async function plan(kind: JobKind<unknown, unknown>, id: number, input: unknown): Promise<void> {
    let seq = 0;
    let batch: { key: string; payload: unknown }[] = [];
    let size: number = PLAN_MIN_BATCH;
    let sliceStart = threadCpuMs();
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const steps = batch;
      relaxedCommits(db, () => journal.insertSteps(id, seq, steps, now()));
      seq += steps.length;
      batch = [];
      emit(id);
      const msPerStep = Math.max(0.0001, (threadCpuMs() - sliceStart) / steps.length);
      size = Math.max(PLAN_MIN_BATCH, Math.min(JOB_DEFAULTS.planBatch, Math.floor(PLAN_SLICE_MS / msPerStep)));
      // Let IPC and timers in between slices.
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = threadCpuMs();
      if (stopping) throw new AppFailure('internal', 'Relay Desk closed while the job was being prepared. Start it again.');
    };
    for await (const step of kind.plan(input)) {
      batch.push(step);
      if (batch.length >= size) await flush();
    }
    await flush();
    journal.markPlanned(id, now());
  }

  function planFailure(err: unknown): string {
    if (err instanceof AppFailure) return err.message;
    const fault = storageFault(err, file);
    if (fault) return fault.message;
    if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      return 'The job could not be prepared: two of its steps have the same key.';
    }
    return `The job could not be prepared: ${err instanceof Error ? err.message : String(err)}`;
  }

  const runner: JobRunner = {
    ownerId,

    register(kind) {
      if (kinds.has(kind.kind)) throw new Error(`Job kind "${kind.kind}" is registered twice.`);
      kinds.set(kind.kind, kind as unknown as JobKind<unknown, unknown>);
    },

    async start(name, input, startOptions) {
      assertRunning();
      const kind = kindOf(name);
      const key = startOptions.dedupeKey;
      if (key !== undefined) releaseDeadLocks();
      await testBarrier('job-start');
      // Check and create in one IMMEDIATE transaction: two processes starting the same work at the same moment
      // get one job between them, the second finds the first's (planned or still being planned).
      const claim = db.transaction((): { existing: JobRow } | { id: number } => {
        if (key !== undefined) {
          const existing = journal.unfinishedByKey(name, key);
          if (existing && (existing.planned || planning.has(existing.id) || lockedElsewhere(existing))) return { existing };
          if (existing) journal.dropUnplanned(existing.id, 'Relay Desk stopped while this job was being prepared; it was started again.', now());
        }
        return {
          id: journal.insertJob({ kind: name, title: startOptions.title, input, writes: kind.writes, dedupeKey: key ?? null, owner: ownerId, expires: expiry(), now: now() }),
        };
      })();
      if ('existing' in claim) {
        const existing = claim.existing;
        if (planning.has(existing.id)) {
          await planning.get(existing.id);
          return view(existing.id);
        }
        // Run by another process (the app's window, another relay): the caller watches it (follow).
        if (lockedElsewhere(existing) || active.has(existing.id)) return toView(existing);
        return runner.resume(existing.id);
      }
      const id = claim.id;
      ensureHeartbeat();
      emit(id, true);
      const planned = plan(kind, id, input);
      planning.set(id, planned.catch(() => {}));
      try {
        await planned;
      } catch (err) {
        journal.setState(id, 'failed', planFailure(err), now());
        journal.release(id, ownerId);
        emit(id, true);
        return view(id);
      } finally {
        planning.delete(id);
        dropThrottle(id);
      }
      if (stopping) {
        journal.setState(id, 'interrupted', stoppedMessage(kind.writes), now());
        journal.release(id, ownerId);
        return view(id);
      }
      activate(rowOf(id));
      return view(id);
    },

    get(id) {
      const row = journal.job(id);
      return row ? toView(row) : null;
    },

    list(listOptions = {}) {
      const limit = Math.min(Math.max(1, listOptions.limit ?? 100), 1000);
      return journal.list(limit).map(toView);
    },

    steps(id, query = {}) {
      rowOf(id);
      const limit = Math.min(Math.max(1, query.limit ?? 100), 1000);
      return journal.stepViews(id, { afterSeq: query.afterSeq ?? -1, limit, ...(query.state ? { state: query.state } : {}) });
    },

    pause(id) {
      const a = active.get(id);
      if (a) {
        if (a.request === 'run') {
          a.request = 'pause';
          journal.setState(id, 'paused', null, now());
          journal.decide(id, 'pause', 0, now());
          if (!a.started) retire(a);
          emit(id, true);
          wake(a);
        }
        return view(id);
      }
      const row = rowOf(id);
      if (row.state === 'paused') return toView(row);
      if ((row.state === 'running' || row.state === 'queued') && lockedElsewhere(row)) throw runningElsewhere();
      throw new AppFailure('validation', 'Only a running job can be paused.');
    },

    resume(id) {
      assertRunning();
      const a = active.get(id);
      if (a) {
        if (a.request === 'pause') {
          a.request = 'run';
          journal.setState(id, a.started ? 'running' : 'queued', null, now());
          journal.decide(id, 'resume', 0, now());
          emit(id, true);
          wake(a);
        }
        return view(id);
      }
      const row = rowOf(id);
      if (FINAL.has(row.state)) throw new AppFailure('validation', 'This job has already finished.');
      if (!row.planned) throw new AppFailure('validation', 'This job is still being prepared.');
      if (lockedElsewhere(row)) throw runningElsewhere();
      journal.decide(id, 'resume', 0, now());
      activate(row);
      return view(id);
    },

    cancel(id) {
      const a = active.get(id);
      if (a) {
        if (a.request === 'run' || a.request === 'pause') {
          a.request = 'cancel';
          journal.setState(id, 'cancelled', null, now());
          journal.decide(id, 'cancel', 0, now());
          if (!a.started) {
            retire(a);
            void runFinish(a.kind, id, a.input, 'cancelled').then(() => emit(id, true));
          }
          emit(id, true);
          wake(a);
        }
        return view(id);
      }
      const row = rowOf(id);
      if (row.state === 'cancelled') return toView(row);
      if (FINAL.has(row.state)) throw new AppFailure('validation', 'This job has already finished.');
      if (!journal.acquire(id, ownerId, expiry(), now())) throw runningElsewhere();
      journal.setState(id, 'cancelled', null, now());
      journal.decide(id, 'cancel', 0, now());
      journal.release(id, ownerId);
      emit(id, true);
      const kind = kinds.get(row.kind);
      void runFinish(kind, id, JSON.parse(row.input) as unknown, 'cancelled').then(() => emit(id, true));
      return view(id);
    },

    retryUnknown(id) {
      assertRunning();
      const row = rowOf(id);
      if (FINAL.has(row.state)) throw new AppFailure('validation', 'This job has already finished.');
      const a = active.get(id);
      if (!a && lockedElsewhere(row)) throw runningElsewhere();
      const moved = journal.moveAll(id, 'unknown', 'pending', null, now());
      journal.decide(id, 'retry-unknown', moved, now());
      if (a) {
        if (a.request === 'pause') a.request = 'run';
        wake(a);
        emit(id, true);
        return view(id);
      }
      activate(rowOf(id));
      return view(id);
    },

    dismissUnknown(id) {
      const row = rowOf(id);
      if (FINAL.has(row.state)) throw new AppFailure('validation', 'This job has already finished.');
      const a = active.get(id);
      if (!a && lockedElsewhere(row)) throw runningElsewhere();
      const moved = journal.moveAll(id, 'unknown', 'failed', 'Dismissed: not sent again (it may or may not have been applied).', now());
      journal.decide(id, 'dismiss-unknown', moved, now());
      emit(id, true);
      // Nothing else was waiting on these steps: the job can finish now.
      if (!a && row.state === 'needs-attention' && !stopping) activate(rowOf(id));
      return view(id);
    },

    hold(reason) {
      if (holds.has(reason)) return;
      holds.add(reason);
      for (const a of active.values()) emit(a.id, true);
    },

    release(reason) {
      if (!holds.delete(reason) && reason !== 'gateway-unreachable') return;
      for (const a of active.values()) {
        if (reason === 'gateway-unreachable') {
          // The gateway is back: no need to sit out the rest of a backoff.
          if (a.backoffTimer !== null) clock.clearTimeout(a.backoffTimer);
          a.backoffTimer = null;
          a.selfHold = null;
          a.backoffAttempt = 0;
        }
        emit(a.id, true);
        wake(a);
      }
    },

    recover() {
      assertRunning();
      releaseDeadLocks();
      const touched = new Set<number>();
      for (const row of journal.abandoned(now())) {
        if (active.has(row.id) || planning.has(row.id)) continue;
        const messages = {
          interrupted: stoppedMessage(row.writes === 1),
          unplanned: 'Relay Desk stopped while this job was being prepared. Start it again.',
        };
        if (journal.markAbandoned(row, now(), messages)) touched.add(row.id);
      }
      for (const row of [...journal.interrupted(), ...journal.stuckReads()]) {
        if (row.writes === 1 || !kinds.has(row.kind) || active.has(row.id) || lockedElsewhere(row)) continue;
        try {
          activate(row);
          touched.add(row.id);
        } catch (err) {
          log(`[jobs] could not resume job ${row.id}: ${String(err)}`);
        }
      }
      for (const id of touched) emit(id, true);
      return [...touched].map(view);
    },

    async idle(id) {
      if (id !== undefined) {
        await planning.get(id);
        await active.get(id)?.ended;
        return;
      }
      while (active.size > 0 || planning.size > 0) {
        await Promise.all([...planning.values(), ...[...active.values()].map((a) => a.ended)]);
      }
    },

    async follow(id, followOptions = {}) {
      const interval = followOptions.intervalMs ?? JOB_DEFAULTS.followIntervalMs;
      let last = -1;
      for (;;) {
        releaseDeadLocks();
        const row = rowOf(id);
        const current = toView(row);
        if (row.updated_at !== last) {
          last = row.updated_at;
          followOptions.onChange?.(current);
        }
        if (!lockedElsewhere(row) || followOptions.signal?.aborted) return current;
        // Real time and a referenced timer: another process's progress, and a CLI must stay up while it watches.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, interval);
          followOptions.signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
      }
    },

    stop(stopOptions = {}) {
      stopped ??= (async () => {
        stopping = true;
        for (const a of [...active.values()]) {
          if (a.request === 'run') a.request = 'stop';
          if (!a.started) {
            journal.setState(a.id, 'interrupted', stoppedMessage(a.writes), now());
            retire(a);
          }
          wake(a);
        }
        const everything = (): Promise<unknown> => Promise.all([...planning.values(), ...[...active.values()].map((a) => a.ended)]);
        const timeoutMs = stopOptions.timeoutMs ?? JOB_DEFAULTS.stopTimeoutMs;
        if (!(await settledWithin(everything(), timeoutMs))) {
          // Past the wait: abort what is still in flight, and give it a moment to journal what it learned.
          for (const a of active.values()) for (const controller of a.inFlight.values()) controller.abort();
          await settledWithin(everything(), JOB_DEFAULTS.abortGraceMs);
        }
        for (const a of [...active.values()]) {
          // A step that ignores its signal: leave it in intent; it becomes unknown at the next start.
          log(`[jobs] job ${a.id} did not stop in time`);
          if (a.request !== 'lost') journal.setState(a.id, 'interrupted', stoppedMessage(a.writes), now());
          retire(a);
        }
        if (heartbeat !== null) clock.clearTimeout(heartbeat);
        heartbeat = null;
        if (foreignTimer !== null) clock.clearTimeout(foreignTimer);
        foreignTimer = null;
        for (const id of [...throttles.keys()]) dropThrottle(id);
      })();
      return stopped;
    },
  };

  function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = clock.setTimeout(() => resolve(false), ms);
      void promise.then(
        () => {
          clock.clearTimeout(timer);
          resolve(true);
        },
        () => {
          clock.clearTimeout(timer);
          resolve(true);
        },
      );
    });
  }

  return runner;
}
