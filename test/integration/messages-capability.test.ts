import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountScopes, type AccountScope, type AccountScopes } from '../../electron/main/account/scope';
import { createGatewayClient } from '../../electron/main/gateway';
import type { GatewayClient } from '../../electron/main/gateway';
import { createMessagesCapability, type MessagesCapability } from '../../electron/main/messages/capability';
import { createSessionService, type SessionService } from '../../electron/main/session/session';
import { createTokenStore } from '../../electron/main/session/token-store';
import { createSettingsService, type SettingsService } from '../../electron/main/settings/settings-service';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import type { EmitEvent, MessagesChanged, MirrorStatus } from '../../shared/ipc';
import { fakeKeytar } from '../fixtures/session-doubles';

// The messages capability as the app runs it: signed in to the sandbox over HTTP, the account's database and
// job runner, the history sync job, the live monitor on the sandbox's manual clock, notifications and tray.
// Timers of the capability never fire here: each poll is `live.tick()`, after moving the sandbox's clock.

const MIN = 60_000;

let sandbox: Sandbox;
let dataDir: string;
let session: SessionService;
let settings: SettingsService;
let scopes: AccountScopes;
let scope: AccountScope;
let messages: MessagesCapability;
let client: GatewayClient;
const changed: MessagesChanged[] = [];
const synced: MirrorStatus[] = [];
const notes: { title: string; body: string }[] = [];
const tray: { text: string; badge: number }[] = [];
const opened: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ clock: 'manual' });
  dataDir = mkdtempSync(join(tmpdir(), 'relay-messages-it-'));
  const emit: EmitEvent = (event, payload) => {
    if (event === 'messages:changed') changed.push(payload as MessagesChanged);
    if (event === 'messages:synced') synced.push(payload as MirrorStatus);
  };
  settings = createSettingsService({ dir: dataDir });
  // One day of reach: the sync back to the reach is seen without reading the whole seeded history.
  settings.update({ timeZone: 'America/Sao_Paulo', language: 'en', historyDays: 1 });
  session = createSessionService({
    settings,
    tokenStore: createTokenStore({ dataDir, safeStorage: null, keytarLoader: fakeKeytar().loader }),
    createClient: (baseUrl, token) => createGatewayClient({ baseUrl, token, readRetries: 0 }),
    startSandbox: async () => ({ baseUrl: sandbox.baseUrl, demo: sandbox.demo, close: async () => {} }),
    emit,
  });
  scopes = createAccountScopes({ dataDir, emit, log: () => {} });
  session.onChange((state) => scopes.sessionChanged(state));
  // The sandbox's clock is the app's clock; the capability's own timers are inert (tests call tick()).
  const clock = { now: () => sandbox.now().getTime(), setTimeout: () => 0, clearTimeout: () => {} };
  messages = createMessagesCapability({
    session,
    settings,
    scopes,
    emit,
    notify: (n) => notes.push(n),
    setTrayStatus: (text, badge) => tray.push({ text, badge }),
    openExternal: (url) => void opened.push(url),
    saveFile: async ({ defaultName }) => join(dataDir, defaultName),
    clock,
    log: () => {},
    failureThreshold: { count: 4, rate: 0.5, windowMs: 15 * MIN, cooldownMs: 30 * MIN },
    maxWaitMs: 20 * MIN,
  });
  const opening = new Promise<AccountScope>((resolve) => scopes.onOpen(resolve));
  await session.signIn({ ...sandbox.demo, server: sandbox.baseUrl });
  scope = await opening;
  client = session.client();
}, 30_000);

afterAll(async () => {
  await messages.dispose?.();
  await scopes.dispose();
  await session.dispose();
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const h = () => messages.handlers;
const localDate = (ms: number, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(ms);

async function syncAndWait(since?: string): Promise<MirrorStatus> {
  const before = synced.length;
  const status = await h()['messages:sync'](since === undefined ? undefined : { since });
  expect(status.syncing).toBe(true);
  await scope.jobs.idle(status.jobId!);
  for (let i = 0; i < 100 && synced.length === before; i++) await new Promise((r) => setTimeout(r, 10));
  expect(synced.length).toBeGreaterThan(before);
  return synced[synced.length - 1]!;
}

describe('messages capability against the sandbox', () => {
  it('a new account reads its last days first, then goes back to the reach Settings name by itself, once', async () => {
    const first = await h()['messages:status'](undefined);
    expect(first).toMatchObject({ reachFromMs: null, defaultDays: 1 });
    // The last days, then (a job of its own, started when they are in) back to Settings' reach.
    const settledReach = async () => {
      for (let i = 0; i < 300; i++) {
        const status = await h()['messages:status'](undefined);
        if (status.syncing) await scope.jobs.idle(status.jobId!);
        else if (status.reachFromMs !== null) return status;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('the history never reached back to Settings’ reach');
    };
    const status = await settledReach();
    // Both jobs ran: the recent one and the one that set the reach (the screens were told after each).
    expect(synced.length).toBeGreaterThanOrEqual(2);
    expect(status.reachFromMs).toBe(Math.floor((sandbox.now().getTime() - 24 * 60 * MIN) / 1000) * 1000);
    const recent = await client.countSms({ from: new Date(sandbox.now().getTime() - 2 * 24 * 60 * MIN) });
    expect(status.messages).toBe(recent);
    // Once there, a poll neither starts it again nor moves the reach.
    const jobsBefore = scope.jobs.list({ limit: 50 }).length;
    await messages.live.tick();
    expect((await h()['messages:status'](undefined)).reachFromMs).toBe(status.reachFromMs);
    expect(scope.jobs.list({ limit: 50 }).length).toBe(jobsBefore);
    changed.length = 0;
    synced.length = 0;
  });

  it('syncs from the chosen local day, and lists with filters what the gateway holds', async () => {
    const zone = 'America/Sao_Paulo';
    const since = localDate(sandbox.now().getTime() - 2 * 24 * 60 * MIN, zone);
    const status = await syncAndWait(since);
    // The choice is stored as that day's local midnight in the Settings zone (Sao Paulo is UTC−3).
    expect(new Date(status.reachFromMs!).toISOString()).toBe(`${since}T03:00:00.000Z`);
    expect(status.lastSyncAt).not.toBeNull();
    expect(status.syncing).toBe(false);

    const onGateway = await client.countSms({});
    expect(onGateway).toBeGreaterThan(20);
    expect(status.messages).toBe(onGateway);

    const all = await h()['messages:list']({ limit: 1000 });
    expect(all.total).toBe(onGateway);
    // Newest first by default.
    const created = all.rows.map((m) => Date.parse(m.created.iso));
    expect(created).toEqual([...created].sort((a, b) => b - a));

    const healthy = sandbox.seeded!.healthy;
    const byPhone = await h()['messages:list']({ filter: { deviceIds: [healthy] }, limit: 1000 });
    expect(byPhone.total).toBe(await client.countSms({ deviceId: healthy }));
    expect(byPhone.rows.every((m) => m.deviceId === healthy)).toBe(true);

    const failed = await h()['messages:list']({ filter: { groups: ['failed'] }, limit: 1000 });
    expect(failed.total).toBeGreaterThan(0);
    expect(failed.rows.every((m) => [8, 9, 10, 11, 12, 100, 101].includes(m.status))).toBe(true);
    const delivered = (await h()['messages:list']({ filter: { statuses: [7], deviceIds: [healthy] }, withTotal: true, limit: 1 })).total;
    expect(delivered).toBe(await client.countSms({ status: 7, deviceId: healthy }));

    // Details: times in the user's zone and in the gateway's (the demo account answers in Europe/Paris).
    const detail = (await h()['messages:get']({ id: all.rows[0]!.id }))!;
    expect(detail.timeZone).toBe(zone);
    expect(detail.times.created.gatewayZone).toBe('Europe/Paris');
    expect(Date.parse(detail.times.created.local)).toBe(Date.parse(detail.times.created.iso));
    expect(Date.parse(detail.times.created.gateway)).toBe(Date.parse(detail.times.created.iso));
    expect(detail.times.created.local).toMatch(/-03:00$/);
    expect(detail.times.created.differs).toBe(true);
    expect(await h()['messages:get']({ id: 999_999_999 })).toBeNull();
  }, 60_000);

  it('exports the filtered messages as CSV through the save dialog and says only the file name', async () => {
    const healthy = sandbox.seeded!.healthy;
    const result = await h()['messages:export']({ filter: { deviceIds: [healthy] } });
    expect(result.saved).toBe(true);
    expect(result.name).toMatch(/^messages-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(result.rows).toBe(await client.countSms({ deviceId: healthy }));
    const text = readFileSync(join(dataDir, result.name!), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.trim().split(/\r?\n/)).toHaveLength(result.rows + 1);
    // Instants carry the offset of the user's zone.
    expect(text).toMatch(/T\d{2}:\d{2}:\d{2}-03:00/);
  }, 30_000);

  it('picks up statuses moving on the gateway at each poll, pushes them, and updates the tray', async () => {
    const healthy = sandbox.seeded!.healthy;
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await client.addSms({ sendTo: `+55119876500${i}`, body: `live ${i}`, deviceId: healthy })).smsId);
    await syncAndWait();
    for (const id of ids) expect((await h()['messages:get']({ id }))?.message.status).toBe(1);
    const todayBefore = await h()['messages:today'](undefined);
    expect(todayBefore.waiting).toBeGreaterThanOrEqual(3);

    changed.length = 0;
    await sandbox.advance(2 * MIN);
    await messages.live.tick();
    const moved = changed.flatMap((c) => c.changes).filter((c) => ids.includes(c.id));
    expect(moved.map((c) => c.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const onGateway = await client.getSmsStatus(id);
      expect((await h()['messages:get']({ id }))?.message.status).toBe(onGateway.status);
      expect([6, 7, 8]).toContain(onGateway.status);
    }
    // The pushed "today" matches what the screen would ask for, and the tray says the same figures.
    const today = await h()['messages:today'](undefined);
    expect(changed[changed.length - 1]!.today).toEqual(today);
    expect(today.phones.find((p) => p.deviceId === healthy)!.total).toBeGreaterThanOrEqual(3);
    const last = tray[tray.length - 1]!;
    expect(last.text).toBe(`Today: ${today.sent} sent · ${today.delivered} delivered · ${today.failed} failed · ${today.waiting} waiting`);
    expect(last.badge).toBe(today.failed);
  }, 60_000);

  it('notifies once when failures pass the threshold, in the language chosen in Settings', async () => {
    const healthy = sandbox.seeded!.healthy;
    // Messages older than the window are settled: only what fails from now on counts.
    await sandbox.advance(20 * MIN);
    await messages.live.tick();
    expect(notes.filter((n) => /failed|falh/.test(n.title))).toHaveLength(0);

    settings.update({ language: 'pt-BR' });
    sandbox.setSmsPermission(healthy, 'not-allowed');
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await client.addSms({ sendTo: `+55119876600${i}`, body: `fail ${i}`, deviceId: healthy })).smsId);
    await syncAndWait();
    await sandbox.advance(2 * MIN);
    await messages.live.tick();
    for (const id of ids) expect((await h()['messages:get']({ id }))?.message.status).toBe(101);
    const alerts = notes.filter((n) => /falh/.test(n.title));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.title).toBe('5 mensagens falharam');
    expect(alerts[0]!.body).toMatch(/^5 de \d+ mensagens concluídas nos últimos 15 minutos falharam/);

    // The cool-down holds a second alert back.
    await messages.live.tick();
    expect(notes.filter((n) => /falh/.test(n.title))).toHaveLength(1);
    sandbox.setSmsPermission(healthy, 'granted');
    settings.update({ language: 'en' });
  }, 60_000);

  it('announces a message waiting too long once, and opens WhatsApp image links only on the gateway host', async () => {
    const offline = sandbox.seeded!.offline;
    const id = (await client.addSms({ sendTo: '+5511987650099', body: 'stuck', deviceId: offline })).smsId;
    await syncAndWait();
    const before = notes.length;
    await sandbox.advance(25 * MIN);
    await messages.live.tick();
    const waiting = notes.slice(before).filter((n) => /waiting too long/.test(n.title));
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toEqual({
      title: '1 message is waiting too long',
      body: '1 message has not been sent for more than 20 minutes. Check that its phone is online.',
    });
    await messages.live.tick();
    expect(notes.slice(before).filter((n) => /waiting too long/.test(n.title))).toHaveLength(1);

    // An SMS is no image; a WhatsApp message whose body is a link on the gateway's server is.
    expect(await h()['messages:openImage']({ id })).toEqual({ opened: false });
    const png = Uint8Array.from(
      Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
    );
    const image = (
      await client.addSms({
        sendTo: '+5511987650098',
        deviceId: sandbox.seeded!.healthy,
        sim: 2,
        image: { data: png, fileName: 'a.png', mimeType: 'image/png' },
      })
    ).smsId;
    await syncAndWait();
    const detail = (await h()['messages:get']({ id: image }))!;
    expect(detail.imageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
    expect(await h()['messages:openImage']({ id: image })).toEqual({ opened: true });
    expect(opened).toEqual([detail.imageUrl]);
  }, 60_000);

  it('announces many messages waiting too long in one notification, and not the rest again at the next polls', async () => {
    const offline = sandbox.seeded!.offline;
    for (let i = 0; i < 12; i++)
      await client.addSms({ sendTo: `+55119876510${String(i).padStart(2, '0')}`, body: `queued ${i}`, deviceId: offline });
    await syncAndWait();
    const before = notes.length;
    await sandbox.advance(25 * MIN);
    for (let i = 0; i < 3; i++) await messages.live.tick();
    const waiting = notes.slice(before).filter((n) => /waiting too long/.test(n.title));
    expect(waiting).toEqual([
      {
        title: '12 messages are waiting too long',
        body: '12 messages have not been sent for more than 20 minutes. Check that their phones are online.',
      },
    ]);
  }, 60_000);

  it('reports delivered / failed / waiting per phone and per channel with a delivery rate', async () => {
    const now = sandbox.now().getTime();
    const from = new Date(now - 2 * 24 * 60 * MIN).toISOString();
    const to = new Date(now + MIN).toISOString();
    const byPhone = await h()['messages:report']({ from, to, bucket: 'day', by: 'phone' });
    const byChannel = await h()['messages:report']({ from, to, bucket: 'day', by: 'channel' });
    const sum = (lines: typeof byPhone.lines, group: 'delivered' | 'failed') =>
      lines.reduce((n, l) => n + l[group].reduce((a, b) => a + b, 0), 0);
    expect(sum(byPhone.lines, 'delivered')).toBe(byPhone.totals.delivered);
    expect(sum(byChannel.lines, 'failed')).toBe(byPhone.totals.failed);
    expect(byPhone.totals.delivered).toBe((await h()['messages:list']({ filter: { statuses: [7], from, to }, limit: 1 })).total);
    expect(byPhone.deliveryRate).toBeCloseTo(byPhone.totals.delivered / (byPhone.totals.delivered + byPhone.totals.failed), 10);
    expect(byChannel.lines.map((l) => l.channel)).toContain('whatsapp-business');
    expect(byPhone.lines.every((l) => l.deviceId !== null && l.delivered.length === byPhone.edges.length - 1)).toBe(true);
    await expect(
      Promise.resolve().then(() =>
        h()['messages:report']({ from, to: new Date(now + 400 * 24 * 60 * MIN).toISOString(), bucket: 'hour', by: 'phone' }),
      ),
    ).rejects.toMatchObject({ code: 'validation' });
  }, 30_000);
});
