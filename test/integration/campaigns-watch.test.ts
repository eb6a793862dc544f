import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignsChange } from '../../shared/ipc';
import { campaignSendKind } from '../../electron/main/campaigns/send-job';
import { createCampaignService, type CampaignService } from '../../electron/main/campaigns/service';
import type { StatusMirror } from '../../electron/main/campaigns/mirror';
import { createCampaignWatch, type CampaignWatch } from '../../electron/main/campaigns/watch';
import { closeDatabase, openAccountDatabase, type Db } from '../../electron/main/db';
import { createGatewayClient, type GatewayClient } from '../../electron/main/gateway';
import { createJobRunner, type JobRunner } from '../../electron/main/jobs';
import { createManualClock, type ManualClock } from '../../electron/main/lib';
import { startSandbox, type Sandbox } from '../../electron/sandbox';

// Live watching against the sandbox (no history mirror: the gateway is read by customerid): the counts move
// and are pushed as the phone works, each round stays within its read budget, and a phone that took messages
// and then went silent is announced once, then no longer shown once it reports again.

let sandbox: Sandbox;
let dir: string;
let client: GatewayClient;
let real: GatewayClient;
let reads = 0;
let db: Db;
let device: number;
let clock: ManualClock;
let runner: JobRunner;
let service: CampaignService;
let watch: CampaignWatch;
const pushed: CampaignsChange[] = [];
const notified: { title: string; body: string }[] = [];

/** Moves the sandbox and the app's clock together. */
async function pass(ms: number, step = 5_000) {
  for (let done = 0; done < ms; done += step) {
    await sandbox.advance(step);
    await clock.advance(step);
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ clock: 'manual', seed: false, accounts: [{ email: 'watch@example.com', password: 'watch-pass' }] });
  dir = mkdtempSync(join(tmpdir(), 'relay-watch-'));
  const token = await createGatewayClient({ baseUrl: sandbox.baseUrl }).getToken('watch@example.com', 'watch-pass');
  real = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
  client = { ...real, getAllSms: (query, options) => ((reads += 1), real.getAllSms(query, options)) };
  device = sandbox.addDevice({
    title: 'Counter phone',
    email: 'watch@example.com',
    pollIntervalSeconds: 10,
    sendDelaySeconds: 20,
    failureRate: 0,
  });
  db = openAccountDatabase({ dataDir: dir, account: { server: sandbox.baseUrl, email: 'watch@example.com', sandbox: false } });
  clock = createManualClock(sandbox.now().getTime());
  runner = createJobRunner({ db });
  runner.register(campaignSendKind({ client: () => client }));
  service = createCampaignService({
    db: () => db,
    jobs: () => runner,
    client: () => client,
    phones: async () => [{ deviceId: device, title: 'Counter phone', online: true, sendDelaySeconds: 20 }],
    filePath: (id) => id,
    country: () => 'BR',
    zone: () => 'America/Sao_Paulo',
    gatewayZone: () => 'UTC',
    now: () => clock.now(),
  });
  watch = createCampaignWatch({
    db: () => db,
    client: () => client,
    service,
    mirror: null,
    changed: (change) => pushed.push(change),
    notify: (n) => notified.push(n),
    stallWords: ({ campaign, phone, minutes }) => ({ title: `Stalled: ${campaign}`, body: `${phone} silent for ${minutes} min` }),
    clock,
    log: () => {},
    intervalMs: 3_600_000,
    maxReadsPerTick: 3,
  });
});
afterAll(async () => {
  watch.dispose();
  await runner.stop();
  closeDatabase(db);
  await client.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('watching a campaign live', () => {
  it('refreshes counts within the read budget, pushes changes, and announces a stall once', async () => {
    const file = join(dir, 'list.csv');
    const rows = Array.from({ length: 120 }, (_, i) => `Cliente ${i},+55 11 9${String(10_000_000 + i)}`);
    writeFileSync(file, ['nome,telefone', ...rows].join('\n'));
    const { campaign, job } = await service.start({
      source: { kind: 'file', fileId: file },
      body: 'Oi {nome}',
      phones: [{ deviceId: device, sim: 0 }],
      sendAt: null,
      quietHours: null,
      dailyCap: null,
      footer: null,
      title: 'Entrega',
      again: false,
    });
    await runner.idle(job.id);
    expect(db.prepare('SELECT state FROM campaign_chunks WHERE campaign_id = ? ORDER BY chunk').pluck().all(campaign.id)).toEqual([
      'sent',
      'sent',
      'sent',
    ]);

    // The phone takes its due messages and starts sending them one by one.
    await pass(60_000);
    reads = 0;
    const first = await watch.tick();
    expect(first.campaigns).toBe(1);
    expect(reads).toBeLessThanOrEqual(3);
    expect(pushed).toContainEqual({ what: 'campaign', id: campaign.id });
    const { counts } = service.detail(campaign.id);
    expect(counts.taken + counts.sent + counts.delivered).toBeGreaterThan(0);
    expect(notified).toEqual([]);

    // It goes silent holding taken messages: after ten minutes the campaign shows the stall, announced once.
    sandbox.setDeviceOnline(device, false);
    await watch.tick();
    await pass(11 * 60_000, 60_000);
    await watch.tick();
    const stalled = service.detail(campaign.id);
    expect(stalled.stall).toMatchObject({ deviceId: device, title: 'Counter phone' });
    expect(notified).toHaveLength(1);
    expect(notified[0]!.title).toBe('Stalled: Entrega');
    expect(notified[0]!.body).toMatch(/^Counter phone silent for 1[0-2] min$/);
    await pass(60_000);
    await watch.tick();
    expect(notified).toHaveLength(1);

    // Back online, it reports again: no stall any more.
    sandbox.setDeviceOnline(device, true);
    await pass(60_000);
    await watch.tick();
    await watch.tick();
    expect(service.detail(campaign.id).stall).toBeNull();
  }, 30_000);

  it('reads from the history mirror when it covers the campaign: no gateway read, and a sync asked for what it lacks', async () => {
    const file = join(dir, 'mirror.csv');
    const rows = Array.from({ length: 80 }, (_, i) => `Cliente ${i},+55 11 9${String(20_000_000 + i)}`);
    writeFileSync(file, ['nome,telefone', ...rows].join('\n'));
    const { campaign, job } = await service.start({
      source: { kind: 'file', fileId: file },
      body: 'Olá {nome}',
      phones: [{ deviceId: device, sim: 0 }],
      sendAt: null,
      quietHours: null,
      dailyCap: null,
      footer: null,
      title: 'Espelho',
      again: false,
    });
    await runner.idle(job.id);
    await pass(30_000);
    const chunks = db
      .prepare('SELECT chunk, customer_id AS customerId FROM campaign_chunks WHERE campaign_id = ? ORDER BY chunk')
      .all(campaign.id) as { chunk: number; customerId: number }[];
    expect(chunks).toHaveLength(2);
    // The mirror holds the first chunk's messages only (the second came after its last sync).
    const mirrored = await real.getAllSms({ customerId: chunks[0]!.customerId });
    let syncs = 0;
    const mirror: StatusMirror = {
      covers: () => true,
      lastSyncAt: () => 0,
      messages: (_db, filter) =>
        mirrored.filter(
          (m) => filter.customerIdRange && m.customerId! >= filter.customerIdRange[0] && m.customerId! <= filter.customerIdRange[1],
        ),
      syncSoon: () => (syncs += 1),
    };
    reads = 0;
    const result = await service.refresh(campaign.id, { mirror });
    expect(reads).toBe(0);
    expect(result.reads).toBe(0);
    expect(result.changed).toBe(true);
    expect(db.prepare('SELECT state FROM campaign_chunks WHERE campaign_id = ? ORDER BY chunk').pluck().all(campaign.id)).toEqual([
      'found',
      'sent',
    ]);
    expect(syncs).toBe(1);
    expect(
      result.summary.counts.new +
        result.summary.counts.queued +
        result.summary.counts.taken +
        result.summary.counts.sent +
        result.summary.counts.delivered,
    ).toBe(50);
  }, 30_000);

  it("counts a newsletter's messages by paketid from the phone's day windows, and pushes the change", async () => {
    const { tagId } = await real.saveTag('Vizinhos');
    for (const phone of ['+5511933330001', '+5511933330002', '+5511933330003']) await real.saveContact({ phone, tagId, name: 'Vizinho' });
    const { paketId } = await real.savePaket({ title: 'Feira', deviceId: device, body: 'Feira no sábado', tagIds: [tagId], sim: 0 });
    const id = Number(
      db
        .prepare(
          'INSERT INTO newsletters (paket_id, title, body, tags, device_id, sim, send_at, recipients, created_at) VALUES (?, ?, ?, ?, ?, 0, NULL, 3, ?)',
        )
        .run(paketId, 'Feira', 'Feira no sábado', '[]', device, clock.now()).lastInsertRowid,
    );
    pushed.length = 0;
    await watch.tick();
    expect(JSON.parse(db.prepare('SELECT counts FROM newsletters WHERE id = ?').pluck().get(id) as string)).toMatchObject({
      new: 0,
      delivered: 0,
      total: 3,
    });
    sandbox.startNewsletter(paketId);
    await pass(3 * 60_000);
    await watch.tick();
    const counts = JSON.parse(db.prepare('SELECT counts FROM newsletters WHERE id = ?').pluck().get(id) as string) as Record<
      string,
      number
    >;
    expect(counts['new']! + counts['queued']! + counts['taken']! + counts['sent']! + counts['delivered']! + counts['failed']!).toBe(3);
    expect(pushed).toContainEqual({ what: 'newsletter', id });
  }, 30_000);
});
