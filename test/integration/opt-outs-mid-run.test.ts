import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optOutsBeforeSending } from '../../electron/main/optouts/sync';
import type { GatewayClient } from '../../electron/main/gateway';
import { brRows, campaignBench, type CampaignBench } from './campaigns-fixture';

// A long campaign hands its batches over for minutes. A customer still waiting for theirs who replies STOP
// meanwhile is read before the next batch leaves (the replies are read again when the last read is over 30 s
// old) and gets nothing; everyone else gets exactly one message. Against the sandbox, with the first batches held
// until the STOP is in and the clocks moved on.

let bench: CampaignBench;
let release: () => void = () => {};
const held = new Promise<void>((resolve) => (release = resolve));
let firstBatch = true;
const LAST = '+5511988880259';

beforeAll(async () => {
  bench = await campaignBench({
    email: 'midrun@example.com',
    wrap: (client): GatewayClient => ({
      ...client,
      addManySms: async (items, call) => {
        if (firstBatch) {
          firstBatch = false;
          bench.sandbox.receiveSms({ deviceId: bench.devices[0]!, from: LAST, body: 'STOP' });
          await bench.pass(31_000, 31_000);
          release();
        }
        await held;
        return client.addManySms(items, call);
      },
    }),
  });
  await optOutsBeforeSending(bench.db, bench.client, bench.clock.now());
});
afterAll(() => bench.close());

describe('opt-outs during a long campaign', () => {
  it('a STOP that comes in while the first batches leave keeps that customer out of a later batch', async () => {
    const path = bench.csv('long.csv', brRows(260, 88880000));
    const started = await bench.service.start({
      source: { kind: 'file', fileId: path },
      body: 'Oi {nome}',
      phones: [{ deviceId: bench.devices[0]!, sim: 0 }],
      sendAt: null,
      quietHours: null,
      dailyCap: null,
      footer: null,
      again: false,
    });
    await bench.runner.idle(started.job.id);
    const sent = (await bench.client.getAllSms({ deviceId: bench.devices[0]! })).filter((m) => m.status !== 5);
    expect(sent.filter((m) => m.sendTo === LAST)).toHaveLength(0);
    expect(new Set(sent.map((m) => m.sendTo)).size).toBe(259);
    expect(sent).toHaveLength(259);
  });
});
