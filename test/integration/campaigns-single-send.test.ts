import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncOptOuts } from '../../electron/main/optouts/sync';
import { sendSingle } from '../../electron/main/sending/singles';
import type { Db } from '../../electron/main/db';
import type { GatewayClient } from '../../electron/main/gateway';
import type { Sandbox } from '../../electron/sandbox';
import { sandboxAccount, type SandboxAccount } from './sandbox-account';

// Single sends against the sandbox: a reply lost after the gateway committed is settled by reading the message
// back by its own customerid (never sent twice), images are refused on SMS slots with the reason, opted-out
// numbers are not sent to, and STOP replies join the suppression list.

let account: SandboxAccount;
let sandbox: Sandbox;
let client: GatewayClient;
let db: Db;
let device: number;

beforeAll(async () => {
  account = await sandboxAccount({ folder: 'relay-single', device: { title: 'Single phone' }, sandbox: { clock: 'manual' } });
  ({ sandbox, client, device } = account);
  db = account.db();
});
afterAll(() => account.close());

const base = {
  body: 'Seu código: 4321',
  deviceId: 0,
  sim: 0 as const,
  sendAt: null,
  urgent: true,
  image: null,
  test: false,
  country: 'BR',
};

describe('single sends', () => {
  it('a reply dropped after commit is settled by reading back: queued once, with its sms_id', async () => {
    sandbox.dropRepliesAfterCommit({ next: 1 });
    const [view] = await sendSingle(db, client, { ...base, deviceId: device, to: ['(11) 98765-0001'] });
    sandbox.dropRepliesAfterCommit(null);
    expect(view).toMatchObject({ to: '+5511987650001', state: 'queued', urgent: true });
    expect(view!.smsId).toEqual(expect.any(Number));
    const onGateway = await client.getAllSms({ deviceId: device, phone: '+5511987650001' });
    expect(onGateway).toHaveLength(1);
    expect(onGateway[0]!.customerId).toBe(view!.customerId);
  });

  it('refuses an image on an SMS slot with the reason, before anything leaves', async () => {
    const before = (await client.getAllSms({ deviceId: device })).length;
    const image = { data: new Uint8Array([0xff, 0xd8, 0xff]), fileName: 'a.jpg', mimeType: 'image/jpeg' as const };
    await expect(sendSingle(db, client, { ...base, deviceId: device, to: ['+5511987650002'], image })).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/SMS cannot carry an image/),
    });
    expect((await client.getAllSms({ deviceId: device })).length).toBe(before);
  });

  it('does not send to an opted-out number and says why; an invalid number is reported, the rest go', async () => {
    db.prepare("INSERT INTO suppression (phone, source, keyword, added_at) VALUES ('+5511987650003', 'manual', NULL, 0)").run();
    const views = await sendSingle(db, client, { ...base, deviceId: device, to: ['+55 11 98765-0003', 'abc', '+5511987650004'] });
    expect(views.map((v) => v.state)).toEqual(['suppressed', 'invalid', 'queued']);
    expect(await client.getAllSms({ deviceId: device, phone: '+5511987650003' })).toHaveLength(0);
  });

  it('STOP-like replies join the suppression list; a conversation does not', async () => {
    sandbox.receiveSms({ deviceId: device, from: '+5511987650010', body: 'PARAR' });
    sandbox.receiveSms({ deviceId: device, from: '+5511987650011', body: 'Cancelar o pedido 123, por favor' });
    const result = await syncOptOuts(db, client, sandbox.now().getTime());
    expect(result.added).toBeGreaterThanOrEqual(1);
    const phones = (db.prepare('SELECT phone FROM suppression').all() as { phone: string }[]).map((r) => r.phone);
    expect(phones).toContain('+5511987650010');
    expect(phones).not.toContain('+5511987650011');
  });
});
