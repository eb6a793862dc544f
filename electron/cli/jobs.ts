import { FINAL_JOB_STATES, type JobRunnerRef, type JobView } from '../../shared/jobs';
import { closeDatabase, openAccountDatabase, type Db } from '../main/db';
import { createJobRunner, JOB_DEFAULTS, type JobKind, type JobRunner } from '../main/jobs';
import type { CliContext } from './context';
import { createProgressBar } from './output';

// A command's long work runs as the same durable job the app would run, in the same account database:
// re-running the same command (same dedupe key) resumes it; SIGINT / SIGTERM stop it gracefully (requests in
// flight finish and are journaled), and the next run carries on without sending anything twice.

export interface CliJobRequest {
  /** Every kind this command may run (and that recovery may meet). */
  kinds: JobKind<never, never>[];
  kind: string;
  input: unknown;
  title: string;
  /** Same work → same key: a re-run resumes the unfinished job instead of starting another. */
  dedupeKey: string;
  /** Shown before the progress bar, e.g. "Importing". */
  label?: string;
}

/** A script must not wait for ever: no step settled for this long (gateway down, token refused) stops the job. */
export const STALL_LIMIT_MS = 120_000;

export interface CliJobResult {
  job: JobView;
  /** True when a signal or a stall stopped it before the end (resumable). */
  stopped: boolean;
  /** Why it stopped without a signal: in a sentence for stderr. */
  stalled: string | null;
  db: Db;
  runner: JobRunner;
}

/** Opens the account's database with a runner for these kinds, for commands that need more than one job. */
export async function openAccountJobs(ctx: CliContext, kinds: JobKind<never, never>[], onChange?: (view: JobView) => void) {
  const db = openAccountDatabase({ dataDir: ctx.options.dataDir, account: await ctx.account() });
  const runner = createJobRunner({ db, role: 'relay', log: ctx.log, ...(onChange ? { onChange } : {}) });
  for (const kind of kinds) runner.register(kind);
  runner.recover();
  return { db, runner, close: () => closeDatabase(db) };
}

/**
 * Starts (or resumes) one job and waits for it, with a progress bar on a terminal. The caller reads the
 * result, then calls `close()`. Write jobs found interrupted or paused resume here: re-running the command
 * is the user's say-so.
 */
export async function runJobInCli(ctx: CliContext, request: CliJobRequest): Promise<CliJobResult & { close(): void }> {
  const bar = createProgressBar(ctx.io);
  let jobId: number | null = null;
  let stopped = false;
  let stalled: string | null = null;
  let lastSettled = -1;
  let stallTimer: NodeJS.Timeout | null = null;
  const stopBecause = (reason: string) => {
    if (stalled || stopped) return;
    stalled = reason;
    onAbort();
  };
  const armStallTimer = () => {
    if (stallTimer) clearTimeout(stallTimer);
    const limit = Number(ctx.io.env['RELAY_STALL_SECONDS'] ?? '') * 1000 || STALL_LIMIT_MS;
    stallTimer = setTimeout(
      () => stopBecause(`no progress for ${Math.round(limit / 1000)} s: is the gateway reachable? Run the same command again to resume.`),
      limit,
    );
    stallTimer.unref();
  };
  const progress = (view: JobView) => {
    if (view.id !== jobId) return;
    // In the app a job waits for the user to sign in again; a script has nobody to wait for.
    if (view.blockedBy === 'signed-out')
      stopBecause(
        'the gateway no longer accepts these credentials: check RELAY_TOKEN / RELAY_EMAIL / RELAY_PASSWORD, then run the same command again to resume.',
      );
    const settled = view.done + view.failed + view.unknown;
    if (settled !== lastSettled) {
      lastSettled = settled;
      armStallTimer();
    }
    bar.update({
      done: view.done + view.failed + view.unknown,
      total: view.total,
      rate: view.ratePerSecond,
      etaSeconds: view.etaSeconds,
      label: request.label ?? '',
    });
  };
  const { db, runner, close } = await openAccountJobs(ctx, request.kinds, progress);
  function onAbort() {
    stopped = true;
    void runner.stop({ timeoutMs: JOB_DEFAULTS.stopTimeoutMs });
  }
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const claim = () => runner.start(request.kind, request.input, { title: request.title, dedupeKey: request.dedupeKey });
    let job = await claim();
    jobId = job.id;
    job = await attach(ctx, runner, job, progress, claim);
    jobId = job.id;
    if (job.state === 'interrupted' || job.state === 'paused') job = runner.resume(job.id);
    armStallTimer();
    if (ctx.signal.aborted) onAbort();
    await runner.idle(job.id);
    if (stopped) await runner.stop({ timeoutMs: JOB_DEFAULTS.stopTimeoutMs });
    const final = runner.get(job.id) ?? job;
    bar.finish({ done: final.done + final.failed + final.unknown, total: final.total, label: request.label ?? '' });
    return { job: final, stopped, stalled, db, runner, close };
  } catch (error) {
    close();
    throw error;
  } finally {
    if (stallTimer) clearTimeout(stallTimer);
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

/** "the Relay Desk app (pid 812)" / "another relay command (pid 4411)". */
export function describeRunner(ref: JobRunnerRef | null | undefined): string {
  const pid = ref?.pid ? ` (pid ${ref.pid})` : '';
  if (ref?.role === 'app') return `the Relay Desk app${pid}`;
  if (ref?.role === 'relay') return `another relay command${pid}`;
  return `another Relay Desk process${pid}`;
}

/**
 * One job runs in one process at a time. When another process (the app, another `relay`) runs this job, this
 * command attaches: it says who runs it, shows its progress, and waits until that process lets the job go.
 * Finished there → the same report and exit code here. Let go half-way (that process was killed or quit, or
 * it was still preparing the job) → `claim` is asked again: it resumes the job here, as a re-run would.
 */
export async function attach(
  ctx: CliContext,
  runner: JobRunner,
  job: JobView,
  onChange: (view: JobView) => void,
  claim: () => Promise<JobView>,
): Promise<JobView> {
  let current = job;
  let said = false;
  while (current.runningElsewhere && !ctx.signal.aborted) {
    if (!said)
      ctx.io.stderr.write(
        `This job is already running in ${describeRunner(current.runningElsewhere)}: following it here (Ctrl+C stops watching; the job goes on there).\n`,
      );
    said = true;
    current = await runner.follow(current.id, { onChange, signal: ctx.signal });
    if (ctx.signal.aborted || FINAL_JOB_STATES.includes(current.state) || current.state === 'needs-attention') return current;
    current = await claim();
  }
  return current;
}
