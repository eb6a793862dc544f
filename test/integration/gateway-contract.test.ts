import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain';
import { MESSAGE_STATUS_CODES } from '../../shared/domain';
import { createGatewayClient, GatewayError, toAppFailure } from '../../electron/main/gateway/index';
import type { GatewayClient, GatewayErrorKind } from '../../electron/main/gateway/index';
import { startSandbox } from '../../electron/sandbox/index';
import type { Sandbox } from '../../electron/sandbox/index';

// ONE contract for the gateway client, run against any base URL: the sandbox always, the real
// SMSGateway24 when RELAY_LIVE_EMAIL / RELAY_LIVE_PASSWORD / RELAY_LIVE_DEVICE are set (optionally
// RELAY_LIVE_BASE_URL). Against the live service only reads run (plus a wrong-password sign-in and
// calls with a bogus token, which change nothing); writes need the sandbox, whose clock the tests drive.

interface Target {
  baseUrl: string;
  email: string;
  password: string;
  deviceId: number;
  /** The sandbox behind baseUrl, or null for the live service. */
  sandbox: Sandbox | null;
  close(): Promise<void>;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const PNG = Uint8Array.from(Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));

async function gatewayError(promise: Promise<unknown>, kind: GatewayErrorKind): Promise<GatewayError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a ${kind} GatewayError, the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  expect((error as GatewayError).kind).toBe(kind);
  return error as GatewayError;
}

function contractSuite(name: string, writes: boolean, open: () => Promise<Target>): void {
  describe(name, () => {
    let target: Target;
    let token: string | null = null;
    let client: GatewayClient;
    const logs: string[] = [];
    const issuedTokens: string[] = [];
    const signIn = async (): Promise<void> => {
      token = await client.getToken(target.email, target.password);
      issuedTokens.push(token);
    };
    const sandbox = (): Sandbox => {
      if (!target.sandbox) throw new Error('this test needs the sandbox');
      return target.sandbox;
    };

    beforeAll(async () => {
      target = await open();
      client = createGatewayClient({ baseUrl: target.baseUrl, token: () => token, log: (line) => logs.push(line), retryBaseDelayMs: 10 });
      await signIn();
    });
    afterAll(async () => {
      await client?.close();
      await target?.close();
    });

    describe('reads', () => {
      it('gettoken hands out a 32-hex token', () => {
        expect(token).toMatch(/^[0-9a-f]{32}$/);
      });

      it('gettoken with a wrong password is wrong-credentials, shown as such to the user', async () => {
        const error = await gatewayError(client.getToken(target.email, `${target.password}-wrong`), 'wrong-credentials');
        expect(toAppFailure(error).code).toBe('wrong-credentials');
      });

      it('getalldevices lists the phone with its poll interval, SIMs and times', async () => {
        const devices = await client.getAllDevices();
        const device = devices.find((d) => d.id === target.deviceId);
        expect(device).toBeDefined();
        expect(device!.pollIntervalSeconds).toBeGreaterThan(0);
        expect(Array.isArray(device!.sims)).toBe(true);
        if (device!.lastSeen) expect(Number.isNaN(Date.parse(device!.lastSeen.iso))).toBe(false);
      });

      it('getdevicestatus describes one phone', async () => {
        const status = await client.getDeviceStatus(target.deviceId);
        expect(status.deviceId).toBe(target.deviceId);
        expect(typeof status.online).toBe('boolean');
        expect(status.secondsSinceSeen).toBeGreaterThanOrEqual(0);
      });

      it('getdevicestatus of a phone that is not the account’s is a refusal with the gateway’s message', async () => {
        const error = await gatewayError(client.getDeviceStatus(1), 'refused');
        expect(error.gatewayMessage).toBeTruthy();
        expect(toAppFailure(error)).toMatchObject({ code: 'gateway-refused' });
      });

      it('getallsms returns messages with known statuses; the count agrees', async () => {
        const query = { deviceId: target.deviceId, from: new Date(now() - 24 * HOUR), to: new Date(now() + HOUR) };
        const messages = await client.getAllSms(query);
        for (const m of messages) {
          expect(MESSAGE_STATUS_CODES).toContain(m.status);
          expect(m.deviceId).toBe(target.deviceId);
          expect(Number.isNaN(Date.parse(m.created.iso))).toBe(false);
        }
        expect(await client.countSms(query)).toBe(messages.length);
      });

      it('getallsms with a time zone gives the same instants labelled with that zone', async () => {
        const query = { deviceId: target.deviceId, from: new Date(now() - 24 * HOUR) };
        const plain = await client.getAllSms(query);
        const sydney = await client.getAllSms({ ...query, timeZone: 'Australia/Sydney' });
        expect(sydney.map((m) => m.created.iso)).toEqual(plain.map((m) => m.created.iso));
        for (const m of sydney) expect(m.created.zone).toBe('Australia/Sydney');
      });

      it('getsmsstatus agrees with getallsms', async (ctx) => {
        const [message] = await client.getAllSms({ deviceId: target.deviceId, from: new Date(now() - 7 * 24 * HOUR) });
        if (!message) return ctx.skip();
        const status = await client.getSmsStatus(message.id);
        expect(status.smsId).toBe(message.id);
        expect(MESSAGE_STATUS_CODES).toContain(status.status);
      });

      it('getsmsstatus of an unknown message is a refusal', async () => {
        await gatewayError(client.getSmsStatus(1), 'refused');
      });

      // The gateway's refusal only *suggests* the token is gone (a rate limit names the token too): the kind is
      // maybe-invalid-token, shown as a refusal, and the session confirms with one read before signing out.
      it('a token the gateway does not know is maybe-invalid-token, and the token shows up in no error', async () => {
        const bogus = 'f'.repeat(32);
        const stranger = createGatewayClient({ baseUrl: target.baseUrl, token: () => bogus, log: (line) => logs.push(line) });
        try {
          const error = await gatewayError(stranger.getAllDevices(), 'maybe-invalid-token');
          expect(toAppFailure(error).code).toBe('gateway-refused');
          expect(`${error.message} ${error.toLogLine()}`).not.toContain(bogus);
          await gatewayError(stranger.getAllSms(), 'maybe-invalid-token');
        } finally {
          await stranger.close();
        }
      });

      it('without a token a call fails as invalid-token before reaching the gateway', async () => {
        const signedOut = createGatewayClient({ baseUrl: target.baseUrl, token: () => null });
        try {
          await gatewayError(signedOut.getDeviceStatus(target.deviceId), 'invalid-token');
        } finally {
          await signedOut.close();
        }
      });
    });

    describe.skipIf(!writes)('writes (sandbox only: the live service is never written to)', () => {
      const at = (offsetMs: number): Date => new Date(now() + offsetMs);
      async function byCustomerId(customerId: number): Promise<Message> {
        const [message] = await client.getAllSms({ customerId });
        if (!message) throw new Error(`no message with customerid ${customerId}`);
        return message;
      }

      it('addsms queues a message the phone then sends and gets delivered', async () => {
        const { smsId } = await client.addSms({
          sendTo: '+4917612345678',
          body: 'Grüße, café ☕ & 100% sure?',
          deviceId: target.deviceId,
          customerId: 501,
          urgent: true,
        });
        expect((await client.getSmsStatus(smsId)).status).toBe(1);
        await sandbox().advance(MINUTE);
        expect((await client.getSmsStatus(smsId)).status).toBe(7);

        const message = await byCustomerId(501);
        expect(message).toMatchObject({
          id: smsId,
          sendTo: '+4917612345678',
          body: 'Grüße, café ☕ & 100% sure?',
          customerId: 501,
          urgent: true,
          sim: 0,
          deviceId: target.deviceId,
          status: 7,
          sendAt: null,
          newsletter: null,
        });
        expect(message.sentAt).not.toBeNull();
      });

      it('addsms with sendAt is held until that instant (the client formats it in the gateway’s zone)', async () => {
        const sendAt = at(HOUR);
        const { smsId } = await client.addSms({ sendTo: '+15550001', body: 'later', deviceId: target.deviceId, sendAt, customerId: 502 });
        expect((await byCustomerId(502)).sendAt?.iso).toBe(sendAt.toISOString());
        await sandbox().advance(HOUR - MINUTE);
        expect((await client.getSmsStatus(smsId)).status).toBe(1);
        await sandbox().advance(2 * MINUTE);
        expect((await client.getSmsStatus(smsId)).status).toBe(7);
      });

      it('addsms with an image uploads it and the body becomes its URL', async () => {
        await client.addSms({
          sendTo: '+15550002',
          deviceId: target.deviceId,
          sim: 2,
          customerId: 503,
          image: { data: PNG, fileName: 'logo.png', mimeType: 'image/png' },
        });
        const message = await byCustomerId(503);
        expect(message.sim).toBe(2);
        const image = await fetch(message.body);
        expect(Buffer.from(await image.arrayBuffer())).toEqual(Buffer.from(PNG));
      });

      it('addsms with an image the gateway does not accept is a refusal', async () => {
        const notAnImage = new TextEncoder().encode('%PDF-1.7');
        const error = await gatewayError(
          client.addSms({
            sendTo: '+15550003',
            deviceId: target.deviceId,
            image: { data: notAnImage, fileName: 'x.png', mimeType: 'image/png' },
          }),
          'refused',
        );
        expect(error.gatewayMessage).toMatch(/file/i);
      });

      it('addsms to a missing phone is a refusal that tells the user why', async () => {
        const error = await gatewayError(client.addSms({ sendTo: '+15550004', body: 'x', deviceId: 999_999 }), 'refused');
        expect(error.gatewayMessage).toBe('Device not found');
        expect(toAppFailure(error).message).toContain('Device not found');
      });

      it('addalotofsms queues every item; rows without a customer id come back with 0', async () => {
        const before = await client.countSms();
        await client.addManySms([
          { sendTo: '+15550010', body: 'bulk a', deviceId: target.deviceId, customerId: 510 },
          { sendTo: '+15550011', body: 'bulk b', deviceId: target.deviceId, customerId: 511, urgent: true, sim: 1 },
          { sendTo: '+15550012', body: 'bulk c', deviceId: target.deviceId, sendAt: at(2 * HOUR) },
        ]);
        expect(await client.countSms()).toBe(before + 3);
        expect(await byCustomerId(511)).toMatchObject({ body: 'bulk b', urgent: true, sim: 1, status: 1 });
        const [scheduled] = await client.getAllSms({ phone: '+15550012' });
        expect(scheduled).toMatchObject({ customerId: 0, sendAt: { iso: at(2 * HOUR).toISOString() } });
      });

      it('addalotofsms with one bad item is refused and queues none', async () => {
        const before = await client.countSms();
        await gatewayError(
          client.addManySms([
            { sendTo: '+15550020', body: 'fine', deviceId: target.deviceId },
            { sendTo: '+15550021', body: 'bad', deviceId: 999_999 },
          ]),
          'refused',
        );
        expect(await client.countSms()).toBe(before);
      });

      it('getallsms filters by date window, status, phone and sim', async () => {
        await sandbox().advance(MINUTE); // earlier tests' messages are before the window
        const windowStart = at(0);
        await sandbox().advance(10 * MINUTE);
        await client.addSms({ sendTo: '+15550030', body: 'one', deviceId: target.deviceId, customerId: 530 });
        await sandbox().advance(10 * MINUTE);
        await client.addSms({ sendTo: '+15550031', body: 'two', deviceId: target.deviceId, customerId: 531, sim: 1 });
        const windowEnd = at(MINUTE);

        const inWindow = await client.getAllSms({ from: windowStart, to: windowEnd });
        expect(inWindow.map((m) => m.customerId)).toEqual([530, 531]);
        expect(await client.countSms({ from: windowStart, to: windowEnd })).toBe(2);
        expect((await client.getAllSms({ from: windowStart, to: at(-5 * MINUTE) })).map((m) => m.customerId)).toEqual([530]);
        expect((await client.getAllSms({ from: windowStart, sim: 1 })).map((m) => m.customerId)).toEqual([531]);
        expect((await client.getAllSms({ phone: '+15550031' })).map((m) => m.customerId)).toEqual([531]);
        // The phone has sent the first one by now; the second is still waiting.
        expect((await client.getAllSms({ from: windowStart, status: 7 })).map((m) => m.customerId)).toEqual([530]);
        expect((await client.getAllSms({ from: windowStart, status: 1 })).map((m) => m.customerId)).toEqual([531]);
      });

      it('getallsms with newestFirst lists the newest message first', async () => {
        // JSON.parse orders integer-like keys ascending, so the id-keyed reply alone loses the gateway's order.
        await sandbox().advance(MINUTE);
        const windowStart = at(0);
        await client.addSms({ sendTo: '+15550032', body: 'older', deviceId: target.deviceId, customerId: 532 });
        await sandbox().advance(MINUTE);
        await client.addSms({ sendTo: '+15550033', body: 'newer', deviceId: target.deviceId, customerId: 533 });
        const newestFirst = await client.getAllSms({ from: windowStart, newestFirst: true });
        expect(newestFirst.map((m) => m.customerId)).toEqual([533, 532]);
        const oldestFirst = await client.getAllSms({ from: windowStart });
        expect(oldestFirst.map((m) => m.customerId)).toEqual([532, 533]);
      });

      it('savetag and savecontact create a tag and its contacts; a missing tag is a refusal', async () => {
        const { tagId } = await client.saveTag('Contract customers');
        expect(tagId).toBeGreaterThan(0);
        const named = await client.saveContact({ phone: '+15550040', tagId, name: 'Ada' });
        const unnamed = await client.saveContact({ phone: '+15550041', tagId });
        expect(unnamed.contactId).toBeGreaterThan(named.contactId);
        const error = await gatewayError(client.saveContact({ phone: '+15550042', tagId: 999_999 }), 'refused');
        expect(error.gatewayMessage).toBe('Tag not found');
      });

      it('savepaket, once started on the phone, expands at its time into one message per contact, carrying the newsletter', async () => {
        const { tagId } = await client.saveTag('Newsletter readers');
        for (const phone of ['+15550050', '+15550051', '+15550052']) await client.saveContact({ phone, tagId });
        const sendAt = at(30 * MINUTE);
        const { paketId } = await client.savePaket({
          title: 'Summer news',
          deviceId: target.deviceId,
          body: 'Hello summer',
          tagIds: [tagId],
          sendAt,
        });
        const ofPaket = async (): Promise<Message[]> =>
          (await client.getAllSms({ deviceId: target.deviceId, from: at(-HOUR) })).filter((m) => m.newsletter?.id === paketId);

        // Like the service, nothing goes out until someone presses start in the app on the phone.
        await sandbox().advance(MINUTE);
        expect(await ofPaket()).toEqual([]);
        sandbox().startNewsletter(paketId);
        await sandbox().advance(28 * MINUTE);
        expect(await ofPaket()).toEqual([]);
        await sandbox().advance(2 * MINUTE);
        const sent = await ofPaket();
        expect(sent.map((m) => m.sendTo).sort()).toEqual(['+15550050', '+15550051', '+15550052']);
        for (const m of sent) expect(m.newsletter).toEqual({ id: paketId, title: 'Summer news', body: 'Hello summer' });
      });

      it('savepaket without a time goes out as soon as it is started; with an unknown tag it is refused', async () => {
        const { tagId } = await client.saveTag('Right now');
        await client.saveContact({ phone: '+15550060', tagId });
        const { paketId } = await client.savePaket({ title: 'Now', deviceId: target.deviceId, body: 'Now!', tagIds: [tagId] });
        expect(await client.getAllSms({ phone: '+15550060' })).toEqual([]);
        sandbox().startNewsletter(paketId);
        expect((await client.getAllSms({ phone: '+15550060' }))[0]?.newsletter?.id).toBe(paketId);
        await gatewayError(client.savePaket({ title: 'x', deviceId: target.deviceId, body: 'x', tagIds: [999_999] }), 'refused');
      });

      it('a phone that stops polling shows offline with its last-seen time, and its queue waits', async () => {
        sandbox().setDeviceOnline(target.deviceId, false);
        const { smsId } = await client.addSms({ sendTo: '+15550070', body: 'waiting', deviceId: target.deviceId });
        await sandbox().advance(10 * MINUTE);
        const away = await client.getDeviceStatus(target.deviceId);
        expect(away.online).toBe(false);
        expect(away.secondsSinceSeen).toBeGreaterThanOrEqual(600);
        expect((await client.getSmsStatus(smsId)).status).toBe(1);

        sandbox().setDeviceOnline(target.deviceId, true);
        await sandbox().advance(MINUTE);
        expect((await client.getDeviceStatus(target.deviceId)).online).toBe(true);
        expect((await client.getSmsStatus(smsId)).status).toBe(7);
      });

      it('getalldevices maps the loosely typed device fields', async () => {
        const flaky = sandbox().seeded!.flaky;
        const device = (await client.getAllDevices()).find((d) => d.id === flaky);
        expect(device).toMatchObject({
          imei: null,
          appVersionCurrent: false,
          sendDelaySeconds: null,
          pollIntervalSeconds: 30,
          number: '+33 6 12 34 56 78',
        });
        expect(device!.sims.map((s) => s.roaming)).toEqual([false, true]);
      });

      it('once the gateway drops the token, reads and writes are maybe-invalid-token until signing in again', async () => {
        sandbox().invalidateTokens();
        await gatewayError(client.getAllDevices(), 'maybe-invalid-token');
        await gatewayError(client.addSms({ sendTo: '+15550080', body: 'x', deviceId: target.deviceId }), 'maybe-invalid-token');
        await gatewayError(client.saveTag('x'), 'maybe-invalid-token');
        await signIn();
        expect((await client.getAllDevices()).length).toBeGreaterThan(0);
      });
    });

    it('never wrote a token into its log', () => {
      expect(logs.length).toBeGreaterThan(0);
      for (const issued of issuedTokens) for (const line of logs) expect(line).not.toContain(issued);
    });

    function now(): number {
      return target.sandbox ? target.sandbox.now().getTime() : Date.now();
    }
  });
}

contractSuite('gateway contract: sandbox', true, async () => {
  const sandbox = await startSandbox({ clock: 'manual', startAt: new Date('2024-05-01T12:00:00Z') });
  return {
    baseUrl: sandbox.baseUrl,
    email: sandbox.demo.email,
    password: sandbox.demo.password,
    deviceId: sandbox.seeded!.healthy,
    sandbox,
    close: () => sandbox.close(),
  };
});

const live = {
  email: process.env.RELAY_LIVE_EMAIL,
  password: process.env.RELAY_LIVE_PASSWORD,
  device: process.env.RELAY_LIVE_DEVICE,
  baseUrl: process.env.RELAY_LIVE_BASE_URL ?? 'https://smsgateway24.com/getdata/',
};
const liveConfigured = Boolean(live.email && live.password && live.device);

describe.skipIf(!liveConfigured)(
  liveConfigured
    ? 'gateway contract: live SMSGateway24 (reads only)'
    : 'gateway contract: live SMSGateway24 — skipped: set RELAY_LIVE_EMAIL, RELAY_LIVE_PASSWORD and RELAY_LIVE_DEVICE to run it',
  () => {
    contractSuite('live', false, async () => ({
      baseUrl: live.baseUrl,
      email: live.email!,
      password: live.password!,
      deviceId: Number(live.device),
      sandbox: null,
      close: async () => {},
    }));
  },
);
