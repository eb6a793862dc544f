import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { spawnCli } from '../fixtures/cli';

// `relay devices` as a script runs it: a real child process against the sandbox over HTTP.

let sandbox: Sandbox;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ clock: 'manual' });
  dataDir = await mkdtemp(join(tmpdir(), 'relay-cli-'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

const credentials = () => ({ RELAY_EMAIL: sandbox.demo.email, RELAY_PASSWORD: sandbox.demo.password });

describe('relay devices', () => {
  it('runs against a server that answers like the real service (JSON under text/html, dates in Europe/Paris)', async () => {
    const reply = await fetch(`${sandbox.baseUrl}getalldevices?token=none`);
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('--json prints one JSON document with every phone and its online state', async () => {
    const run = await spawnCli(['devices', '--server', sandbox.baseUrl, '--data-dir', dataDir, '--json'], credentials()).done;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { devices: { id: number; title: string; online: boolean; queue: unknown }[] };
    expect(doc.devices).toHaveLength(3);
    const seeded = sandbox.seeded!;
    const byId = new Map(doc.devices.map((d) => [d.id, d]));
    expect(byId.get(seeded.healthy)?.online).toBe(true);
    expect(byId.get(seeded.offline)?.online).toBe(false);
    expect(byId.get(seeded.healthy)?.queue).toEqual({ waiting: expect.any(Number), taken: expect.any(Number) });
    // lastseen came in the account's zone (Europe/Paris) and is printed as the instant it means.
    const lastSeen = (doc.devices.find((d) => d.id === seeded.healthy) as unknown as { lastSeen: string }).lastSeen;
    expect(Math.abs(Date.parse(lastSeen) - sandbox.now().getTime())).toBeLessThan(5 * 60_000);
  }, 30_000);

  it('prints a table for people, with a row per phone', async () => {
    const run = await spawnCli(['devices', '--server', sandbox.baseUrl, '--data-dir', dataDir], credentials()).done;
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+PHONE\s+STATE\s+LAST SEEN\s+SIMS\s+QUEUE$/);
    expect(lines).toHaveLength(2 + 3);
    expect(run.stdout).toMatch(/offline/);
  }, 30_000);

  it('a token from the environment works without email and password', async () => {
    const token = (await (
      await fetch(
        `${sandbox.baseUrl}gettoken?email=${encodeURIComponent(sandbox.demo.email)}&pass=${encodeURIComponent(sandbox.demo.password)}`,
      )
    ).json()) as { token: string };
    const run = await spawnCli(['devices', '--server', sandbox.baseUrl, '--data-dir', dataDir, '--json'], { RELAY_TOKEN: token.token })
      .done;
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { devices: unknown[] }).devices).toHaveLength(3);
  }, 30_000);

  it('a wrong password fails with one line on stderr and nothing on stdout', async () => {
    const run = await spawnCli(['devices', '--server', sandbox.baseUrl, '--data-dir', dataDir, '--json'], {
      RELAY_EMAIL: sandbox.demo.email,
      RELAY_PASSWORD: 'not-the-password',
    }).done;
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^relay devices: /);
  }, 30_000);

  it('an unreachable server fails with exit 1 instead of hanging', async () => {
    const run = await spawnCli(['devices', '--server', 'http://127.0.0.1:9/getdata/', '--data-dir', dataDir], {
      RELAY_TOKEN: 'x'.repeat(32),
    }).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^relay devices: /);
  }, 60_000);
});
