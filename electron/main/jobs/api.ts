import type { HoldReason, JobRunnerRef, JobStepView, JobView, StepState } from '../../../shared/jobs';
import type { Db } from '../db';
import type { MonitorClock as Clock } from '../lib/clock';
import type { JobKind } from './types';

// What the job runner offers: its options, its methods and its defaults. runner.ts puts it together.

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
