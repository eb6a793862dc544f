import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabaseFile } from '../../../electron/main/db';
import { createJobRunner } from '../../../electron/main/jobs';
import { createFakeKind, keys, until } from '../../fixtures/jobs/fake-kind';

// A process of this computer killed mid-job (its pid is gone) must not keep the job locked for the lock's
// 30 s: re-running the command resumes at once. A live process's lock is respected.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function lockedBy(ownerId: string) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-locks-'));
  dirs.push(dir);
  const path = join(dir, 'jobs.sqlite');
  const db = openDatabaseFile(path);
  const fake = createFakeKind({});
  const first = createJobRunner({ db, ownerId });
  first.register(fake.kind);
  const job = await first.start(fake.kind.kind, { keys: keys(3) }, { title: 'killed mid-way' });
  await until(() => fake.open.length > 0, 'a request in flight');
  // The "killed" process: never answers, never stops, never releases its lock.
  return { path, job, fake, db };
}

describe('locks of processes that are gone', () => {
  it('recover() lets go of a lock whose process on this computer no longer runs', async () => {
    const { path, job, fake, db } = await lockedBy(`${hostname()}:2147483646:dead`);
    const db2 = openDatabaseFile(path);
    const second = createJobRunner({ db: db2 });
    second.register(fake.kind);
    const recovered = second.recover();
    expect(recovered.map((j) => j.id)).toContain(job.id);
    // Every request that was in flight at the kill may or may not have left: unknown, never resent by itself.
    expect(second.get(job.id)).toMatchObject({ state: 'interrupted', unknown: fake.open.length });
    closeDatabase(db2);
    closeDatabase(db);
  });

  it('keeps the lock of a process that still runs', async () => {
    const { path, job, fake, db } = await lockedBy(`${hostname()}:${process.ppid}:alive`);
    const db2 = openDatabaseFile(path);
    const second = createJobRunner({ db: db2 });
    second.register(fake.kind);
    second.recover();
    expect(second.get(job.id)?.state).toBe('running');
    closeDatabase(db2);
    closeDatabase(db);
  });
});
