import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabaseFile } from '../electron/main/db';
import { createJobRunner, defineJobKind } from '../electron/main/jobs';
import { threadCpuMs } from '../electron/main/lib/pace';

// The job journal at import scale: planning a million steps (the longest slice that blocks the main thread
// between two batches), then what the renderer path pays on a million-step job: get/list, and one step's
// journal round (intent + outcome, each a durable commit).

const STEPS = Number(process.env.BENCH_JOB_STEPS ?? 1_000_000);

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-jobs-'));
  const db = openDatabaseFile(join(dir, 'bench.sqlite'));
  try {
    // The plan's slices as the generator sees them: the time between two turns of the event loop (an
    // immediate queued at each step notices a new turn), by the clock and by the main thread's CPU time
    // (which load on a shared machine does not stretch).
    let slowestSliceMs = 0;
    let slowestSliceCpuMs = 0;
    const sliceCpu: number[] = [];
    let last = performance.now();
    let lastCpu = threadCpuMs();
    let turn = 0;
    let seenTurn = 0;
    let stepsSent = 0;
    const kind = defineJobKind<{ n: number }, { phone: string }>({
      kind: 'bench.import',
      writes: true,
      concurrency: 8,
      *plan(input) {
        for (let i = 0; i < input.n; i += 1) {
          if (turn !== seenTurn || i === 0) {
            // A new turn of the event loop since the last step: the slice before it has ended.
            const at = performance.now();
            const cpu = threadCpuMs();
            if (i > 0) {
              slowestSliceMs = Math.max(slowestSliceMs, at - last);
              slowestSliceCpuMs = Math.max(slowestSliceCpuMs, cpu - lastCpu);
              sliceCpu.push(cpu - lastCpu);
            }
            last = at;
            lastCpu = cpu;
            seenTurn = turn;
            setImmediate(() => (turn += 1));
          }
          yield { key: `+3519${String(i).padStart(8, '0')}`, payload: { phone: `+3519${String(i).padStart(8, '0')}` } };
        }
      },
      async run() {
        stepsSent += 1;
      },
    });
    const runner = createJobRunner({ db });
    runner.register(kind);
    const planStart = performance.now();
    last = planStart;
    const started = runner.start('bench.import', { n: STEPS }, { title: 'bench' });
    await new Promise((resolve) => setImmediate(resolve));
    const view = await started;
    const planMs = performance.now() - planStart;
    // Let it run a second to measure the journal round per step.
    const runStart = performance.now();
    const sentBefore = stepsSent;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const perStepMs = (performance.now() - runStart) / Math.max(1, stepsSent - sentBefore);
    runner.pause(view.id);
    await runner.idle(view.id);

    const t0 = performance.now();
    for (let i = 0; i < 100; i += 1) runner.get(view.id);
    const getMs = (performance.now() - t0) / 100;
    const t1 = performance.now();
    for (let i = 0; i < 20; i += 1) runner.list();
    const listMs = (performance.now() - t1) / 20;
    const t2 = performance.now();
    runner.steps(view.id, { state: 'pending', limit: 100 });
    const stepsPageMs = performance.now() - t2;
    await runner.stop({ timeoutMs: 1_000 });
    return {
      steps: STEPS,
      planSeconds: Math.round(planMs) / 1000,
      slowestPlanSliceMs: Math.round(slowestSliceMs * 10) / 10,
      slowestPlanSliceCpuMs: Math.round(slowestSliceCpuMs * 10) / 10,
      planSliceCpuP99Ms: Math.round((sliceCpu.sort((a, b) => a - b)[Math.floor(sliceCpu.length * 0.99)] ?? 0) * 10) / 10,
      planSlices: sliceCpu.length,
      journalMsPerStep: Math.round(perStepMs * 1000) / 1000,
      getMs: Math.round(getMs * 1000) / 1000,
      listMs: Math.round(listMs * 1000) / 1000,
      pendingPageMs: Math.round(stepsPageMs * 1000) / 1000,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
