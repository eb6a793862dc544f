import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleSingles, singleView, SINGLE_GRACE_MS } from '../../electron/main/sending/singles';
import { takeCustomerIds } from '../../electron/main/campaigns/store';
import { createCampaignWatch } from '../../electron/main/campaigns/watch';
import type { CampaignsChange } from '../../shared/ipc';
import { campaignBench, type CampaignBench } from './campaigns-fixture';

// Single sends whose outcome was not known (the app stopped while addsms was out, or the read-back did not find
// it at first) are settled later by their customerid in the watch loop: found → queued with its sms_id; still
// absent after the grace → unknown for the user, never resent, and no longer read.

let bench: CampaignBench;
beforeAll(async () => {
  bench = await campaignBench({ email: 'singles@example.com' });
});
afterAll(() => bench.close());

function record(to: string, state: 'sending' | 'unknown'): { id: number; customerId: number } {
  const customerId = takeCustomerIds(bench.db, 1).first;
  const id = Number(
    bench.db
      .prepare("INSERT INTO single_sends (sendto, body, device_id, sim, customer_id, state, created_at) VALUES (?, 'Oi', ?, 0, ?, ?, ?)")
      .run(to, bench.devices[0]!, customerId, state, bench.clock.now()).lastInsertRowid,
  );
  return { id, customerId };
}

describe('single sends settled later', () => {
  it('finds what reached the gateway, gives up on what did not after the grace, and never sends', async () => {
    // A crash after the request left: the gateway has it.
    const crashed = record('+5511966660001', 'sending');
    const { smsId } = await bench.client.addSms({
      sendTo: '+5511966660001',
      body: 'Oi',
      deviceId: bench.devices[0]!,
      customerId: crashed.customerId,
    });
    // A lost reply whose message never got there, and a crash before the request left.
    const lost = record('+5511966660002', 'unknown');
    const never = record('+5511966660003', 'sending');
    const writes = bench.sandbox.faultStats().writes;

    const pushed: CampaignsChange[] = [];
    const watch = createCampaignWatch({
      db: () => bench.db,
      client: () => bench.client,
      service: bench.service,
      mirror: null,
      changed: (c) => pushed.push(c),
      notify: () => {},
      stallWords: () => ({ title: '', body: '' }),
      clock: bench.clock,
      log: () => {},
      intervalMs: 3_600_000,
    });
    await watch.tick();
    watch.dispose();
    expect(singleView(bench.db, crashed.id)).toMatchObject({ state: 'queued', smsId, status: 1 });
    expect(pushed).toEqual([{ what: 'send', id: crashed.id }]);
    expect(singleView(bench.db, never.id).state).toBe('unknown'); // 'sending' is shown as unknown meanwhile
    expect(singleView(bench.db, lost.id).reason).toBeNull();

    await bench.clock.advance(SINGLE_GRACE_MS);
    const late = await settleSingles(bench.db, bench.client, bench.clock.now(), { max: 8 });
    expect(late.changed.sort()).toEqual([lost.id, never.id].sort());
    for (const id of [lost.id, never.id]) {
      expect(singleView(bench.db, id)).toMatchObject({ state: 'unknown', status: null, smsId: null });
      expect(singleView(bench.db, id).reason).toMatch(/has not listed this message 10 minutes after/);
    }
    // Given up: not read again, and nothing was ever resent.
    expect(await settleSingles(bench.db, bench.client, bench.clock.now(), { max: 8 })).toEqual({ changed: [], reads: 0 });
    expect(bench.sandbox.faultStats().writes).toBe(writes);
  });

  it('reads at most `max` per call', async () => {
    for (let i = 0; i < 5; i++) record(`+551196667000${i}`, 'sending');
    expect((await settleSingles(bench.db, bench.client, bench.clock.now(), { max: 2 })).reads).toBe(2);
  });
});
