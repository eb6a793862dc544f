import { defineJobKind } from '../jobs';
import type { JobKind, StepPlan } from '../jobs';
import { syncHistory } from './sync';
import type { SyncClient, SyncOptions } from './sync';
import { alignWindow } from './windows';

// The history sync as a durable job: the range is cut into slices (a week by default), newest first so the
// screen fills with recent messages before old ones; each step syncs one slice. A read job: after an
// interruption it carries on by itself, and a slice half done resumes from its recorded windows.

export const HISTORY_SYNC_KIND = 'messages.sync';

export interface HistorySyncInput {
  /** Oldest instant to cover (epoch ms). */
  fromMs: number;
  /** Newest (epoch ms); the plan fixes it when the job is planned. */
  toMs: number;
  /**
   * The app's own sync (the live monitor): the mirror's reach widens to fromMs. In the input, not the kind,
   * so that a `relay history` job resumed by the app still leaves the reach alone.
   */
  extendReach?: boolean;
}

export interface HistorySyncSlice {
  fromMs: number;
  toMs: number;
}

export const SLICE_MS = 7 * 86_400_000;

/** Slices of [fromMs, toMs) on whole seconds, newest first. */
export function historySlices(input: HistorySyncInput, sliceMs: number = SLICE_MS): StepPlan<HistorySyncSlice>[] {
  const range = alignWindow(input.fromMs, input.toMs);
  const steps: StepPlan<HistorySyncSlice>[] = [];
  for (let to = range.toMs; to > range.fromMs; to -= sliceMs) {
    const from = Math.max(range.fromMs, to - sliceMs);
    steps.push({ key: `${new Date(from).toISOString()}/${new Date(to).toISOString()}`, payload: { fromMs: from, toMs: to } });
  }
  return steps;
}

export function historySyncJobKind(deps: {
  client: () => SyncClient;
  now?: () => number;
  sliceMs?: number;
  /** Tests: small slices on the mirror's thread, small windows. */
  sync?: Pick<SyncOptions, 'threadFrom' | 'maxPerWindow'>;
}): JobKind<HistorySyncInput, HistorySyncSlice> {
  return defineJobKind<HistorySyncInput, HistorySyncSlice>({
    kind: HISTORY_SYNC_KIND,
    writes: false,
    // Slices overlap nothing, but one at a time keeps the gateway and the thread calm.
    concurrency: 1,
    plan: (input) => historySlices(input, deps.sliceMs),
    async run(step, ctx) {
      const result = await syncHistory({
        // A first sync of months writes its slices without most indexes (indexes.ts); the oldest slice, the
        // last step, builds them once (a job stopped before it leaves them to the next sync).
        buildIndexes: step.payload.fromMs === alignWindow(ctx.input.fromMs, ctx.input.toMs).fromMs,
        db: ctx.db,
        client: deps.client(),
        from: step.payload.fromMs,
        to: step.payload.toMs,
        signal: ctx.signal,
        now: deps.now,
        extendReach: ctx.input.extendReach === true,
        ...deps.sync,
      });
      return { messages: result.messages, inserted: result.inserted, changed: result.changedCount };
    },
  });
}
