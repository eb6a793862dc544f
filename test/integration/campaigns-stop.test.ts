import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optOutsBeforeSending, syncOptOuts } from '../../electron/main/optouts/sync';
import { dueKept, KEEP_LEAD_MS, release, stopCampaign } from '../../electron/main/campaigns/stop';
import type { GatewayClient } from '../../electron/main/gateway';
import { brRows, campaignBench, type CampaignBench } from './campaigns-fixture';

// Stopping campaigns against the sandbox: pause stops what is not yet handed to the gateway (the count on the
// watch page), resume sends the rest once, cancel never sends it; a scheduled campaign kept here has nothing on
// the gateway until it is released shortly before its time, can be paused or cancelled until then, and leaves out
// whoever opted out in the meantime.

let bench: CampaignBench;
let gate: Promise<void> | null = null;
let open: (() => void) | null = null;
/** Chunk requests waiting at the gate (not yet handed to the gateway). */
let waiting = 0;
const hold = () => {
  gate = new Promise((resolve) => (open = resolve));
};
const letGo = () => {
  open?.();
  gate = null;
};

beforeAll(async () => {
  bench = await campaignBench({
    email: 'stop@example.com',
    wrap: (client): GatewayClient => ({
      ...client,
      addManySms: async (items, call) => {
        if (gate) {
          waiting += 1;
          await gate;
          waiting -= 1;
        }
        return client.addManySms(items, call);
      },
    }),
  });
  await syncOptOuts(bench.db, bench.client, bench.clock.now());
});
afterAll(() => bench.close());

const phones = () => [{ deviceId: bench.devices[0]!, sim: 0 as const }];
const onGateway = async () => (await bench.client.getAllSms({ deviceId: bench.devices[0]! })).filter((m) => m.status !== 5).length;
const input = (path: string, sendAt: string | null = null) => ({
  source: { kind: 'file' as const, fileId: path },
  body: 'Oi {nome}',
  phones: phones(),
  sendAt,
  quietHours: null,
  dailyCap: null,
  footer: null,
});
const stop = (id: number, action: 'pause' | 'resume' | 'cancel') =>
  stopCampaign({ db: bench.db, jobs: bench.runner, now: bench.clock.now() }, id, action);
const until = async (what: () => boolean) => {
  for (let i = 0; i < 500 && !what(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('pause, resume and cancel a running campaign', () => {
  it('pause: what is not yet handed over stays here (counted); resume sends the rest once', async () => {
    const before = await onGateway();
    hold();
    const started = await bench.service.start({ ...input(bench.csv('pause.csv', brRows(300, 10_000))), again: false });
    const id = started.campaign.id;
    await until(() => waiting >= 4);
    const paused = stop(id, 'pause');
    expect(paused.state).toBe('paused');
    letGo();
    await bench.runner.idle(started.job.id);
    expect(bench.service.summary(bench.db.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as never)).toMatchObject({
      state: 'paused',
      stop: { stoppable: 100, canResume: true },
    });
    expect((await onGateway()) - before).toBe(200);

    expect(stop(id, 'resume').state).toBe('running');
    await bench.runner.idle(started.job.id);
    expect((await onGateway()) - before).toBe(300);
    expect(() => stop(id, 'cancel')).toThrow(/already with the gateway/);
  });

  it('cancel: the messages still here are never sent', async () => {
    const before = await onGateway();
    hold();
    const started = await bench.service.start({ ...input(bench.csv('cancel.csv', brRows(300, 20_000))), again: false });
    await until(() => waiting >= 4);
    const cancelled = stop(started.campaign.id, 'cancel');
    expect(cancelled.state).toBe('cancelled');
    letGo();
    await bench.runner.idle(started.job.id);
    await bench.pass(60_000);
    expect((await onGateway()) - before).toBe(200);
    expect(bench.service.detail(started.campaign.id).state).toBe('cancelled');
  });
});

describe('a scheduled campaign kept here', () => {
  const tomorrow = () => new Date(bench.clock.now() + 86_400_000).toISOString();

  it('nothing is on the gateway until its time; paused it is not released; a STOP in the meantime is left out', async () => {
    const before = await onGateway();
    const prepared = await bench.service.prepare(input(bench.csv('kept.csv', brRows(3, 30_000)), tomorrow()));
    const firstAt = prepared.ready!.plan.firstAt!;
    const kept = await bench.service.startPrepared(prepared, false, null, { keepUntil: firstAt - KEEP_LEAD_MS });
    expect(kept.job).toBeNull();
    const id = kept.campaign.id;
    expect(kept.campaign).toMatchObject({
      state: 'scheduled',
      startsAt: firstAt,
      stop: { handOver: 'kept-here', stoppable: 3, canPause: true, canCancel: true },
    });
    expect(await onGateway()).toBe(before);

    expect(stop(id, 'pause').state).toBe('paused');
    expect(dueKept(bench.db, firstAt)).toEqual([]);
    expect(stop(id, 'resume').state).toBe('kept');
    expect(dueKept(bench.db, firstAt - KEEP_LEAD_MS - 1)).toEqual([]);
    expect(dueKept(bench.db, firstAt - KEEP_LEAD_MS)).toEqual([id]);

    // The second recipient replies STOP while it waits; the release reads replies first and the job leaves them out.
    bench.sandbox.receiveSms({ deviceId: bench.devices[0]!, from: '+5511900030001', body: 'SAIR' });
    await bench.pass(1_000, 1_000);
    await optOutsBeforeSending(bench.db, bench.client, bench.clock.now());
    const jobId = await release(bench.db, bench.runner, id);
    await bench.runner.idle(jobId);
    const sent = (await bench.client.getAllSms({ deviceId: bench.devices[0]! })).filter((m) => m.status !== 5).map((m) => m.sendTo);
    expect(sent).toContain('+5511900030000');
    expect(sent).not.toContain('+5511900030001');
    expect((await onGateway()) - before).toBe(2);
    expect(bench.service.detail(id)).toMatchObject({ recipients: 2, suppressed: 1 });
  });

  it('cancelled before its time: never sent, and it says so', async () => {
    const before = await onGateway();
    const prepared = await bench.service.prepare(input(bench.csv('kept-cancel.csv', brRows(2, 40_000)), tomorrow()));
    const kept = await bench.service.startPrepared(prepared, false, null, { keepUntil: prepared.ready!.plan.firstAt! - KEEP_LEAD_MS });
    expect(stop(kept.campaign.id, 'cancel').state).toBe('cancelled');
    expect(dueKept(bench.db, Number.MAX_SAFE_INTEGER)).not.toContain(kept.campaign.id);
    expect(bench.service.detail(kept.campaign.id).state).toBe('cancelled');
    expect(() => stop(kept.campaign.id, 'resume')).toThrow(/cancelled/);
    expect(await onGateway()).toBe(before);
  });
});
