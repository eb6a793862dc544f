import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRetryable } from '../../electron/main/campaigns/failures';
import { GatewayError } from '../../electron/main/gateway';
import { brRows, campaignBench, type CampaignBench } from './campaigns-fixture';

// service.resend against the sandbox: the retryable failures go again as a new, explicit campaign (optionally on
// another phone), recorded as such; recipients a read-back did not find go again with new customerids. And the
// report: the original rows' cells + customerid + sms_id + final status, formula cells written as text.

describe('sending the retryable failures again', () => {
  let bench: CampaignBench;
  beforeAll(async () => {
    bench = await campaignBench({ email: 'resend@example.com', devices: 2 });
  });
  afterAll(() => bench.close());

  it('sends only the retryable failures, on the phone chosen, as a new campaign linked to the first; then the report', async () => {
    const { sandbox, service, runner, devices, client } = bench;
    const failing = sandbox.addDevice({
      title: 'Failing',
      email: 'resend@example.com',
      pollIntervalSeconds: 10,
      sendDelaySeconds: 2,
      failureRate: 1,
    });
    bench.phones.push({ deviceId: failing, title: 'Failing', online: true, sendDelaySeconds: 2 });
    const rows = brRows(20, 40_000_000);
    rows[0] = '=cmd()|calc,+55 11 940000000';
    const file = bench.csv('failing.csv', rows);
    const { campaign, job } = await service.start({
      source: { kind: 'file', fileId: file },
      body: 'Oi {nome}',
      phones: [{ deviceId: failing, sim: 0 }],
      sendAt: null,
      quietHours: null,
      dailyCap: null,
      footer: null,
      title: 'Falhas',
      again: false,
    });
    await runner.idle(job.id);
    await bench.pass(3 * 60_000);
    await service.refresh(campaign.id);
    const detail = service.detail(campaign.id);
    expect(detail.counts.failed).toBe(20);
    const retryable = (await client.getAllSms({ deviceId: failing }))
      .filter((m) => isRetryable(m.status))
      .map((m) => m.sendTo)
      .sort();
    expect(retryable.length).toBeGreaterThan(0);
    expect(detail.retryableFailures).toBe(retryable.length);

    const again = await service.resend(campaign.id, 'failures', [{ deviceId: devices[1]!, sim: 0 }]);
    await runner.idle(again.job.id);
    expect(again.campaign.resendOf).toEqual({ campaignId: campaign.id, reason: 'failures' });
    expect(again.campaign.recipients).toBe(retryable.length);
    const resent = await client.getAllSms({ deviceId: devices[1]! });
    expect(resent.map((m) => m.sendTo).sort()).toEqual(retryable);
    expect(new Set(resent.map((m) => m.customerId))).not.toContain(campaign.customerIds.first);

    // The report: the file's own cells, then customerid, sms_id and the final status; the formula comes out as text.
    const path = join(bench.dir, 'report.csv');
    expect(await service.exportReport(campaign.id, path)).toBe(20);
    const lines = readFileSync(path, 'utf8')
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('nome,telefone,customerid,sms_id,status');
    const first = (await client.getAllSms({ phone: '5511940000000' })).find((m) => m.customerId === campaign.customerIds.first)!;
    expect(lines[1]).toBe(`'=cmd()|calc,+55 11 940000000,${campaign.customerIds.first},${first.id},${first.status}`);
    expect(lines).toHaveLength(21);
  }, 30_000);
});

describe('sending the missing recipients again', () => {
  let bench: CampaignBench;
  let lose = true;
  beforeAll(async () => {
    // The first chunk's request is lost before it reaches the gateway, but the app cannot know that.
    bench = await campaignBench({
      email: 'missing@example.com',
      devices: 2,
      graceMs: 0,
      wrap: (client) => ({
        ...client,
        addManySms: async (items, options) => {
          if (lose) {
            lose = false;
            throw new GatewayError('unknown-outcome', 'The reply was lost.', { endpoint: 'addalotofsms' });
          }
          return client.addManySms(items, options);
        },
      }),
    });
  });
  afterAll(() => bench.close());

  it('a chunk none of whose messages are found needs attention; sending them is a new campaign with new customerids', async () => {
    const { service, runner, devices, client } = bench;
    const file = bench.csv('lost.csv', brRows(60, 50_000_000));
    const { campaign, job } = await service.start({
      source: { kind: 'file', fileId: file },
      body: 'Olá {nome}',
      phones: [{ deviceId: devices[0]!, sim: 0 }],
      sendAt: null,
      quietHours: null,
      dailyCap: null,
      footer: null,
      title: 'Perdidos',
      again: false,
    });
    await runner.idle(job.id);
    const detail = service.detail(campaign.id);
    expect(detail.state).toBe('needs-attention');
    const lostChunk = detail.attention.find((a) => a.reason === 'none-found')!;
    expect(lostChunk).toBeDefined();
    expect(detail.missing).toBe(lostChunk.missing);
    expect(await client.getAllSms({ customerId: lostChunk.customerId })).toEqual([]);

    const again = await service.resend(campaign.id, 'missing', [{ deviceId: devices[1]!, sim: 0 }]);
    await runner.idle(again.job.id);
    expect(again.campaign.resendOf).toEqual({ campaignId: campaign.id, reason: 'missing' });
    expect(again.campaign.recipients).toBe(lostChunk.missing);
    expect(again.campaign.customerIds.first).not.toBe(lostChunk.customerId);
    const resent = await client.getAllSms({ deviceId: devices[1]! });
    expect(resent).toHaveLength(lostChunk.missing);
    for (const m of resent) expect(m.customerId).toBe(again.campaign.customerIds.first);
    // Every recipient is on the gateway exactly once now.
    const all = await client.getAllSms({});
    expect(new Set(all.map((m) => m.sendTo)).size).toBe(60);
    expect(all).toHaveLength(60);
    // The decision settled the original's unknown chunk: nothing there will be sent from it.
    expect(runner.get(job.id)!.unknown).toBe(0);
  }, 30_000);
});
