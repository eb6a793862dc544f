import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSendKind } from '../../electron/main/campaigns/send-job';
import { createCampaignService } from '../../electron/main/campaigns/service';
import { sendSingle } from '../../electron/main/sending/singles';
import type { Db } from '../../electron/main/db';
import type { GatewayClient } from '../../electron/main/gateway';
import { createJobRunner } from '../../electron/main/jobs';
import type { Sandbox } from '../../electron/sandbox';
import { sandboxAccount, type SandboxAccount } from './sandbox-account';

// Scheduled sends keep their instant across the wire: the client writes naive times in UTC (its default
// serverTimeZone), the sandbox reads naive request times as UTC as the service does, and replies come back
// in the account's zone (Europe/Paris for the demo). Checked for addsms `timetosend`, the campaign chunks'
// staggered `timetosend` in addalotofsms, and savepaket's `time_to_send` (DD.MM.YYYY H:i:s).

let account: SandboxAccount;
let sandbox: Sandbox;
let dir: string;
let client: GatewayClient;
let db: Db;
let device: number;

beforeAll(async () => {
  account = await sandboxAccount({ folder: 'relay-zones', device: { title: 'Zone phone' }, sandbox: { clock: 'manual' } });
  ({ sandbox, dir, client, device } = account);
  db = account.db();
});
afterAll(() => account.close());

/** A whole minute a few days after the sandbox's now (so it is in the future whatever the day). */
const future = (days: number, hourUtc: number) => {
  const at = new Date(sandbox.now().getTime() + days * 86_400_000);
  at.setUTCHours(hourUtc, 30, 0, 0);
  return at;
};

describe('scheduled times in the gateway zone', () => {
  it('addsms: the timetosend read back is the instant picked, given in the account zone', async () => {
    const at = future(3, 7);
    const [view] = await sendSingle(db, client, {
      to: ['+55 11 98765-4321'],
      body: 'Lembrete',
      deviceId: device,
      sim: 0,
      sendAt: at.toISOString(),
      urgent: false,
      image: null,
      test: false,
      country: 'BR',
    });
    expect(view!.state).toBe('queued');
    const [message] = await client.getAllSms({ customerId: view!.customerId! });
    expect(message!.sendAt).not.toBeNull();
    expect(Date.parse(message!.sendAt!.iso)).toBe(at.getTime());
    expect(message!.sendAt!.zone).toBe('Europe/Paris');
  });

  it("addalotofsms: every recipient's staggered timetosend comes back as planned", async () => {
    const file = join(dir, 'list.csv');
    writeFileSync(file, ['name,phone', 'Ana,+55 11 90000-0001', 'Bia,+55 11 90000-0002', 'Caio,+55 11 90000-0003'].join('\n'));
    const runner = createJobRunner({ db });
    runner.register(campaignSendKind({ client: () => client }));
    const service = createCampaignService({
      db: () => db,
      jobs: () => runner,
      client: () => client,
      phones: async () => [{ deviceId: device, title: 'Zone phone', online: true, sendDelaySeconds: 30 }],
      filePath: (id) => id,
      country: () => 'BR',
      zone: () => 'America/Sao_Paulo',
      gatewayZone: () => 'UTC',
    });
    const at = future(4, 15);
    const { campaign, job } = await service.start({
      source: { kind: 'file', fileId: file },
      body: 'Oi {name}',
      phones: [{ deviceId: device, sim: 0 }],
      sendAt: at.toISOString(),
      quietHours: null,
      dailyCap: null,
      footer: null,
      again: false,
    });
    await runner.idle(job.id);
    await runner.stop();
    const chunk = db.prepare('SELECT customer_id, send_at, spacing_ms FROM campaign_chunks WHERE campaign_id = ?').get(campaign.id) as {
      customer_id: number;
      send_at: number;
      spacing_ms: number;
    };
    expect(chunk.send_at).toBe(at.getTime());
    const found = await client.getAllSms({ customerId: chunk.customer_id });
    const byPhone = new Map(found.map((m) => [m.sendTo, Date.parse(m.sendAt!.iso)]));
    expect(byPhone.get('+5511900000001')).toBe(at.getTime());
    expect(byPhone.get('+5511900000002')).toBe(at.getTime() + chunk.spacing_ms);
    expect(byPhone.get('+5511900000003')).toBe(at.getTime() + 2 * chunk.spacing_ms);
  });

  it('savepaket: a started newsletter goes out at its time_to_send, not hours off', async () => {
    const { tagId } = await client.saveTag('Zona');
    await client.saveContact({ phone: '+5511977770001', tagId, name: 'Dora' });
    const at = future(2, 12);
    const { paketId } = await client.savePaket({
      title: 'Às 12:30 UTC',
      deviceId: device,
      body: 'Promoção',
      tagIds: [tagId],
      sim: 0,
      sendAt: at,
    });
    sandbox.startNewsletter(paketId);
    const ours = async () => (await client.getAllSms({ deviceId: device })).filter((m) => m.newsletter?.id === paketId);
    await sandbox.advance(at.getTime() - sandbox.now().getTime() - 5 * 60_000);
    expect(await ours()).toHaveLength(0);
    await sandbox.advance(10 * 60_000);
    const messages = await ours();
    expect(messages).toHaveLength(1);
    expect(Math.abs(Date.parse(messages[0]!.created.iso) - at.getTime())).toBeLessThanOrEqual(5 * 60_000);
  });
});
