import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppFailure } from '../../../shared/errors';
import type { HoldReason, JobView, JsonValue } from '../../../shared/jobs';
import type { Db } from '../db';
import { systemClock } from '../lib/clock';
import type { MonitorClock as Clock } from '../lib/clock';
import { JOB_DEFAULTS } from './api';
import type { JobRunnerOptions } from './api';
import { Journal } from './journal';
import type { JobRow } from './journal';
import type { RateMeter } from './progress';
import type { JobKind, StepContext } from './types';

// The state one runner's parts share (planning, execution, recovery, views, locks): one object, made once by
// createJobRunner and handed to each part's functions, so every part reads the same maps and flags.

/** What the loop of a job is asked to do; `lost` when another process took its lock. */
export type Request = 'run' | 'pause' | 'cancel' | 'stop' | 'lost';

/** A job this process runs (or has queued behind the running ones). */
export interface Active {
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

export interface RunnerCore {
  readonly db: Db;
  readonly journal: Journal;
  readonly clock: Clock;
  readonly ownerId: string;
  /** The database file, named in local-fault sentences ("the disk that holds … is full"). */
  readonly file: string;
  readonly lockTtlMs: number;
  readonly progressIntervalMs: number;
  readonly maxRunning: number;
  /** Steps in flight per job unless the kind says otherwise (undefined: JOB_DEFAULTS). */
  readonly concurrency: number | undefined;
  readonly foreignPollMs: number;
  readonly onChange: ((view: JobView) => void) | undefined;
  readonly log: (line: string) => void;

  readonly kinds: Map<string, JobKind<unknown, unknown>>;
  readonly active: Map<number, Active>;
  /** Activated jobs waiting for a free slot, in order. */
  readonly waiting: Active[];
  readonly planning: Map<number, Promise<unknown>>;
  readonly holds: Set<HoldReason>;
  readonly throttles: Map<number, { last: number; timer: unknown }>;
  /** Jobs whose end could not be written (a full disk): what the journal would say, kept here for the views. */
  readonly unrecorded: Map<number, string>;
  /** Jobs run elsewhere, by the last change seen: a view is sent when it moves and once when it is let go. */
  readonly foreignSeen: Map<number, number>;
  heartbeat: unknown;
  foreignTimer: unknown;
  stopping: boolean;

  now(): number;
  /** When a lock taken or renewed now expires. */
  expiry(): number;
}

export function createCore(options: JobRunnerOptions): RunnerCore {
  const clock = options.clock ?? systemClock;
  const lockTtlMs = options.lockTtlMs ?? JOB_DEFAULTS.lockTtlMs;
  return {
    db: options.db,
    journal: new Journal(options.db),
    clock,
    ownerId: options.ownerId ?? `${hostname()}:${process.pid}:${options.role ?? 'other'}:${randomUUID().slice(0, 8)}`,
    file: options.db.name,
    lockTtlMs,
    progressIntervalMs: options.progressIntervalMs ?? JOB_DEFAULTS.progressIntervalMs,
    maxRunning: options.maxRunningJobs ?? JOB_DEFAULTS.maxRunningJobs,
    concurrency: options.concurrency,
    foreignPollMs: options.onChange ? (options.foreignPollMs ?? 1_000) : 0,
    onChange: options.onChange,
    log: options.log ?? (() => {}),
    kinds: new Map(),
    active: new Map(),
    waiting: [],
    planning: new Map(),
    holds: new Set(),
    throttles: new Map(),
    unrecorded: new Map(),
    foreignSeen: new Map(),
    heartbeat: null,
    foreignTimer: null,
    stopping: false,
    now: () => clock.now(),
    expiry: () => clock.now() + lockTtlMs,
  };
}

export const FINAL = new Set(['done', 'failed', 'cancelled']);

export const plural = (n: number, one: string, other: string): string => `${n} ${n === 1 ? one : other}`;

export function notFound(): AppFailure {
  return new AppFailure('validation', 'This job does not exist (any more).', undefined, undefined, 'refusals.jobGone');
}

export function runningElsewhere(): AppFailure {
  return new AppFailure(
    'validation',
    'This job is running in another Relay Desk window or relay command. Stop it there first.',
    undefined,
    undefined,
    'refusals.jobRunningElsewhere',
  );
}

export function stoppedMessage(writes: boolean): string {
  return writes
    ? 'Relay Desk stopped before this job finished. Resume it to carry on: steps already sent will not be sent again.'
    : 'Relay Desk stopped before this job finished; it carries on by itself.';
}

export function parseJson(text: string | null): JsonValue | null {
  return text === null ? null : (JSON.parse(text) as JsonValue);
}

export function rowOf(core: RunnerCore, id: number): JobRow {
  const row = core.journal.job(id);
  if (!row) throw notFound();
  return row;
}

export function kindOf(core: RunnerCore, name: string): JobKind<unknown, unknown> {
  const kind = core.kinds.get(name);
  if (!kind)
    throw new AppFailure(
      'internal',
      `This version of Relay Desk cannot run jobs of kind "${name}".`,
      undefined,
      { kind: name },
      'refusals.jobKindUnknown',
    );
  return kind;
}

export function assertRunning(core: RunnerCore): void {
  if (core.stopping)
    throw new AppFailure('internal', 'Relay Desk is closing: no job can start now.', undefined, undefined, 'refusals.closingNoStart');
}

export function stepContext(core: RunnerCore, a: Active, signal: AbortSignal): StepContext<unknown> {
  return { signal, jobId: a.id, input: a.input, db: core.db };
}

/** Lets the job's loop look again (a step ended, a hold lifted, a decision came). */
export function wake(a: Active): void {
  const waiter = a.waiter;
  a.waiter = null;
  waiter?.();
}

export function waitForChange(a: Active): Promise<void> {
  return new Promise((resolve) => {
    a.waiter = resolve;
  });
}
