import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSingle } from '../../electron/main/sending/singles';
import type { Db } from '../../electron/main/db';
import type { GatewayClient } from '../../electron/main/gateway';
import type { Sandbox } from '../../electron/sandbox';
import { sandboxAccount, type SandboxAccount } from './sandbox-account';

// An image with text on WhatsApp, against the sandbox: the gateway replaces a body by the image's URL, so the text
// goes as its own message right before the image (same phone and slot). Each is journaled with its own customerid
// and sent exactly once, also when the reply to either write is lost; both are in the history.

let account: SandboxAccount;
let sandbox: Sandbox;
let client: GatewayClient;
let db: Db;
let device: number;

beforeAll(async () => {
  account = await sandboxAccount({ folder: 'relay-image-text', device: { title: 'WhatsApp phone' }, sandbox: { clock: 'manual' } });
  ({ sandbox, client, device } = account);
  db = account.db();
});
afterAll(() => account.close());

const image = { data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), fileName: 'promo.jpg', mimeType: 'image/jpeg' as const };
const send = (to: string, sim: 2 | 3 = 2) =>
  sendSingle(db, client, {
    to: [to],
    body: 'Promoção de maio: 20% off',
    deviceId: device,
    sim,
    sendAt: null,
    urgent: false,
    image,
    test: false,
    country: 'BR',
  });
const onGateway = (phone: string) => client.getAllSms({ deviceId: device, phone });

describe('WhatsApp image with text', () => {
  // WhatsApp Business (2) and WhatsApp (3) alike.
  for (const [sim, phone] of [
    [2, '+5511977770001'],
    [3, '+5511977770011'],
  ] as const) {
    it(`slot ${sim}: sends the text, then the image, on the same phone and slot: two messages, each once`, async () => {
      const views = await send(phone, sim);
      expect(views.map((v) => [v.state, v.body, v.image])).toEqual([
        ['queued', 'Promoção de maio: 20% off', null],
        ['queued', '', 'promo.jpg'],
      ]);
      expect(views[0]!.customerId).not.toBe(views[1]!.customerId);
      const messages = (await onGateway(phone)).sort((a, b) => a.id - b.id);
      expect(messages).toHaveLength(2);
      expect(messages[0]!.body).toBe('Promoção de maio: 20% off');
      expect(messages[1]!.body).not.toBe('Promoção de maio: 20% off'); // the gateway's image URL
      expect(messages.map((m) => [m.deviceId, m.sim])).toEqual([
        [device, sim],
        [device, sim],
      ]);
    });
  }

  for (const [which, rule] of [
    ['the text', { next: 1 }],
    ['the image', { every: 2 }],
  ] as const) {
    it(`a lost reply to ${which}: read back by its customerid, nothing doubled, both queued`, async () => {
      const phone = which === 'the text' ? '+5511977770002' : '+5511977770003';
      sandbox.dropRepliesAfterCommit(rule);
      const views = await send(phone, 3);
      sandbox.dropRepliesAfterCommit(null);
      expect(views.map((v) => v.state)).toEqual(['queued', 'queued']);
      const messages = await onGateway(phone);
      expect(messages).toHaveLength(2);
      expect(new Set(messages.map((m) => m.customerId))).toEqual(new Set(views.map((v) => v.customerId)));
    });
  }

  it('a text the gateway refuses holds the image back (it would arrive without its words)', async () => {
    const views = await sendSingle(db, client, {
      to: ['+5511977770004'],
      body: 'x'.repeat(10),
      deviceId: 999_999,
      sim: 2,
      sendAt: null,
      urgent: false,
      image,
      test: false,
      country: 'BR',
    });
    expect(views.map((v) => v.state)).toEqual(['refused', 'refused']);
    expect(views[1]!.reason).toMatch(/its text did not go/);
    expect(views[1]!.customerId).toBeNull();
  });
});
