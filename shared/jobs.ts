// Plain job types that cross IPC: what the renderer and the CLI see of a durable job. No behaviour here.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * queued → running → paused / needs-attention → done / failed / cancelled.
 * `interrupted`: the job was running when its process stopped (a crash, a kill, or a quit); reads carry on
 * by themselves at the next start, writes wait until the user resumes them.
 */
export type JobState = 'queued' | 'running' | 'paused' | 'needs-attention' | 'interrupted' | 'done' | 'failed' | 'cancelled';

/** States a job never leaves. */
export const FINAL_JOB_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];

/** Why running jobs are waiting without being paused. They carry on by themselves when it clears. */
export type HoldReason = 'signed-out' | 'gateway-unreachable';

/**
 * Each step's journal: pending → intent (committed before its request leaves) → done | failed | unknown.
 * `unknown`: the request may or may not have been applied; never repeated without the user's say.
 */
export type StepState = 'pending' | 'intent' | 'done' | 'failed' | 'unknown';

export interface JobView {
  id: number;
  kind: string;
  title: string;
  state: JobState;
  /** True for jobs that write to the gateway: they never resume without being told. */
  writes: boolean;
  total: number;
  done: number;
  failed: number;
  unknown: number;
  /** Steps finished per second over the last few seconds; null when not running here. */
  ratePerSecond: number | null;
  /** Seconds left at the current rate; null when unknown. */
  etaSeconds: number | null;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  /** Set while the job waits for sign-in or for the gateway; it carries on by itself afterwards. */
  blockedBy: HoldReason | null;
  /** What went wrong, in a sentence for the user (failed, needs-attention, interrupted). */
  error: string | null;
  /** What the job's kind reported when it finished (counts, ids…), plain JSON. */
  summary: JsonValue | null;
  /**
   * Set while another process runs the job (the app's window, or a `relay` command): this one can only
   * watch it. A job runs in one process at a time.
   */
  runningElsewhere?: JobRunnerRef | null;
}

/** Who runs a job: the app or a `relay` command, and its process id. */
export interface JobRunnerRef {
  role: 'app' | 'relay' | 'other';
  pid: number | null;
}

/** One journal row, for "needs attention" lists. */
export interface JobStepView {
  seq: number;
  /** The kind's own name for the step (a phone number, a batch's customerid…). */
  key: string;
  state: StepState;
  error: string | null;
  payload: JsonValue;
}
