import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeDatabase, openDatabaseFile } from '../electron/main/db';
import { createJobRunner, defineJobKind } from '../electron/main/jobs';

// What "one writer" costs per job: the claim (check for the same work and create, in one IMMEDIATE
// transaction) against a start without a dedupe key; what a second process pays to find the job and attach;
// and one poll of a followed job. Two connections on one file, as the app and a `relay` would have.

const JOBS = Number(process.env.BENCH_LOCK_JOBS ?? 300);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 1000) / 1000;
};

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-lock-'));
  const file = join(dir, 'bench.sqlite');
  const dbA = openDatabaseFile(file);
  const dbB = openDatabaseFile(file);
  // A job that stays running until released: the second process must find it held.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const kind = defineJobKind<{ n: number; hold?: boolean }, { i: number }>({
    kind: 'bench.lock',
    writes: true,
    *plan(input) {
      for (let i = 0; i < input.n; i += 1) yield { key: String(i), payload: { i } };
    },
    async run(_step, ctx) {
      if (ctx.input.hold) await held;
    },
  });
  const a = createJobRunner({ db: dbA, role: 'app' });
  const b = createJobRunner({ db: dbB, role: 'relay' });
  a.register(kind);
  b.register(kind);
  try {
    const plain: number[] = [];
    const claimed: number[] = [];
    for (let i = 0; i < JOBS; i += 1) {
      let t = performance.now();
      const x = await a.start('bench.lock', { n: 1 }, { title: 'plain' });
      plain.push(performance.now() - t);
      t = performance.now();
      const y = await a.start('bench.lock', { n: 1 }, { title: 'claimed', dedupeKey: `k${i}` });
      claimed.push(performance.now() - t);
      await a.idle(x.id);
      await a.idle(y.id);
    }
    const attach: number[] = [];
    const poll: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const job = await a.start('bench.lock', { n: 1, hold: true }, { title: 'held', dedupeKey: `held${i}` });
      const t = performance.now();
      const seen = await b.start('bench.lock', { n: 1, hold: true }, { title: 'held', dedupeKey: `held${i}` });
      attach.push(performance.now() - t);
      if (!seen.runningElsewhere) throw new Error('the second process did not see the job held by the first');
      const t2 = performance.now();
      b.get(job.id);
      poll.push(performance.now() - t2);
      a.cancel(job.id);
    }
    release();
    await a.idle();
    return {
      jobs: JOBS,
      startMs: median(plain),
      claimStartMs: median(claimed),
      claimCostMs: Math.round((median(claimed) - median(plain)) * 1000) / 1000,
      attachMs: median(attach),
      followPollMs: median(poll),
      loadAverage: loadavg()[0]!.toFixed(2),
    };
  } finally {
    await a.stop({ timeoutMs: 1_000 });
    await b.stop({ timeoutMs: 1_000 });
    closeDatabase(dbA);
    closeDatabase(dbB);
    rmSync(dir, { recursive: true, force: true });
  }
}
