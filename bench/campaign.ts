import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignSendKind } from '../electron/main/campaigns/send-job';
import { createCampaignService } from '../electron/main/campaigns/service';
import { closeDatabase, openAccountDatabase } from '../electron/main/db';
import { createGatewayClient, type GatewayClient } from '../electron/main/gateway';
import { createJobRunner } from '../electron/main/jobs';
import { startSandbox } from '../electron/sandbox';

// 10,000 personalised recipients against the sandbox at 50 ms latency, every 5th write's reply dropped after
// the gateway committed it.
//  requests      gateway requests the campaign made: ≤ 10,000 / 50 sends plus the read-backs of lost replies
//  sends / reads of which addalotofsms / getallsms
//  duplicates    recipients with more than one message on the sandbox (must be 0)
//  lost          recipients with none (must be 0)
//  ms            from start until every chunk is queued or settled by read-back
//  firstSendMs   when the first send left (reading the file, rendering, planning, the registry)
//  sendsDoneMs / readsDoneMs   when the last send / read-back answered (where the time goes)

const RECIPIENTS = 10_000;

export async function run(): Promise<Record<string, unknown>> {
  const sandbox = await startSandbox({ clock: 'manual', seed: false, accounts: [{ email: 'bench@example.com', password: 'bench-pass' }] });
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-campaign-'));
  try {
    const token = await createGatewayClient({ baseUrl: sandbox.baseUrl }).getToken('bench@example.com', 'bench-pass');
    const real = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
    const device = sandbox.addDevice({ title: 'Bench phone', email: 'bench@example.com' });
    let sends = 0;
    let reads = 0;
    // When the last send and the last read-back answered (where the time goes).
    let firstSendAt = 0;
    let lastSendAt = 0;
    let lastReadAt = 0;
    const client: GatewayClient = {
      ...real,
      addManySms: (items, options) => (
        (sends += 1),
        (firstSendAt ||= performance.now()),
        real.addManySms(items, options).finally(() => (lastSendAt = performance.now()))
      ),
      getAllSms: (query, options) => ((reads += 1), real.getAllSms(query, options).finally(() => (lastReadAt = performance.now()))),
    };

    const lines = ['name;phone;order'];
    for (let i = 0; i < RECIPIENTS; i++) lines.push(`Customer ${i};+44 7700 ${String(100_000 + i).padStart(6, '0')};#${i}`);
    const file = join(dir, 'list.csv');
    writeFileSync(file, lines.join('\n'));

    const db = openAccountDatabase({ dataDir: dir, account: { server: sandbox.baseUrl, email: 'bench@example.com', sandbox: false } });
    const runner = createJobRunner({ db });
    runner.register(campaignSendKind({ client: () => client, graceMs: 5_000, recheckMs: 250 }));
    const service = createCampaignService({
      db: () => db,
      jobs: () => runner,
      client: () => client,
      phones: async () => [{ deviceId: device, title: 'Bench phone', online: true, sendDelaySeconds: null }],
      filePath: (id) => id,
      country: () => 'GB',
      zone: () => 'Europe/London',
      gatewayZone: () => 'UTC',
    });

    sandbox.setLatency(50);
    sandbox.dropRepliesAfterCommit({ every: 5 });
    const started = performance.now();
    const { job } = await service.start({
      source: { kind: 'file', fileId: file },
      body: 'Hello {name}, your order {order} is on its way',
      phones: [{ deviceId: device, sim: 0 }],
      sendAt: null,
      quietHours: null,
      dailyCap: null,
      footer: null,
      again: false,
    });
    await runner.idle(job.id);
    const ms = Math.round(performance.now() - started);
    const firstSendMs = Math.round(firstSendAt - started);
    const sendsDoneMs = Math.round(lastSendAt - started);
    const readsDoneMs = Math.round(lastReadAt - started);
    const dropped = sandbox.faultStats().dropped;
    sandbox.dropRepliesAfterCommit(null);
    sandbox.setLatency(0);

    const perPhone = new Map<string, number>();
    for (const m of await real.getAllSms({ deviceId: device })) perPhone.set(m.sendTo, (perPhone.get(m.sendTo) ?? 0) + 1);
    const duplicates = [...perPhone.values()].filter((n) => n > 1).length;
    const lost = RECIPIENTS - perPhone.size;
    const final = runner.get(job.id);
    await runner.stop();
    closeDatabase(db);
    await real.close();
    return {
      recipients: RECIPIENTS,
      requests: sends + reads,
      sends,
      reads,
      droppedReplies: dropped,
      duplicates,
      lost,
      ms,
      firstSendMs,
      sendsDoneMs,
      readsDoneMs,
      jobState: final?.state ?? null,
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
