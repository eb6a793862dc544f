import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSendKind } from '../../electron/main/campaigns/send-job';
import { createCampaignService, type CampaignService } from '../../electron/main/campaigns/service';
import { phonesFromGateway } from '../../electron/main/campaigns/phones';
import { closeDatabase, openAccountDatabase, type Db } from '../../electron/main/db';
import { createGatewayClient, type GatewayClient } from '../../electron/main/gateway';
import { createJobRunner, type JobRunner } from '../../electron/main/jobs';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { spawnCli } from '../fixtures/cli';

// Personalised bulk sends against the sandbox over HTTP, with replies dropped after the gateway committed the
// write: every recipient is on the gateway exactly once (counted on the sandbox's side), nothing is lost, a
// killed campaign resumes without doubling anyone, and a mistaken re-run is refused.

let sandbox: Sandbox;
let dir: string;
let client: GatewayClient;
let db: Db;
let runner: JobRunner;
let service: CampaignService;
let device: number;

function csv(name: string, rows: number, offset = 0): string {
  const lines = ['nome;telefone;pedido'];
  for (let i = 0; i < rows; i++)
    lines.push(`Cliente ${i + offset};+55 11 9${String(70000000 + i + offset).padStart(8, '0')};P${i + offset}`);
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

/** Messages per number on the sandbox for this device (what actually reached the gateway). */
async function perRecipient(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const m of await client.getAllSms({ deviceId: device })) counts.set(m.sendTo, (counts.get(m.sendTo) ?? 0) + 1);
  return counts;
}

beforeAll(async () => {
  sandbox = await startSandbox({ clock: 'manual', seed: true });
  dir = mkdtempSync(join(tmpdir(), 'relay-campaigns-'));
  const token = await createGatewayClient({ baseUrl: sandbox.baseUrl }).getToken(sandbox.demo.email, sandbox.demo.password);
  client = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
  // A phone of its own, so the seeded history does not mix into the counts.
  device = sandbox.addDevice({ title: 'Campaign phone' });
  db = openAccountDatabase({ dataDir: dir, account: { server: sandbox.baseUrl, email: sandbox.demo.email, sandbox: false } });
  runner = createJobRunner({ db });
  runner.register(campaignSendKind({ client: () => client, graceMs: 300, recheckMs: 50 }));
  service = createCampaignService({
    db: () => db,
    jobs: () => runner,
    client: () => client,
    phones: async () => (await phonesFromGateway(client, sandbox.now().getTime())).map((p) => ({ ...p, online: true })),
    filePath: (id) => id,
    country: () => 'BR',
    zone: () => 'America/Sao_Paulo',
    gatewayZone: () => 'UTC',
  });
});

afterAll(async () => {
  await runner.stop();
  closeDatabase(db);
  await client.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = (path: string, body = 'Olá {nome}, seu pedido {pedido} saiu para entrega') => ({
  source: { kind: 'file' as const, fileId: path },
  body,
  phones: [{ deviceId: device, sim: 0 as const }],
  sendAt: null,
  quietHours: null,
  dailyCap: null,
  footer: null,
});

describe('campaigns against the sandbox', () => {
  it('with every 5th reply dropped after commit: each recipient queued exactly once, none lost, job done', async () => {
    const path = csv('drop.csv', 600);
    sandbox.dropRepliesAfterCommit({ every: 5 });
    const { campaign, job } = await service.start({ ...request(path), again: false });
    await runner.idle(job.id);
    expect(sandbox.faultStats().dropped).toBeGreaterThanOrEqual(2);
    sandbox.dropRepliesAfterCommit(null);

    const final = runner.get(job.id)!;
    expect(final.state).toBe('done');
    expect(final.done).toBe(12);
    const counts = await perRecipient();
    expect(counts.size).toBe(600);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Each message is personalised with its own row.
    const one = (await client.getAllSms({ deviceId: device, phone: '+5511970000007' }))[0]!;
    expect(one.body).toBe('Olá Cliente 7, seu pedido P7 saiu para entrega');
    const detail = service.detail(campaign.id);
    expect(detail.attention).toEqual([]);
    expect(detail.chunks).toMatchObject({ total: 12, pending: 0 });
  }, 60_000);

  it('refuses a mistaken re-run of the same campaign and sends nothing; `again` sends it once more', async () => {
    const path = csv('drop.csv', 600);
    const before = (await client.getAllSms({ deviceId: device })).length;
    const preview = await service.prepare(request(path));
    expect(preview.preview.sameAs).not.toBeNull();
    await expect(service.start({ ...request(path), again: false })).rejects.toMatchObject({ code: 'validation', field: 'again' });
    expect((await client.getAllSms({ deviceId: device })).length).toBe(before);
    // The same file with another body is another campaign.
    const other = await service.prepare(request(path, 'Oi {nome}!'));
    expect(other.preview.sameAs).toBeNull();
  }, 60_000);

  it('an unknown placeholder is an error before anything is sent, with the columns it could mean', async () => {
    const path = csv('typo.csv', 3, 5000);
    const prepared = await service.prepare(request(path, 'Olá {nomee}'));
    expect(prepared.preview.problems).toEqual([{ placeholder: 'nomee', kind: 'no-column', suggestions: ['nome'] }]);
    await expect(service.start({ ...request(path, 'Olá {nomee}'), again: false })).rejects.toMatchObject({ field: 'body' });
  });

  it('leaves suppressed numbers out and says how many', async () => {
    const path = csv('stop.csv', 4, 6000);
    db.prepare("INSERT INTO suppression (phone, source, keyword, added_at) VALUES ('+5511970006001', 'reply', 'stop', 0)").run();
    const prepared = await service.prepare(request(path));
    expect(prepared.preview.recipients).toBe(3);
    expect(prepared.preview.suppressed).toBe(1);
  });
});

describe('relay campaign killed mid-way', () => {
  it('resumes on a re-run: nobody twice, and whoever is not on the gateway is listed as needing attention', async () => {
    const cliDir = mkdtempSync(join(tmpdir(), 'relay-campaign-cli-'));
    const path = csv('kill.csv', 1500, 100_000);
    const env = { RELAY_EMAIL: sandbox.demo.email, RELAY_PASSWORD: sandbox.demo.password, RELAY_RECONCILE_GRACE_MS: '500' };
    const args = [
      'campaign',
      '--server',
      sandbox.baseUrl,
      '--data-dir',
      cliDir,
      '--file',
      path,
      '--body',
      'Oi {nome}',
      '--device',
      String(device),
      '--json',
    ];
    const mine = async () => {
      const counts = await perRecipient();
      return new Map([...counts].filter(([phone]) => Number(phone.slice(-8)) >= 70_100_000 && Number(phone.slice(-8)) < 70_101_500));
    };
    sandbox.setLatency(150);
    const first = spawnCli(args, env);
    // Kill it once some chunks are on the gateway and more are in flight.
    const deadline = Date.now() + 20_000;
    while ((await client.countSms({ deviceId: device })) < 600 + 400 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    first.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    sandbox.setLatency(0);

    const second = await spawnCli(args, env).done;
    const report = JSON.parse(second.stdout) as {
      recipients: number;
      queuedRecipients: number;
      attention: { missing: number }[];
      state: string;
    };
    expect(second.stderr).toMatch(/Resuming campaign/);
    const counts = await mine();
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const missing = report.attention.reduce((n, a) => n + a.missing, 0);
    // Nothing lost: every recipient is on the gateway once, or named as missing for the user to decide.
    expect(counts.size + missing).toBe(1500);
    expect(second.code).toBe(missing === 0 && report.state === 'done' ? 0 : 1);
    rmSync(cliDir, { recursive: true, force: true });
  }, 90_000);
});
