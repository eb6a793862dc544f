import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabaseFile, openMemoryDatabase } from '../../../electron/main/db';
import type { Db } from '../../../electron/main/db';
import { createManualClock } from '../../../electron/main/lib/clock';
import { createJobRunner } from '../../../electron/main/jobs';
import { createFakeKind, keys, runnerWithEvents, until } from '../../fixtures/jobs/fake-kind';

const dbs: Db[] = [];
const dirs: string[] = [];
function memory(): Db {
  const db = openMemoryDatabase();
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const stepStates = (db: Db, id: number): Record<string, string> =>
  Object.fromEntries(
    (db.prepare('SELECT key, state FROM job_steps WHERE job_id = ? ORDER BY seq').all(id) as { key: string; state: string }[]).map((r) => [
      r.key,
      r.state,
    ]),
  );

describe('a job from start to finish', () => {
  it('journals each step as intent before its request leaves, then done, and ends with the kind summary', async () => {
    const db = memory();
    const fake = createFakeKind({ auto: () => 'ok' });
    const { runner, events } = runnerWithEvents(db, { clock: createManualClock(1_000) });
    runner.register(fake.kind);
    const started = await runner.start('test.fake', { keys: keys(20) }, { title: 'Send 20' });
    await runner.idle(started.id);

    expect(fake.calls).toHaveLength(20);
    expect(new Set(fake.calls.map((c) => c.journalState))).toEqual(new Set(['intent']));
    const job = runner.get(started.id)!;
    expect(job).toMatchObject({ state: 'done', total: 20, done: 20, failed: 0, unknown: 0, writes: true, error: null });
    expect(job.summary).toEqual({ finishedAs: 'done', sent: 20, refused: 0 });
    const states = events.filter((e) => e.id === started.id).map((e) => e.state);
    expect(states[0]).toBe('queued');
    expect(states).toContain('running');
    expect(states.at(-1)).toBe('done');
    expect(db.prepare('SELECT lock_owner FROM jobs WHERE id = ?').pluck().get(started.id)).toBeNull();
  });

  it('never has more than the concurrency in flight', async () => {
    const db = memory();
    const fake = createFakeKind({ concurrency: 3 });
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(10) }, { title: 't' });
    for (let round = 0; round < 4; round += 1) {
      await until(() => fake.open.length === Math.min(3, 10 - fake.calls.length + fake.open.length), 'a full batch');
      expect(fake.open.length).toBeLessThanOrEqual(3);
      fake.answerAll();
    }
    await runner.idle(job.id);
    expect(runner.get(job.id)!.done).toBe(10);
  });

  it('a refused step is failed with its message and the job goes on; all refused → the job failed', async () => {
    const db = memory();
    const fake = createFakeKind({ auto: (key) => (key === 'k1' ? { fail: 'gateway-refused' } : 'ok') });
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(3) }, { title: 't' });
    await runner.idle(job.id);
    expect(runner.get(job.id)).toMatchObject({ state: 'done', done: 2, failed: 1 });
    expect(runner.steps(job.id, { state: 'failed' })).toEqual([
      { seq: 1, key: 'k1', state: 'failed', error: 'fake gateway-refused for k1', payload: { key: 'k1' } },
    ]);

    const refused = createFakeKind({ kind: 'test.refused', auto: () => ({ fail: 'validation' }) });
    runner.register(refused.kind);
    const bad = await runner.start('test.refused', { keys: keys(2) }, { title: 't' });
    await runner.idle(bad.id);
    expect(runner.get(bad.id)).toMatchObject({ state: 'failed', failed: 2, error: 'fake validation for k0' });
  });

  it('an empty plan is done at once; a plan that throws or repeats a key ends failed with a clear message', async () => {
    const db = memory();
    const fake = createFakeKind({ auto: () => 'ok' });
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const empty = await runner.start('test.fake', { keys: [] }, { title: 't' });
    await runner.idle(empty.id);
    expect(runner.get(empty.id)!.state).toBe('done');
    const twice = await runner.start('test.fake', { keys: ['a', 'b', 'a'] }, { title: 't' });
    expect(twice).toMatchObject({ state: 'failed', error: 'The job could not be prepared: two of its steps have the same key.' });
    runner.register({
      kind: 'test.broken',
      writes: false,
      plan: () => {
        throw new Error('file is gone');
      },
      run: async () => {},
    });
    const broken = await runner.start('test.broken', {}, { title: 't' });
    expect(broken).toMatchObject({ state: 'failed', error: 'The job could not be prepared: file is gone' });
    expect(fake.calls).toHaveLength(0);
  });

  it('plans a large job in batched transactions', async () => {
    const db = memory();
    const fake = createFakeKind();
    const runner = createJobRunner({ db, clock: createManualClock(0), concurrency: 1 });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(25_000) }, { title: 'big' });
    expect(job.total).toBe(25_000);
    expect(db.prepare('SELECT COUNT(*) FROM job_steps WHERE job_id = ?').pluck().get(job.id)).toBe(25_000);
    runner.cancel(job.id);
    fake.answerAll();
    await runner.idle(job.id);
  });

  it('starting the same work again (same dedupe key) resumes the unfinished job instead of a second one', async () => {
    const db = memory();
    const fake = createFakeKind();
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const first = await runner.start('test.fake', { keys: keys(3) }, { title: 't', dedupeKey: 'file-abc' });
    await until(() => fake.open.length === 3);
    runner.pause(first.id);
    fake.answerAll();
    await runner.idle(first.id);
    const again = await runner.start('test.fake', { keys: keys(3) }, { title: 't', dedupeKey: 'file-abc' });
    expect(again.id).toBe(first.id);
    await runner.idle(first.id);
    expect(runner.get(first.id)!.state).toBe('done');
    expect(fake.calls).toHaveLength(3);
  });
});

describe('unknown outcomes', () => {
  it('are never sent again by themselves: the job ends needing attention, listing the rows', async () => {
    const db = memory();
    const fake = createFakeKind({ auto: (key, attempt) => (key === 'k2' && attempt === 1 ? { fail: 'unknown-outcome' } : 'ok') });
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(5) }, { title: 't' });
    await runner.idle(job.id);
    expect(fake.sent.get('k2')).toBe(1);
    expect(runner.get(job.id)).toMatchObject({ state: 'needs-attention', done: 4, unknown: 1 });
    expect(runner.get(job.id)!.error).toMatch(/^1 step may or may not have been applied/);
    expect(runner.steps(job.id, { state: 'unknown' }).map((s) => s.key)).toEqual(['k2']);
    expect(runner.get(job.id)!.summary).toEqual({ finishedAs: 'needs-attention', sent: 4, refused: 0 });

    // Resuming without a decision does not send it either.
    runner.resume(job.id);
    await runner.idle(job.id);
    expect(fake.sent.get('k2')).toBe(1);
    expect(runner.get(job.id)!.state).toBe('needs-attention');

    // The user decides to send it again: recorded, sent once more, done.
    runner.retryUnknown(job.id);
    await runner.idle(job.id);
    expect(fake.sent.get('k2')).toBe(2);
    expect(runner.get(job.id)).toMatchObject({ state: 'done', done: 5, unknown: 0 });
    expect(db.prepare('SELECT decision, steps FROM job_decisions WHERE job_id = ? ORDER BY id').all(job.id)).toEqual([
      { decision: 'resume', steps: 0 },
      { decision: 'retry-unknown', steps: 1 },
    ]);
  });

  it('in a write kind, an unexpected error or an unreadable reply may have left: unknown, not failed', async () => {
    const db = memory();
    const fake = createFakeKind({ auto: (key) => (key === 'k0' ? new TypeError('boom') : key === 'k1' ? { fail: 'bad-reply' } : 'ok') });
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(3) }, { title: 't' });
    await runner.idle(job.id);
    expect(stepStates(db, job.id)).toEqual({ k0: 'unknown', k1: 'unknown', k2: 'done' });
  });

  it('dismissing them records the decision and lets the job finish without sending them', async () => {
    const db = memory();
    const fake = createFakeKind({ auto: (key) => (key === 'k0' ? { fail: 'unknown-outcome' } : 'ok') });
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(2) }, { title: 't' });
    await runner.idle(job.id);
    runner.dismissUnknown(job.id);
    await runner.idle(job.id);
    expect(runner.get(job.id)).toMatchObject({ state: 'done', done: 1, failed: 1, unknown: 0 });
    expect(fake.sent.get('k0')).toBe(1);
    expect(db.prepare(`SELECT steps FROM job_decisions WHERE job_id = ? AND decision = 'dismiss-unknown'`).pluck().get(job.id)).toBe(1);
  });

  it('a kind that can read back settles them: found → done, surely not sent → sent again once', async () => {
    const db = memory();
    const fake = createFakeKind({
      auto: (key, attempt) => (attempt === 1 && (key === 'k0' || key === 'k1') ? { fail: 'unknown-outcome' } : 'ok'),
      settle: (key) => (key === 'k0' ? { outcome: 'done', result: { readBack: true } } : { outcome: 'not-sent' }),
    });
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(3) }, { title: 't' });
    await runner.idle(job.id);
    expect(runner.get(job.id)).toMatchObject({ state: 'done', done: 3, unknown: 0 });
    expect(Object.fromEntries(fake.sent)).toEqual({ k0: 1, k1: 2, k2: 1 });
    expect(db.prepare(`SELECT result FROM job_steps WHERE job_id = ? AND key = 'k0'`).pluck().get(job.id)).toBe('{"readBack":true}');
  });
});

describe('pause, resume, cancel', () => {
  it('pause: steps in flight finish and are journaled, no new one starts; resume carries on', async () => {
    const db = memory();
    const fake = createFakeKind({ concurrency: 2 });
    const { runner, events } = runnerWithEvents(db, { clock: createManualClock(0) });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(6) }, { title: 't' });
    await until(() => fake.open.length === 2);
    expect(runner.pause(job.id).state).toBe('paused');
    fake.answerAll();
    await runner.idle(job.id);
    expect(fake.calls).toHaveLength(2);
    expect(runner.get(job.id)).toMatchObject({ state: 'paused', done: 2 });
    expect(db.prepare('SELECT lock_owner FROM jobs WHERE id = ?').pluck().get(job.id)).toBeNull();
    expect(events.at(-1)?.state).toBe('paused');

    runner.resume(job.id);
    for (let i = 0; i < 2; i += 1) {
      await until(() => fake.open.length === 2);
      fake.answerAll();
    }
    await runner.idle(job.id);
    expect(runner.get(job.id)).toMatchObject({ state: 'done', done: 6 });
    expect(fake.calls.map((c) => c.key).sort()).toEqual(keys(6).sort());
  });

  it('cancel: steps in flight finish and are journaled; the rest never leaves; finish hook runs', async () => {
    const db = memory();
    const fake = createFakeKind({ concurrency: 2 });
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(6) }, { title: 't' });
    await until(() => fake.open.length === 2);
    runner.cancel(job.id);
    fake.answerAll();
    await runner.idle(job.id);
    expect(fake.calls).toHaveLength(2);
    expect(runner.get(job.id)).toMatchObject({ state: 'cancelled', done: 2, summary: { finishedAs: 'cancelled', sent: 2, refused: 0 } });
    expect(() => runner.resume(job.id)).toThrow(/already finished/);
  });
});

describe('holds: signed out, gateway unreachable', () => {
  it('a held job takes no new step, shows why, and carries on after release', async () => {
    const db = memory();
    const fake = createFakeKind({ concurrency: 1 });
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(3) }, { title: 't' });
    await until(() => fake.open.length === 1);
    runner.hold('signed-out');
    expect(runner.get(job.id)).toMatchObject({ state: 'running', blockedBy: 'signed-out' });
    fake.answerAll();
    await until(() => runner.get(job.id)!.done === 1);
    for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
    expect(fake.calls).toHaveLength(1);
    runner.release('signed-out');
    expect(runner.get(job.id)!.blockedBy).toBeNull();
    for (let i = 0; i < 2; i += 1) {
      await until(() => fake.open.length === 1);
      fake.answerAll();
    }
    await runner.idle(job.id);
    expect(runner.get(job.id)).toMatchObject({ state: 'done', done: 3 });
  });

  it('a step refused for the session goes back to pending and holds every job until sign-in', async () => {
    const db = memory();
    let signedIn = false;
    const fake = createFakeKind({ concurrency: 1, auto: () => (signedIn ? 'ok' : { fail: 'invalid-token' }) });
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(2) }, { title: 't' });
    await until(() => runner.get(job.id)!.blockedBy === 'signed-out');
    expect(stepStates(db, job.id)).toEqual({ k0: 'pending', k1: 'pending' });
    signedIn = true;
    runner.release('signed-out');
    await runner.idle(job.id);
    expect(runner.get(job.id)).toMatchObject({ state: 'done', done: 2 });
    expect(fake.sent.get('k0')).toBe(2);
  });

  it('a network error before the request left puts the step back and waits with growing backoff, then sends it', async () => {
    const db = memory();
    const clock = createManualClock(0);
    const fake = createFakeKind({ concurrency: 1, auto: (_key, attempt) => (attempt <= 2 ? { fail: 'network' } : 'ok') });
    const runner = createJobRunner({ db, clock });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: ['k0'] }, { title: 't' });
    await until(() => runner.get(job.id)!.blockedBy === 'gateway-unreachable');
    expect(stepStates(db, job.id)).toEqual({ k0: 'pending' });
    await clock.advance(999);
    expect(fake.calls).toHaveLength(1);
    await clock.advance(1); // first backoff: 1 s
    await until(() => fake.sent.get('k0') === 2 && runner.get(job.id)!.blockedBy === 'gateway-unreachable');
    await clock.advance(1_000);
    for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
    expect(fake.sent.get('k0')).toBe(2); // the second backoff is longer
    await clock.advance(1_000);
    await runner.idle(job.id);
    expect(runner.get(job.id)).toMatchObject({ state: 'done', done: 1, unknown: 0, blockedBy: null });
    expect(fake.sent.get('k0')).toBe(3);
  });

  it('release("gateway-unreachable") cuts a backoff short', async () => {
    const db = memory();
    const fake = createFakeKind({ concurrency: 1, auto: (_key, attempt) => (attempt === 1 ? { fail: 'timeout' } : 'ok') });
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: ['k0'] }, { title: 't' });
    await until(() => runner.get(job.id)!.blockedBy === 'gateway-unreachable');
    runner.release('gateway-unreachable');
    await runner.idle(job.id);
    expect(runner.get(job.id)).toMatchObject({ state: 'done', done: 1 });
  });
});

describe('progress events', () => {
  it('at most one per interval while steps finish, always on state changes, with rate and ETA', async () => {
    const db = memory();
    const clock = createManualClock(0);
    const fake = createFakeKind({ concurrency: 10 });
    const { runner, events } = runnerWithEvents(db, { clock, progressIntervalMs: 250 });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(100) }, { title: 't' });
    await until(() => fake.open.length === 10);
    const before = events.length;
    fake.answerAll(); // 10 steps finish at the same instant
    await until(() => fake.open.length === 10 && runner.get(job.id)!.done === 10);
    expect(events.length - before).toBeLessThanOrEqual(1);
    await clock.advance(250); // the trailing event
    expect(events.at(-1)!.done).toBe(10);

    for (let second = 1; second <= 3; second += 1) {
      await clock.advance(1_000);
      fake.answerAll();
      await until(() => runner.get(job.id)!.done === 10 + 10 * second);
    }
    const view = runner.get(job.id)!;
    expect(view.ratePerSecond).toBeGreaterThan(5);
    expect(view.ratePerSecond).toBeLessThan(15);
    expect(view.etaSeconds).toBeGreaterThan(3);
    expect(view.etaSeconds).toBeLessThan(14);
    runner.pause(job.id);
    expect(events.at(-1)!.state).toBe('paused'); // not throttled
    fake.answerAll();
    await runner.idle(job.id);
  });
});

describe('graceful stop', () => {
  it('lets requests in flight answer and journals them: nothing unknown, no new step, the job interrupted', async () => {
    const db = memory();
    const clock = createManualClock(0);
    const fake = createFakeKind({ concurrency: 3 });
    const runner = createJobRunner({ db, clock });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(10) }, { title: 't' });
    await until(() => fake.open.length === 3);
    const stopping = runner.stop({ timeoutMs: 5_000 });
    await clock.advance(1_000);
    fake.answerAll();
    await stopping;
    expect(fake.calls).toHaveLength(3);
    expect(runner.get(job.id)).toMatchObject({ state: 'interrupted', done: 3, unknown: 0 });
    expect(Object.values(stepStates(db, job.id)).filter((s) => s === 'intent')).toHaveLength(0);
    expect(db.prepare('SELECT lock_owner FROM jobs WHERE id = ?').pluck().get(job.id)).toBeNull();
    await expect(runner.start('test.fake', { keys: ['x'] }, { title: 't' })).rejects.toThrow(/closing/);
  });

  it('past the wait, in-flight writes are aborted and marked unknown (they may have left)', async () => {
    const db = memory();
    const clock = createManualClock(0);
    const fake = createFakeKind({ concurrency: 2 });
    const runner = createJobRunner({ db, clock });
    runner.register(fake.kind);
    const job = await runner.start('test.fake', { keys: keys(4) }, { title: 't' });
    await until(() => fake.open.length === 2);
    fake.open[0]!.answer();
    const stopping = runner.stop({ timeoutMs: 5_000 });
    await until(() => fake.open.length === 1);
    await clock.advance(5_000);
    await stopping;
    expect(fake.calls.map((c) => c.key)).toEqual(['k0', 'k1']);
    expect(fake.calls[1]!.signal.aborted).toBe(true);
    expect(stepStates(db, job.id)).toEqual({ k0: 'done', k1: 'unknown', k2: 'pending', k3: 'pending' });
    expect(runner.get(job.id)).toMatchObject({ state: 'interrupted', done: 1, unknown: 1 });
  });
});

describe('several processes on one file', () => {
  function twoConnections(): [Db, Db] {
    const dir = mkdtempSync(join(tmpdir(), 'relay-jobs-'));
    dirs.push(dir);
    const a = openDatabaseFile(join(dir, 'a.sqlite'));
    const b = openDatabaseFile(join(dir, 'a.sqlite'));
    dbs.push(a, b);
    return [a, b];
  }

  it('a running job cannot be run by another process; once its owner is gone, recover() marks it interrupted', async () => {
    const [dbA, dbB] = twoConnections();
    const clockA = createManualClock(0);
    const clockB = createManualClock(0);
    const fakeA = createFakeKind({ concurrency: 2 });
    const fakeB = createFakeKind({ concurrency: 2, auto: () => 'ok' });
    const a = createJobRunner({ db: dbA, clock: clockA, ownerId: 'A', lockTtlMs: 30_000 });
    const b = createJobRunner({ db: dbB, clock: clockB, ownerId: 'B', lockTtlMs: 30_000 });
    a.register(fakeA.kind);
    b.register(fakeB.kind);
    const job = await a.start('test.fake', { keys: keys(5) }, { title: 't' });
    await until(() => fakeA.open.length === 2);

    expect(() => b.resume(job.id)).toThrow(/running in another/);
    expect(() => b.cancel(job.id)).toThrow(/running in another/);
    expect(b.recover()).toEqual([]);
    // The heartbeat keeps the lock alive past its first expiry.
    await clockA.advance(40_000);
    await clockB.advance(40_000);
    expect(b.recover()).toEqual([]);
    expect(fakeB.calls).toHaveLength(0);

    // A freezes (killed): its lock runs out; B finds the job interrupted, A's in-flight steps unknown.
    await clockB.advance(31_000);
    const recovered = b.recover();
    expect(recovered.map((v) => [v.id, v.state])).toEqual([[job.id, 'interrupted']]);
    expect(b.get(job.id)).toMatchObject({ unknown: 2 });
    b.resume(job.id);
    await b.idle(job.id);
    expect(fakeB.calls.map((c) => c.key).sort()).toEqual(['k2', 'k3', 'k4']);
    expect(b.get(job.id)).toMatchObject({ state: 'needs-attention', done: 3, unknown: 2 });

    // A's late replies still count: what actually happened beats what we had to assume.
    fakeA.answerAll();
    await until(() => b.get(job.id)!.unknown === 0);
    expect(b.get(job.id)!.done).toBe(5);
    await clockA.advance(10_000); // A's heartbeat notices it lost the job and stops there
    await a.idle(job.id);
    expect(dbA.prepare('SELECT COUNT(*) FROM job_steps WHERE job_id = ? AND state = ?').pluck().get(job.id, 'intent')).toBe(0);
  });

  it('after a restart, reads are redone by themselves (never unknown); writes wait until the user resumes them', async () => {
    const [dbA, dbB] = twoConnections();
    const readA = createFakeKind({ kind: 'test.read', writes: false });
    const writeA = createFakeKind({ kind: 'test.write', writes: true });
    const a = createJobRunner({ db: dbA, clock: createManualClock(0), ownerId: 'A' });
    a.register(readA.kind);
    a.register(writeA.kind);
    const read = await a.start('test.read', { keys: keys(3) }, { title: 'sync' });
    const write = await a.start('test.write', { keys: keys(3) }, { title: 'send' });
    await until(() => readA.open.length === 3 && writeA.open.length === 3);
    // "Kill" A: never answers, never renews.

    const readB = createFakeKind({ kind: 'test.read', writes: false, auto: () => 'ok' });
    const writeB = createFakeKind({ kind: 'test.write', writes: true, auto: () => 'ok' });
    const b = createJobRunner({ db: dbB, clock: createManualClock(120_000), ownerId: 'B' });
    b.register(readB.kind);
    b.register(writeB.kind);
    const recovered = b.recover();
    expect(new Set(recovered.map((v) => v.id))).toEqual(new Set([read.id, write.id]));
    await b.idle();
    expect(b.get(write.id)).toMatchObject({ state: 'interrupted', unknown: 3 });
    expect(b.get(write.id)!.error).toMatch(/Resume it to carry on/);
    expect(writeB.calls).toHaveLength(0);
    // Every read step was caught in flight: a read is never "unknown", it is simply read again.
    expect(b.get(read.id)).toMatchObject({ state: 'done', done: 3, unknown: 0, failed: 0 });
    expect(readB.calls.map((c) => c.key).sort()).toEqual(readA.calls.map((c) => c.key).sort());
  });
});
