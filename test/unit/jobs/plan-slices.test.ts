import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabaseFile } from '../../../electron/main/db';
import type { Db } from '../../../electron/main/db';
import { createJobRunner, defineJobKind } from '../../../electron/main/jobs';

// Planning a big job: stored whole and in order, in slices with turns of the event loop between them, and
// the connection left at synchronous = FULL for the journal's intents and outcomes.

let dir: string;
let db: Db;
afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('planning a job', () => {
  it('stores every step in order, lets the event loop turn while it plans, and keeps FULL durability', async () => {
    dir = mkdtempSync(join(tmpdir(), 'relay-plan-'));
    db = openDatabaseFile(join(dir, 'jobs.sqlite'));
    const N = 5_000;
    const kind = defineJobKind<{ n: number }, { i: number }>({
      kind: 'test.plan',
      writes: true,
      *plan({ n }) {
        for (let i = 0; i < n; i += 1) yield { key: `k${i}`, payload: { i } };
      },
      async run() {},
    });
    const runner = createJobRunner({ db });
    runner.register(kind);
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    const view = await runner.start('test.plan', { n: N }, { title: 'plan' });
    clearInterval(ticker);
    runner.pause(view.id);
    await runner.idle(view.id);
    await runner.stop({ timeoutMs: 1_000 });

    const rows = db.prepare('SELECT seq, key FROM job_steps WHERE job_id = ? ORDER BY seq').all(view.id) as { seq: number; key: string }[];
    expect(rows).toHaveLength(N);
    expect(rows.every((r, i) => r.seq === i && r.key === `k${i}`)).toBe(true);
    expect(db.prepare('SELECT total FROM jobs WHERE id = ?').pluck().get(view.id)).toBe(N);
    // At most 500 steps a slice: 5,000 steps take at least 10 slices, with timers running in between.
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });
});
