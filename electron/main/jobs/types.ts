import type { Db } from '../db';
import type { JsonValue, StepState } from '../../../shared/jobs';

// What a capability writes to run its long work as a durable job. See index.ts for an example.

/** One unit of work in a job's plan: `key` names it for people and read-backs (unique in the job). */
export interface StepPlan<P = JsonValue> {
  key: string;
  payload: P;
}

/** A step as the runner hands it to the kind. */
export interface JobStep<P = JsonValue> {
  seq: number;
  key: string;
  payload: P;
  /** How many times this step's request was about to leave before (0 the first time). */
  attempts: number;
}

export interface StepContext<I = unknown> {
  /** Aborts when the app quits and the step has not finished within the graceful-stop wait. */
  signal: AbortSignal;
  jobId: number;
  /** The input the job was started with (as stored: plain JSON). */
  input: I;
  db: Db;
}

/** What a read-back learned about a step whose request may or may not have been applied. */
export type Settled =
  | { outcome: 'done'; result?: JsonValue } // the gateway has it
  | { outcome: 'not-sent' } // the gateway surely does not have it: the step may be sent again
  | { outcome: 'unknown' }; // still cannot tell: the user decides

export interface FinishedStep<P = JsonValue> extends JobStep<P> {
  state: StepState;
  error: string | null;
  result: JsonValue | null;
}

export interface FinishContext<I = unknown, P = JsonValue> {
  jobId: number;
  input: I;
  state: 'done' | 'failed' | 'cancelled' | 'needs-attention';
  counts: { total: number; done: number; failed: number; unknown: number };
  db: Db;
  /** The journal's rows in plan order, streamed (a job may have a million). */
  steps(state?: StepState): IterableIterator<FinishedStep<P>>;
}

export interface JobKind<I = unknown, P = JsonValue> {
  /** Unique name, by convention `<capability>.<what>`, e.g. `contacts.import`. */
  kind: string;
  /** True when steps write to the gateway: such a job never resumes by itself after an interruption. */
  writes: boolean;
  /** False for local work (exports): it ignores "signed out" and "gateway unreachable" holds. Default true. */
  usesGateway?: boolean;
  /** Steps of one job in flight at once. Default: the runner's (8). */
  concurrency?: number;
  /** Splits the work into steps. May be huge (a generator): the runner stores it in batched transactions. */
  plan(input: I): Iterable<StepPlan<P>> | AsyncIterable<StepPlan<P>>;
  /**
   * Does one step. Its intent is already committed. Return a JSON result to keep with the step (an id…).
   * Throw an AppFailure / GatewayError: `unknown-outcome` → unknown (never repeated by itself);
   * `gateway-refused` / `validation` → failed, the job goes on; `network` / `timeout` (the request did not
   * leave), `not-signed-in`, `invalid-token` → back to pending, the job waits. Anything else in a write kind is
   * treated as unknown (the request may have left), in a read kind as failed.
   */
  run(step: JobStep<P>, ctx: StepContext<I>): Promise<JsonValue | void>;
  /** Reads back a step whose outcome is unknown (a crash mid-request, a lost reply). */
  settle?(step: JobStep<P>, ctx: StepContext<I>): Promise<Settled>;
  /** Called when the job ends (done, failed, cancelled, needs-attention); its result becomes the job's summary. */
  finish?(ctx: FinishContext<I, P>): JsonValue | Promise<JsonValue>;
}

/** Identity function that checks a kind's types where it is written. */
export function defineJobKind<I, P = JsonValue>(kind: JobKind<I, P>): JobKind<I, P> {
  return kind;
}
