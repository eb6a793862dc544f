import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optOutsBeforeSending, syncOptOuts } from '../../electron/main/optouts/sync';
import { checkRecipients } from '../../electron/main/optouts/views';
import { sendSingle } from '../../electron/main/sending/singles';
import { removeSuppressed } from '../../electron/main/optouts/store';
import { GatewayError } from '../../electron/main/gateway';
import type { GatewayClient } from '../../electron/main/gateway';
import { AppFailure } from '../../shared/errors';
import { campaignBench, type CampaignBench } from './campaigns-fixture';

// Opt-outs current to the second, against the sandbox: a STOP that reached the phone one second before a send is
// honoured (single send and campaign), also when the gateway's clock runs ahead of this computer; the preview
// names the opted-out recipient with the reply; a number taken off the list by hand is not put back by the same
// old reply; when the replies cannot be read nothing is sent.

let bench: CampaignBench;
let failReads = false;
beforeAll(async () => {
  bench = await campaignBench({
    email: 'fresh@example.com',
    wrap: (client): GatewayClient => ({
      ...client,
      getAllSms: (query, call) =>
        failReads && query?.status === 5
          ? Promise.reject(new GatewayError('network', 'The gateway could not be reached.', { endpoint: 'getallsms' }))
          : client.getAllSms(query, call),
    }),
  });
  // An earlier check: the cursor is where an app that has been running sits.
  await syncOptOuts(bench.db, bench.client, bench.clock.now());
});
afterAll(() => bench.close());

const device = () => bench.devices[0]!;
const single = (to: string[]) =>
  sendSingle(
    bench.db,
    bench.client,
    { to, body: 'Promoção!', deviceId: device(), sim: 0, sendAt: null, urgent: false, image: null, test: false, country: 'BR' },
    () => bench.clock.now(),
  );
const sentTo = async (phone: string) => (await bench.client.getAllSms({ deviceId: device(), phone })).filter((m) => m.status !== 5);

describe('a reply one second before a send', () => {
  it('single send: the STOP from a second ago is read first; that number gets nothing, the other does', async () => {
    await bench.pass(60_000);
    bench.sandbox.receiveSms({ deviceId: device(), from: '+5511966660001', body: 'PARAR' });
    await bench.pass(1_000, 1_000);
    const fresh = await optOutsBeforeSending(bench.db, bench.client, bench.clock.now());
    expect(fresh.added).toBe(1);
    const views = await single(['+55 11 96666-0001', '+55 11 96666-0002']);
    expect(views.map((v) => v.state)).toEqual(['suppressed', 'queued']);
    expect(await sentTo('+5511966660001')).toHaveLength(0);
    expect(await sentTo('+5511966660002')).toHaveLength(1);
  });

  it('campaign: the preview names the opted-out recipient with the reply; the campaign leaves them out', async () => {
    const path = bench.csv('fresh.csv', ['Ana,+55 11 96666-0010', 'Bia,+55 11 96666-0011', 'Caio,+55 11 96666-0012']);
    bench.sandbox.receiveSms({ deviceId: device(), from: '+5511966660011', body: 'Sair da lista' });
    await bench.pass(1_000, 1_000);
    await optOutsBeforeSending(bench.db, bench.client, bench.clock.now());
    const input = {
      source: { kind: 'file' as const, fileId: path },
      body: 'Oi {nome}',
      phones: [{ deviceId: device(), sim: 0 as const }],
      sendAt: null,
      quietHours: null,
      dailyCap: null,
      footer: null,
    };
    const { preview } = await bench.service.prepare(input);
    expect(preview).toMatchObject({ recipients: 2, suppressed: 1 });
    expect(preview.optedOut).toEqual([
      expect.objectContaining({ phone: '+5511966660011', name: 'Bia', source: 'reply', keyword: 'sair', reply: 'Sair da lista' }),
    ]);
    const started = await bench.service.start({ ...input, again: false });
    await bench.runner.idle(started.job.id);
    expect(await sentTo('+5511966660011')).toHaveLength(0);
    expect(await sentTo('+5511966660010')).toHaveLength(1);
  });

  it('a gateway whose clock runs 5 minutes ahead of this computer: its reply from a second ago still counts', async () => {
    await bench.sandbox.advance(5 * 60_000); // the gateway's clock only
    bench.sandbox.receiveSms({ deviceId: device(), from: '+5511966660020', body: 'STOP' });
    await bench.pass(1_000, 1_000);
    await optOutsBeforeSending(bench.db, bench.client, bench.clock.now());
    expect(checkRecipients(bench.db, ['+55 11 96666-0020'], 'BR')).toEqual([
      expect.objectContaining({ state: 'opted-out', optedOut: expect.objectContaining({ reply: 'STOP', keyword: 'stop' }) }),
    ]);
    expect((await single(['+5511966660020']))[0]!.state).toBe('suppressed');
  });
});

describe('the list stays the user’s', () => {
  it('a number taken off by hand is not put back by its old reply, only by a new one', async () => {
    expect(removeSuppressed(bench.db, ['+5511966660001'], bench.clock.now())).toBe(1);
    await bench.pass(2_000, 1_000);
    await optOutsBeforeSending(bench.db, bench.client, bench.clock.now());
    expect(checkRecipients(bench.db, ['+5511966660001'], 'BR')[0]!.state).toBe('ready');
    bench.sandbox.receiveSms({ deviceId: device(), from: '+5511966660001', body: 'pare' });
    await bench.pass(1_000, 1_000);
    await optOutsBeforeSending(bench.db, bench.client, bench.clock.now());
    expect(checkRecipients(bench.db, ['+5511966660001'], 'BR')[0]).toMatchObject({ state: 'opted-out', optedOut: { reply: 'pare' } });
  });

  it('replies that cannot be read: the send is refused in words, nothing leaves', async () => {
    failReads = true;
    try {
      const error = await optOutsBeforeSending(bench.db, bench.client, bench.clock.now()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppFailure);
      expect(error).toMatchObject({ code: 'network', key: 'refusals.optOutsUnread' });
      expect((error as AppFailure).message).toMatch(/Nothing was sent/);
    } finally {
      failReads = false;
    }
  });
});
