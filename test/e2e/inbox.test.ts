import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayClient, type GatewayClient } from '../../electron/main/gateway';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

// The Inbox over the real services and the sandbox: a bakery sent a promotion (a campaign) and a single
// message; three customers answer on the simulated phone (one with STOP words). The app's sync brings the
// replies, one notification announces them, the tray counts them, and the owner answers from the thread.
// Screenshots at 1024×640 (list, thread, reply sent) in English and Portuguese, and the thread at 200 % zoom.

const ANA = '+5511987650001';
const BRUNO = '+5511987650002';
const CARLA = '+5511987650003';
const PROMO = 'Sábado tem pão de queijo em dobro! Responda SIM para reservar o seu.';

describe('inbox', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;
  let client: GatewayClient;
  let device: number;
  const tray: { text: string; badge: number }[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ clock: 'manual', startAt: new Date(Date.now() - 10 * 60_000), random: () => 0.5 });
    device = sandbox.seeded!.healthy;
    app = await launchApp({ platform: { startSandbox: async () => sandbox, setTrayStatus: (text, badge) => tray.push({ text, badge }) } });
    let token: string | null = null;
    client = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
    token = await client.getToken(sandbox.demo.email, sandbox.demo.password);
    // What the bakery sent before opening the app today.
    await client.addSms({ sendTo: ANA, body: PROMO, deviceId: device, sim: 0, customerId: 900000 });
    await client.addSms({ sendTo: BRUNO, body: PROMO, deviceId: device, sim: 0, customerId: 900001 });
    await client.addSms({ sendTo: CARLA, body: 'Seu pedido #1042 está pronto para retirada.', deviceId: device, sim: 0 });
    await sandbox.advance(2 * 60_000); // the phone sends and reports
  });
  afterAll(async () => {
    await client?.close();
    await app?.close();
    await closeBrowser();
  });

  it('brings the customers’ replies in with one notification, names from the contacts, and counts them in the tray', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Try without an account' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(true);
    const db = app.services.scopes.current().db;
    db.prepare(`INSERT INTO contact_tags (id, title, created_here, created_at) VALUES (1, 'Clientes da padaria', 1, 0)`).run();
    db.prepare(`INSERT INTO contacts (tag_id, phone, name, added_at) VALUES (1, ?, 'Ana Souza', 0), (1, ?, 'Carla Dias', 0)`).run(
      ANA,
      CARLA,
    );
    db.prepare(
      `INSERT INTO campaigns (id, title, fingerprint, body, columns, phones, recipients, first_customer_id, chunk_count, created_at)
       VALUES (1, 'Promoção de sábado', 'e2e', ?, '[]', '[]', 2, 900000, 2, 0)`,
    ).run(PROMO);
    // The customers answer now (the sandbox's clock catches up with this computer's), a moment after the app opened.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await sandbox.advance(Date.now() - sandbox.now().getTime() - 300);
    sandbox.receiveSms({ deviceId: device, from: CARLA, body: 'Vocês abrem no domingo também?' });
    sandbox.receiveSms({ deviceId: device, from: BRUNO, body: 'PARAR' });
    sandbox.receiveSms({ deviceId: device, from: ANA, body: 'SIM! Reserva duas dúzias pra mim, por favor 😊' });

    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.evaluate((since) => window.api.invoke('messages:sync', { since }), yesterday);
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: /^Inbox/ })
      .click();
    // The practice account's own history has replies too (older): ours are the newest three.
    await expect
      .poll(async () => (await page.getByTestId('conversation').allTextContents()).slice(0, 3).join('|'), { timeout: 30_000 })
      .toMatch(/Ana Souza.*\|.*PARAR.*\|Carla Dias/);
    await expect.poll(() => app.notifications.map((n) => n.title)).toContain('3 new replies');
    expect(app.notifications.find((n) => n.title === '3 new replies')!.body).toBe(
      'Ana Souza: “SIM! Reserva duas dúzias pra mim, por favor 😊” and 2 other customers',
    );
    await expect.poll(() => tray.at(-1)?.text ?? '').toMatch(/\n\d+ unread replies$/);
    const unread = await page.evaluate(() => window.api.invoke('inbox:counts'));
    expect(unread.ok && tray.at(-1)!.text.endsWith(`${unread.value.unreadReplies} unread replies`)).toBe(true);
    expect(tray.at(-1)!.badge).toBeGreaterThanOrEqual(unread.ok ? unread.value.unreadReplies : 0);

    const rows = await page.getByTestId('conversation').allTextContents();
    expect(rows[0]).toMatch(/^Ana Souza.*\(11\) 98765-0001SIM! Reserva/);
    expect(rows[1]).toMatch(/^\(11\) 98765-0002.*PARAR.*Opted out$/);
    expect(rows[2]).toMatch(/^Carla Dias.*Vocês abrem no domingo também\?/);
    await page.setViewportSize({ width: 1024, height: 640 });
    await app.screenshot('inbox-list');
    expect(await app.accessibilityViolations()).toEqual([]);
  });

  it('opens a thread with the campaign it answered, reads it, and sends one reply from the phone the customer wrote to', async () => {
    const { page } = app;
    await page.getByTestId('conversation').first().click();
    const messages = page.getByTestId('thread-message');
    await expect.poll(() => messages.count()).toBe(2);
    expect(await messages.first().textContent()).toMatch(/^Campaign: Promoção de sábado/);
    await expect.poll(() => page.getByTestId('conversation').first().textContent()).not.toMatch(/unread/);
    await app.screenshot('inbox-thread');
    expect(await app.accessibilityViolations()).toEqual([]);

    const before = await client.countSms({});
    await page.getByLabel('Reply', { exact: true }).fill('Reservado, Ana! Duas dúzias esperando por você no sábado.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => page.getByText('Reply queued on the phone.').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('thread-pending').count()).toBe(1);
    await app.screenshot('inbox-reply-sent');
    expect(await client.countSms({})).toBe(before + 1);
    const sent = (await client.getAllSms({ phone: ANA })).filter((m) => m.body.startsWith('Reservado'));
    expect(sent.map((m) => [m.deviceId, m.sim])).toEqual([[device, 0]]);

    // At 200 % zoom (683×384): the thread alone, with a way back to the list.
    await page.setViewportSize({ width: 683, height: 384 });
    expect(await page.getByTestId('conversation').first().isVisible()).toBe(false);
    await app.screenshot('inbox-thread-zoom200');
    await page.getByRole('button', { name: /Conversations/ }).click();
    await expect.poll(() => page.getByTestId('conversation').first().isVisible()).toBe(true);
    await page.setViewportSize({ width: 1024, height: 640 });
  });

  it('speaks Portuguese: the list, a thread and a reply sent', async () => {
    const { page } = app;
    await page.evaluate(() => window.api.invoke('settings:update', { language: 'pt-BR' } as never));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Caixa de entrada');
    await app.screenshot('inbox-list-pt');
    await page.getByTestId('conversation').filter({ hasText: 'Carla Dias' }).click();
    await expect.poll(() => page.getByTestId('thread-message').count()).toBe(2);
    await app.screenshot('inbox-thread-pt');
    await page.getByLabel('Resposta', { exact: true }).fill('Abrimos sim, Carla: domingo das 7h às 12h.');
    await page.getByRole('button', { name: 'Enviar resposta' }).click();
    await expect.poll(() => page.getByText('Resposta na fila do celular.').isVisible()).toBe(true);
    await app.screenshot('inbox-reply-sent-pt');
    // Bruno opted out: no reply box, a sentence instead.
    await page.getByTestId('conversation').filter({ hasText: '98765-0002' }).click();
    await expect.poll(() => page.getByText(/Este cliente se descadastrou/).isVisible()).toBe(true);
    expect(await page.getByLabel('Resposta', { exact: true }).count()).toBe(0);
  });
});
