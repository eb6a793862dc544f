import type { Db } from '../db';
import type { JobState, JobStepView, JsonValue, StepState } from '../../../shared/jobs';
import type { FinishedStep, JobStep, StepPlan } from './types';

// Every SQL statement of the job runner. Each step change and its job's counters move in one transaction, so
// the counts a progress event shows are always the journal's, without COUNT(*) over a million rows.

export interface JobRow {
  id: number;
  kind: string;
  title: string;
  input: string;
  writes: number;
  state: JobState;
  planned: number;
  total: number;
  done_count: number;
  failed_count: number;
  unknown_count: number;
  error: string | null;
  summary: string | null;
  dedupe_key: string | null;
  lock_owner: string | null;
  lock_expires_at: number | null;
  created_at: number;
  updated_at: number;
}

interface StepRow {
  seq: number;
  key: string;
  payload: string;
  attempts: number;
  state: StepState;
  error: string | null;
  result: string | null;
}

export type Decision = 'resume' | 'pause' | 'cancel' | 'retry-unknown' | 'dismiss-unknown';

/** The states the job row counts (pending and intent are the rest of `total`). */
const COUNTED = ['done', 'failed', 'unknown'] as const;
type Counted = (typeof COUNTED)[number];
const isCounted = (state: StepState): state is Counted => (COUNTED as readonly StepState[]).includes(state);

const parse = (text: string | null): JsonValue | null => (text === null ? null : (JSON.parse(text) as JsonValue));

export function toJobStep<P>(row: StepRow): JobStep<P> {
  return { seq: row.seq, key: row.key, payload: JSON.parse(row.payload) as P, attempts: row.attempts };
}

function prepare(db: Db) {
  return {
    dropUnplanned: db.prepare(
      `UPDATE jobs SET state = 'failed', error = @error, lock_owner = NULL, lock_expires_at = NULL, updated_at = @now WHERE id = @id AND planned = 0`,
    ),
    insertJob: db.prepare(
      `INSERT INTO jobs (kind, title, input, writes, state, dedupe_key, lock_owner, lock_expires_at, created_at, updated_at)
       VALUES (@kind, @title, @input, @writes, 'queued', @dedupeKey, @owner, @expires, @now, @now)`,
    ),
    insertStep: db.prepare(`INSERT INTO job_steps (job_id, seq, key, payload, updated_at) VALUES (?, ?, ?, ?, ?)`),
    addTotal: db.prepare(`UPDATE jobs SET total = total + ?, updated_at = ? WHERE id = ?`),
    markPlanned: db.prepare(`UPDATE jobs SET planned = 1, updated_at = ? WHERE id = ?`),
    job: db.prepare(`SELECT * FROM jobs WHERE id = ?`),
    list: db.prepare(`SELECT * FROM jobs ORDER BY id DESC LIMIT ?`),
    unfinishedByKey: db.prepare(
      `SELECT * FROM jobs WHERE kind = ? AND dedupe_key = ? AND state NOT IN ('done', 'failed', 'cancelled') ORDER BY id DESC LIMIT 1`,
    ),
    setState: db.prepare(`UPDATE jobs SET state = @state, error = @error, updated_at = @now WHERE id = @id`),
    setSummary: db.prepare(`UPDATE jobs SET summary = ?, updated_at = ? WHERE id = ?`),
    acquire: db.prepare(
      `UPDATE jobs SET lock_owner = @owner, lock_expires_at = @expires
       WHERE id = @id AND (lock_owner IS NULL OR lock_owner = @owner OR lock_expires_at <= @now)`,
    ),
    release: db.prepare(`UPDATE jobs SET lock_owner = NULL, lock_expires_at = NULL WHERE id = ? AND lock_owner = ?`),
    renew: db.prepare(`UPDATE jobs SET lock_expires_at = ? WHERE lock_owner = ?`),
    held: db.prepare(`SELECT id FROM jobs WHERE lock_owner = ?`),
    abandoned: db.prepare(
      `SELECT * FROM jobs WHERE state IN ('queued', 'running') AND (lock_owner IS NULL OR lock_expires_at <= ?) ORDER BY id`,
    ),
    markAbandoned: db.prepare(
      `UPDATE jobs SET state = @state, error = @error, lock_owner = NULL, lock_expires_at = NULL, updated_at = @now
       WHERE id = @id AND state IN ('queued', 'running') AND (lock_owner IS NULL OR lock_expires_at <= @now)`,
    ),
    interrupted: db.prepare(`SELECT * FROM jobs WHERE state = 'interrupted' ORDER BY id`),
    foreign: db.prepare(
      `SELECT * FROM jobs WHERE lock_owner IS NOT NULL AND lock_owner != ? AND lock_expires_at > ? AND state NOT IN ('done', 'failed', 'cancelled') ORDER BY id LIMIT 50`,
    ),
    // Read jobs an older version left waiting for a decision on "unknown" reads: a read is simply redone.
    stuckReads: db.prepare(`SELECT * FROM jobs WHERE writes = 0 AND state = 'needs-attention' ORDER BY id`),
    pending: db.prepare(
      `SELECT seq, key, payload, attempts FROM job_steps WHERE job_id = ? AND state = 'pending' AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    // The guard of exactly-once: a step becomes intent only from pending, and only while this owner holds
    // the job's lock. Two processes can never both turn the same step into intent.
    intent: db.prepare(
      `UPDATE job_steps SET state = 'intent', attempts = attempts + 1, error = NULL, updated_at = @now
       WHERE job_id = @id AND seq = @seq AND state = 'pending'
         AND EXISTS (SELECT 1 FROM jobs WHERE id = @id AND lock_owner = @owner)`,
    ),
    stepState: db.prepare(`SELECT state FROM job_steps WHERE job_id = ? AND seq = ?`),
    moveStep: db.prepare(
      `UPDATE job_steps SET state = @to, error = @error, result = @result, updated_at = @now WHERE job_id = @id AND seq = @seq`,
    ),
    moveAll: db.prepare(`UPDATE job_steps SET state = @to, error = @error, updated_at = @now WHERE job_id = @id AND state = @from`),
    counters: db.prepare(
      `UPDATE jobs SET done_count = done_count + @done, failed_count = failed_count + @failed,
         unknown_count = unknown_count + @unknown, updated_at = @now WHERE id = @id`,
    ),
    steps: db.prepare(
      `SELECT seq, key, payload, attempts, state, error, result FROM job_steps WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    stepsInState: db.prepare(
      `SELECT seq, key, payload, attempts, state, error, result FROM job_steps
       WHERE job_id = ? AND state = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    allSteps: db.prepare(`SELECT seq, key, payload, attempts, state, error, result FROM job_steps WHERE job_id = ? ORDER BY seq`),
    allStepsInState: db.prepare(
      `SELECT seq, key, payload, attempts, state, error, result FROM job_steps WHERE job_id = ? AND state = ? ORDER BY seq`,
    ),
    firstError: db.prepare(`SELECT error FROM job_steps WHERE job_id = ? AND state = 'failed' ORDER BY seq LIMIT 1`),
    decide: db.prepare(`INSERT INTO job_decisions (job_id, decision, steps, at) VALUES (?, ?, ?, ?)`),
  };
}

export class Journal {
  private readonly stmts: ReturnType<typeof prepare>;

  constructor(private readonly db: Db) {
    this.stmts = prepare(db);
  }

  insertJob(job: {
    kind: string;
    title: string;
    input: unknown;
    writes: boolean;
    dedupeKey: string | null;
    owner: string;
    expires: number;
    now: number;
  }): number {
    const info = this.stmts.insertJob.run({
      kind: job.kind,
      title: job.title,
      input: JSON.stringify(job.input ?? null),
      writes: job.writes ? 1 : 0,
      dedupeKey: job.dedupeKey,
      owner: job.owner,
      expires: job.expires,
      now: job.now,
    });
    return Number(info.lastInsertRowid);
  }

  /** A job whose planning process is gone: it ends failed, and the same work starts afresh. */
  dropUnplanned(id: number, error: string, now: number): void {
    this.stmts.dropUnplanned.run({ id, error, now });
  }

  /** One batch of the plan, in one transaction. */
  insertSteps(id: number, firstSeq: number, batch: readonly StepPlan<unknown>[], now: number): void {
    this.db
      .transaction(() => {
        batch.forEach((step, index) => {
          this.stmts.insertStep.run(id, firstSeq + index, step.key, JSON.stringify(step.payload ?? null), now);
        });
        this.stmts.addTotal.run(batch.length, now, id);
      })
      .immediate();
  }

  markPlanned(id: number, now: number): void {
    this.stmts.markPlanned.run(now, id);
  }

  job(id: number): JobRow | undefined {
    return this.stmts.job.get(id) as JobRow | undefined;
  }

  list(limit: number): JobRow[] {
    return this.stmts.list.all(limit) as JobRow[];
  }

  unfinishedByKey(kind: string, dedupeKey: string): JobRow | undefined {
    return this.stmts.unfinishedByKey.get(kind, dedupeKey) as JobRow | undefined;
  }

  setState(id: number, state: JobState, error: string | null, now: number): void {
    this.stmts.setState.run({ id, state, error, now });
  }

  setSummary(id: number, summary: JsonValue | null, now: number): void {
    this.stmts.setSummary.run(summary === null ? null : JSON.stringify(summary), now, id);
  }

  /** Takes the job's lock if it is free, expired, or already ours. */
  acquire(id: number, owner: string, expires: number, now: number): boolean {
    return this.stmts.acquire.run({ id, owner, expires, now }).changes === 1;
  }

  release(id: number, owner: string): void {
    this.stmts.release.run(id, owner);
  }

  /** The heartbeat: pushes back the expiry of every lock this owner holds; returns the ids it still holds. */
  renew(owner: string, expires: number): Set<number> {
    this.stmts.renew.run(expires, owner);
    return new Set((this.stmts.held.all(owner) as { id: number }[]).map((row) => row.id));
  }

  /** Jobs that say queued/running but whose process is gone (lock expired or missing). */
  abandoned(now: number): JobRow[] {
    return this.stmts.abandoned.all(now) as JobRow[];
  }

  /**
   * Marks an abandoned job (still abandoned: another process may have got there first) as interrupted, or
   * failed when it was still being planned, and turns its steps caught in `intent` into `unknown`.
   */
  markAbandoned(job: JobRow, now: number, messages: { interrupted: string; unplanned: string }): boolean {
    return this.db
      .transaction(() => {
        const state: JobState = job.planned ? 'interrupted' : 'failed';
        const error = job.planned ? messages.interrupted : messages.unplanned;
        if (this.stmts.markAbandoned.run({ id: job.id, state, error, now }).changes !== 1) return false;
        this.cutOff(job, now);
        return true;
      })
      .immediate();
  }

  interrupted(): JobRow[] {
    return this.stmts.interrupted.all() as JobRow[];
  }

  /** Jobs another process runs now (its lock is live). */
  foreign(owner: string, now: number): JobRow[] {
    return this.stmts.foreign.all(owner, now) as JobRow[];
  }

  stuckReads(): JobRow[] {
    return this.stmts.stuckReads.all() as JobRow[];
  }

  /**
   * Steps of a job whose process is gone. A write caught in intent may have left: unknown, for a read-back or
   * the user. A read is never unknown: it (and any read an older version marked unknown) is simply redone.
   */
  cutOff(job: Pick<JobRow, 'id' | 'writes'>, now: number): void {
    if (job.writes === 1) {
      this.intentToUnknown(job.id, now);
      return;
    }
    this.moveAll(job.id, 'intent', 'pending', null, now);
    this.moveAll(job.id, 'unknown', 'pending', null, now);
  }

  pending(id: number, afterSeq: number, limit: number): JobStep<unknown>[] {
    return (this.stmts.pending.all(id, afterSeq, limit) as StepRow[]).map((row) => toJobStep(row));
  }

  /** Commits the step's intent before its request leaves. False: not pending any more, or the lock is not ours. */
  intent(id: number, seq: number, owner: string, now: number): boolean {
    return this.stmts.intent.run({ id, seq, owner, now }).changes === 1;
  }

  /** Moves one step from one of `from` to `to` with its counters; false if it was not in `from`. */
  moveStep(
    id: number,
    seq: number,
    from: readonly StepState[],
    to: StepState,
    fields: { error?: string | null; result?: JsonValue | null },
    now: number,
  ): boolean {
    return this.db
      .transaction(() => {
        const row = this.stmts.stepState.get(id, seq) as { state: StepState } | undefined;
        if (!row || !from.includes(row.state)) return false;
        this.stmts.moveStep.run({
          id,
          seq,
          to,
          error: fields.error ?? null,
          result: fields.result === undefined || fields.result === null ? null : JSON.stringify(fields.result),
          now,
        });
        this.count(id, row.state, to, 1, now);
        return true;
      })
      .immediate();
  }

  /** Moves every step of the job in `from` to `to`; returns how many moved. */
  moveAll(id: number, from: StepState, to: StepState, error: string | null, now: number): number {
    return this.db
      .transaction(() => {
        const moved = this.stmts.moveAll.run({ id, from, to, error, now }).changes;
        this.count(id, from, to, moved, now);
        return moved;
      })
      .immediate();
  }

  /** Steps caught in `intent` by a process that is gone: their request may or may not have left. */
  intentToUnknown(id: number, now: number): number {
    return this.moveAll(
      id,
      'intent',
      'unknown',
      'Relay Desk stopped while this request may have been on its way: it may or may not have been applied.',
      now,
    );
  }

  private count(id: number, from: StepState, to: StepState, n: number, now: number): void {
    if (n === 0 || from === to) return;
    const delta: Record<Counted, number> = { done: 0, failed: 0, unknown: 0 };
    if (isCounted(from)) delta[from] -= n;
    if (isCounted(to)) delta[to] += n;
    this.stmts.counters.run({ id, ...delta, now });
  }

  stepsInState(id: number, state: StepState, afterSeq: number, limit: number): JobStep<unknown>[] {
    return (this.stmts.stepsInState.all(id, state, afterSeq, limit) as StepRow[]).map((row) => toJobStep(row));
  }

  stepViews(id: number, options: { state?: StepState; afterSeq: number; limit: number }): JobStepView[] {
    const rows = (
      options.state === undefined
        ? this.stmts.steps.all(id, options.afterSeq, options.limit)
        : this.stmts.stepsInState.all(id, options.state, options.afterSeq, options.limit)
    ) as StepRow[];
    return rows.map((row) => ({ seq: row.seq, key: row.key, state: row.state, error: row.error, payload: parse(row.payload) }));
  }

  *iterateSteps<P>(id: number, state?: StepState): IterableIterator<FinishedStep<P>> {
    const rows = (
      state === undefined ? this.stmts.allSteps.iterate(id) : this.stmts.allStepsInState.iterate(id, state)
    ) as IterableIterator<StepRow>;
    for (const row of rows) yield { ...toJobStep<P>(row), state: row.state, error: row.error, result: parse(row.result) };
  }

  firstError(id: number): string | null {
    return (this.stmts.firstError.get(id) as { error: string | null } | undefined)?.error ?? null;
  }

  decide(id: number, decision: Decision, steps: number, now: number): void {
    this.stmts.decide.run(id, decision, steps, now);
  }
}
