import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyRange } from '../../electron/cli/commands/history';
import { closeDatabase, openAccountDatabase } from '../../electron/main/db';
import { createGatewayClient, type GatewayClient } from '../../electron/main/gateway';
import { createJobRunner } from '../../electron/main/jobs';
import { historySyncJobKind, HISTORY_SYNC_KIND } from '../../electron/main/messages';
import type { JobView } from '../../shared/jobs';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { spawnCli, type CliRun } from '../fixtures/cli';

// One writer per account, with real processes on one data folder. Races are made deterministic with the
// test-only barrier (electron/main/lib/test-barrier.ts): every process waits at the critical point — just
// before the check-and-create transaction — until all of them are there, so they all race it at once, every
// trial. Counted at the gateway: nobody twice, everybody once, every message in every export.

let sandbox: Sandbox;
let client: GatewayClient;
let work: string;
let device: number;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'relay-one-writer-'));
  sandbox = await startSandbox({
    clock: 'real',
    persistPath: join(work, 'sandbox-state.json'),
    newsletterAutoStartSeconds: null,
    stopReplyRate: 0,
  });
  device = sandbox.addDevice({ title: 'Race phone' });
  const token = await createGatewayClient({ baseUrl: sandbox.baseUrl }).getToken(sandbox.demo.email, sandbox.demo.password);
  client = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
  sandbox.setLatency(50);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
});

const credentials = () => ({ RELAY_EMAIL: sandbox.demo.email, RELAY_PASSWORD: sandbox.demo.password, TZ: 'America/Sao_Paulo' });

/** N identical commands at once on one data folder, all released together at the barrier. */
async function race(n: number, args: (i: number) => string[], name: string): Promise<CliRun[]> {
  const barrier = join(work, `barrier-${name}`);
  const env = { ...credentials(), RELAY_TEST_BARRIER: `${barrier}:${n}` };
  return Promise.all(Array.from({ length: n }, (_, i) => spawnCli(args(i), env).done));
}

function list(name: string, count: number, base: number): string {
  const path = join(work, name);
  const rows = ['nome,telefone'];
  for (let i = 0; i < count; i++) rows.push(`Cliente ${i},+55 11 9${String(base + i).padStart(8, '0')}`);
  writeFileSync(path, rows.join('\n'));
  return path;
}

/** Messages per recipient the gateway holds for our phone, among the numbers of this trial. */
async function perRecipient(base: number, count: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const m of await client.getAllSms({ deviceId: device })) {
    const n = Number(m.sendTo.slice(-8));
    if (n >= base && n < base + count) counts.set(m.sendTo, (counts.get(m.sendTo) ?? 0) + 1);
  }
  return counts;
}

describe('two or four processes, one account', () => {
  it.each([2, 4])(
    '%i identical relay campaign: everybody once, every run ends with the same report',
    async (n) => {
      const base = 10_000_000 * n;
      const path = list(`campaign-${n}.csv`, 320, base);
      const dataDir = join(work, `data-campaign-${n}`);
      const runs = await race(
        n,
        () => [
          'campaign',
          '--server',
          sandbox.baseUrl,
          '--data-dir',
          dataDir,
          '--file',
          path,
          '--body',
          'Oi {nome}',
          '--device',
          String(device),
          '--json',
        ],
        `campaign-${n}`,
      );
      for (const run of runs) expect(run.code, `exit ${run.code} ${run.signal}: ${run.stderr}`).toBe(0);
      const reports = runs.map((run) => JSON.parse(run.stdout) as { campaignId: number; state: string; queuedRecipients: number });
      // One campaign between them: the others attached to it and print the same result.
      expect(new Set(reports.map((r) => r.campaignId)).size).toBe(1);
      for (const report of reports) expect(report).toMatchObject({ state: 'done', queuedRecipients: 320 });
      expect(runs.filter((run) => /following it/.test(run.stderr)).length, runs.map((r) => r.stderr).join('\n---\n')).toBe(n - 1);
      const counts = await perRecipient(base, 320);
      expect(counts.size).toBe(320);
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
    },
    120_000,
  );

  it('two identical relay import into one tag: each contact saved once, one tag', async () => {
    const path = list('import.csv', 320, 50_000_000);
    const dataDir = join(work, 'data-import');
    const runs = await race(
      2,
      () => ['import', path, '--server', sandbox.baseUrl, '--data-dir', dataDir, '--tag', 'Race tag', '--country', 'BR', '--json'],
      'import',
    );
    for (const run of runs) expect(run.code, `exit ${run.code} ${run.signal}: ${run.stderr}`).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the sandbox saves its state debounced
    const state = JSON.parse(readFileSync(join(work, 'sandbox-state.json'), 'utf8')) as {
      contacts: { tagId: number; phone: string }[];
      tags: { id: number; title: string }[];
    };
    const tags = state.tags.filter((t) => t.title === 'Race tag');
    expect(tags).toHaveLength(1);
    const phones = state.contacts.filter((c) => c.tagId === tags[0]!.id).map((c) => c.phone);
    expect(phones).toHaveLength(320);
    expect(new Set(phones).size).toBe(320);
  }, 120_000);

  it('two identical relay newsletter: the gateway creates it once, the other run says why it did not', async () => {
    const dataDir = join(work, 'data-newsletter');
    const path = list('news.csv', 5, 60_000_000);
    const imported = await spawnCli(
      ['import', path, '--server', sandbox.baseUrl, '--data-dir', dataDir, '--tag', 'News tag', '--country', 'BR'],
      credentials(),
    ).done;
    expect(imported.code, imported.stderr).toBe(0);
    const runs = await race(
      2,
      () => [
        'newsletter',
        '--server',
        sandbox.baseUrl,
        '--data-dir',
        dataDir,
        '--tag',
        'News tag',
        '--title',
        'Race news',
        '--body',
        'Promoção hoje',
        '--device',
        String(device),
      ],
      'newsletter',
    );
    expect(runs.map((run) => run.code).sort()).toEqual([0, 1]);
    expect(runs.find((run) => run.code === 1)!.stderr).toMatch(
      /being created right now by another Relay Desk window or relay command|already created/,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const state = JSON.parse(readFileSync(join(work, 'sandbox-state.json'), 'utf8')) as { pakets: { title: string }[] };
    expect(state.pakets.filter((p) => p.title === 'Race news')).toHaveLength(1);
  }, 120_000);

  it('two relay history on one folder: both exports hold every message of the range', async () => {
    const seeded = join(work, 'history');
    sandbox.seedHistory({ count: 20_000, days: 90, end: new Date() });
    sandbox.setLatency(5);
    const dataDir = join(work, 'data-history');
    const runs = await race(
      2,
      (i) => ['history', '--server', sandbox.baseUrl, '--data-dir', dataDir, '--from', '2020-01-01', '--csv', join(seeded + `-${i}.csv`)],
      'history',
    );
    sandbox.setLatency(50);
    for (const run of runs) expect(run.code, `exit ${run.code} ${run.signal}: ${run.stderr}`).toBe(0);
    const total = await client.countSms({ from: new Date('2019-12-31T00:00:00Z'), to: new Date(Date.now() + 86_400_000) });
    expect(total).toBeGreaterThan(20_000);
    for (let i = 0; i < 2; i++) {
      const lines = readFileSync(`${seeded}-${i}.csv`, 'utf8').trim().split(/\r?\n/);
      expect(lines.length - 1).toBe(total);
    }
  }, 120_000);
});

describe('a history sync killed at any moment', () => {
  it('finishes on the next run (its reads are redone, never "unknown")', async () => {
    const dataDir = join(work, 'data-history-kill');
    const out = join(work, 'killed.csv');
    sandbox.setLatency(40);
    const args = ['history', '--server', sandbox.baseUrl, '--data-dir', dataDir, '--from', '2020-01-01', '--csv', out];
    const first = spawnCli(args, credentials());
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    first.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    sandbox.setLatency(0);
    const second = await spawnCli(args, credentials()).done;
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/may or may not/);
    const total = await client.countSms({ from: new Date('2019-12-31T00:00:00Z'), to: new Date(Date.now() + 86_400_000) });
    expect(readFileSync(out, 'utf8').trim().split(/\r?\n/).length - 1).toBe(total);
    sandbox.setLatency(50);
  }, 120_000);
});

describe('the app and relay on one data folder', () => {
  it('relay attaches to the sync the app runs (saying so), and the app sees relay-run jobs move', async () => {
    const dataDir = join(work, 'data-app-and-relay');
    const out = join(work, 'app-and-relay.csv');
    // The app's side, as its account scope builds it: the account's database and a runner that says "app".
    const db = openAccountDatabase({ dataDir, account: { server: sandbox.baseUrl, email: sandbox.demo.email, sandbox: false } });
    const seen: JobView[] = [];
    const app = createJobRunner({ db, role: 'app', onChange: (view) => seen.push(view), foreignPollMs: 100 });
    app.register(historySyncJobKind({ client: () => client }));
    try {
      sandbox.setLatency(60);
      // The same range and key `relay history --from <a year ago>` computes in São Paulo.
      const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
      const range = historyRange(from, undefined, 'America/Sao_Paulo', Date.now());
      const job = await app.start(
        HISTORY_SYNC_KIND,
        { fromMs: range.fromMs, toMs: Math.min(range.toMs, Date.now() + 1_000) },
        { title: 'app sync', dedupeKey: `history:${range.fromMs}-${range.toMs}` },
      );
      const run = await spawnCli(
        ['history', '--server', sandbox.baseUrl, '--data-dir', dataDir, '--from', from, '--csv', out],
        credentials(),
      ).done;
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/already running in the Relay Desk app \(pid \d+\): following it/);
      await app.idle(job.id);
      expect(app.get(job.id)).toMatchObject({ state: 'done', failed: 0, unknown: 0 });
      const total = await client.countSms({ from: new Date(range.fromMs), to: new Date(Date.now() + 86_400_000) });
      expect(readFileSync(out, 'utf8').trim().split(/\r?\n/).length - 1).toBe(total);

      // Now relay runs one (a campaign-sized import would do the same): the app's runner shows it moving.
      sandbox.setLatency(80);
      const other = spawnCli(
        ['history', '--server', sandbox.baseUrl, '--data-dir', dataDir, '--from', '2024-06-01', '--to', '2025-06-30', '--json'],
        credentials(),
      );
      const relayRun = await other.done;
      expect(relayRun.code, relayRun.stderr).toBe(0);
      expect(seen.some((view) => view.runningElsewhere?.role === 'relay')).toBe(true);
    } finally {
      sandbox.setLatency(50);
      await app.stop({ timeoutMs: 1_000 });
      closeDatabase(db);
    }
  }, 120_000);
});
