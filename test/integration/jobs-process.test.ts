import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabaseFile } from '../../electron/main/db';
import type { Db } from '../../electron/main/db';
import { createJobRunner } from '../../electron/main/jobs';
import { systemClock } from '../../electron/main/lib/clock';
import { httpSendKind } from '../fixtures/jobs/http-kind';

// A real second process runs a write job against a local server that counts requests per step key; the
// test kills it or stops it, then recovers the same database file the way the next start of the app would.

const CHILD = fileURLToPath(new URL('../fixtures/jobs/child-sender.ts', import.meta.url));

interface CountingServer {
  url: string;
  /** Requests received per key. */
  received: Map<string, number>;
  /** Keys whose reply was written. */
  answered: Set<string>;
  /** Keys whose request arrived and has no reply yet. */
  open: () => string[];
  close: () => Promise<void>;
  arrived: (check: () => boolean) => Promise<void>;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function countingServer(options: { delayMs: number; hang?: (key: string, nth: number) => boolean }): Promise<CountingServer> {
  const received = new Map<string, number>();
  const answered = new Set<string>();
  const waiting = new Map<string, ServerResponse>();
  const watchers: (() => void)[] = [];
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '?';
    const nth = (received.get(key) ?? 0) + 1;
    received.set(key, nth);
    waiting.set(key, res);
    for (const watcher of watchers) watcher();
    if (options.hang?.(key, nth)) return; // in flight until the child dies
    setTimeout(() => {
      waiting.delete(key);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: nextId++ }));
      answered.add(key);
    }, options.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const result: CountingServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answered,
    open: () => [...waiting.keys()],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    arrived: (check) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the child never got that far')), 15_000);
        const watcher = (): void => {
          if (!check()) return;
          clearTimeout(timer);
          watchers.splice(watchers.indexOf(watcher), 1);
          resolve();
        };
        watchers.push(watcher);
        watcher();
      }),
  };
  cleanups.push(result.close);
  return result;
}

function startChild(
  dbPath: string,
  server: string,
  keys: number,
): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, JOBS_DB: dbPath, JOBS_SERVER: server, JOBS_KEYS: String(keys) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, exited, stderr: () => stderr };
}

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relay-jobs-int-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'account.sqlite');
}

function open(path: string): Db {
  const db = openDatabaseFile(path);
  cleanups.push(() => db.open && db.close());
  return db;
}

const stepStates = (db: Db): Map<string, string> =>
  new Map(
    (db.prepare('SELECT key, state FROM job_steps ORDER BY seq').all() as { key: string; state: string }[]).map((r) => [r.key, r.state]),
  );

describe('a job in a process that dies or is stopped', () => {
  it('SIGKILL mid-way: after recover() and resume(), every step finishes, none confirmed is sent twice, the one in flight stays unknown', async () => {
    const server = await countingServer({ delayMs: 15, hang: (key) => key === 'k6' });
    const path = tempDb();
    const keys = 16;
    const { child, exited } = startChild(path, server.url, keys);
    // k6 hangs; the other slot keeps going: kill once a few later steps have been answered.
    await server.arrived(() => server.received.has('k6') && server.answered.size >= 9);
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    const inFlightAtKill = new Set(server.open());
    expect(inFlightAtKill.has('k6')).toBe(true);

    const db = open(path);
    const before = stepStates(db);
    const doneBefore = [...before].filter(([, state]) => state === 'done').map(([key]) => key);
    expect(doneBefore.length).toBeGreaterThanOrEqual(8);
    expect(before.get('k6')).toBe('intent');

    // The next start: the dead process's lock has expired (a clock ten minutes on stands for the wait).
    const runner = createJobRunner({ db, clock: { ...systemClock, now: () => Date.now() + 600_000 } });
    runner.register(httpSendKind(server.url));
    const [recovered] = runner.recover();
    expect(recovered).toMatchObject({ state: 'interrupted', writes: true });
    // A write job does not carry on by itself.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runner.get(recovered!.id)!.state).toBe('interrupted');
    const sentBeforeResume = [...server.received.values()].reduce((a, b) => a + b, 0);

    runner.resume(recovered!.id);
    await runner.idle();
    const after = stepStates(db);
    for (const key of doneBefore) expect(server.received.get(key), key).toBe(1);
    expect(after.get('k6')).toBe('unknown');
    expect(server.received.get('k6')).toBe(1);
    for (const [key, state] of after) {
      if (key === 'k6') continue;
      // Every other step is done; a step cut off in flight is unknown and was not sent again.
      if (state === 'unknown') expect(inFlightAtKill.has(key) || server.answered.has(key), key).toBe(true);
      else expect(state, key).toBe('done');
      expect(server.received.get(key), key).toBe(1);
    }
    expect([...server.received.values()].reduce((a, b) => a + b, 0)).toBe(keys);
    expect(sentBeforeResume).toBeLessThan(keys);
    expect(runner.get(recovered!.id)).toMatchObject({ state: 'needs-attention', total: keys });
    await runner.stop({ timeoutMs: 1_000 });
  });

  it('SIGTERM: the child lets requests in flight answer, journals them, exits 0, and leaves nothing unknown', async () => {
    const server = await countingServer({ delayMs: 400 });
    const path = tempDb();
    const keys = 12;
    const { child, exited, stderr } = startChild(path, server.url, keys);
    await server.arrived(() => server.answered.size >= 2 && server.open().length === 2);
    const inFlight = server.open();
    child.kill('SIGTERM');
    const { code } = await exited;
    expect(code, stderr()).toBe(0);
    for (const key of inFlight) expect(server.answered.has(key), key).toBe(true);

    const db = open(path);
    const states = stepStates(db);
    expect([...states.values()].filter((s) => s === 'unknown' || s === 'intent')).toEqual([]);
    for (const key of server.answered) expect(states.get(key), key).toBe('done');
    const job = db.prepare('SELECT id, state, lock_owner FROM jobs').get() as { id: number; state: string; lock_owner: string | null };
    expect(job).toMatchObject({ state: 'interrupted', lock_owner: null });

    // Next run of the same command: no lock to wait for; it carries on and sends each step exactly once.
    const runner = createJobRunner({ db });
    runner.register(httpSendKind(server.url));
    expect(runner.recover()).toEqual([]);
    runner.resume(job.id);
    await runner.idle();
    expect(runner.get(job.id)).toMatchObject({ state: 'done', done: keys, unknown: 0, summary: { sent: keys } });
    expect([...server.received.values()]).toEqual(Array(keys).fill(1));
    await runner.stop({ timeoutMs: 1_000 });
  });
});
