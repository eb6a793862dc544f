import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { closeBrowser, launchApp, type AppUnderTest, importPickedFile } from './harness';

// What goes out is what the user meant (issue 17), over the real services and the sandbox, at 1024×640: the
// opted-out recipient named with their reply before Send, a newsletter with {nome} refused with the one-click
// campaign, the confirmation step, a campaign kept here paused then cancelled, an image with its text on WhatsApp,
// and a refusal in each language. Screenshots: test-results/screens/sending-*.png.

const PHONES = Array.from({ length: 6 }, (_, i) => `+55 11 9${String(71000000 + i * 1237).slice(0, 8)}`);
const CLIENTS = ['nome,telefone', ...PHONES.map((p, i) => `Cliente ${i + 1},${p}`)].join('\n');
/** 1×1 JPEG header bytes are enough for the sandbox; what matters here is the flow. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
  'base64',
);

describe('what goes out', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;
  let work: string;
  const files = { csv: '', image: '', pdf: '' };
  let nextFile: 'csv' | 'image' | 'pdf' = 'csv';

  async function language(lang: 'en' | 'pt-BR') {
    await app.page.evaluate((l) => window.api.invoke('settings:update', { language: l }), lang);
    await app.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  /** Presses a composer step's button once it can be pressed (main's preview answers first). */
  async function press(name: string) {
    const button = app.page.getByRole('button', { name, exact: true });
    await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
    await button.click();
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'relay-e2e-sending-'));
    files.csv = join(work, 'clientes.csv');
    files.image = join(work, 'promo.jpg');
    files.pdf = join(work, 'cardapio.jpg');
    await writeFile(files.csv, CLIENTS);
    await writeFile(files.image, JPEG);
    await writeFile(files.pdf, '%PDF-1.7 the menu, not a photo');
    sandbox = await startSandbox({ clock: 'manual', startAt: new Date(), random: () => 0.5 });
    app = await launchApp({
      platform: { startSandbox: async () => sandbox, pickFile: async () => files[nextFile], saveFile: async () => join(work, 'x.csv') },
    });
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.getByRole('button', { name: 'Try without an account' }).click();
    await page.getByRole('link', { name: 'Newsletters', exact: true }).waitFor();
    const imported = await importPickedFile(page, 'Clientes da loja');
    expect(imported).toBe('done');
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await closeBrowser();
    await rm(work, { recursive: true, force: true });
  });

  it('names the customer who replied PARAR a second ago before Send, then confirms who, how many, when and from which phone', async () => {
    const { page } = app;
    const { healthy } = sandbox.seeded!;
    sandbox.receiveSms({ deviceId: healthy, from: PHONES[1]!.replace(/\s/g, ''), body: 'PARAR' });
    await sandbox.advance(1_000);
    await page.getByRole('link', { name: 'Campaigns', exact: true }).click();
    await page.getByRole('combobox', { name: /^Tag/ }).selectOption({ label: 'Clientes da loja (6 contacts)' });
    // The recipients step names who opted out, with their reply, before anything else is chosen.
    const people = page.getByTestId('opted-out-people');
    await expect.poll(() => people.textContent(), { timeout: 15_000 }).toMatch(/Cliente 2 · \+55\d+ — replied “PARAR” on /);
    // A line to read under the figures, not one more bold figure.
    expect(await people.evaluate((el) => getComputedStyle(el.querySelector('li')!).fontWeight)).toBe('400');
    await people.scrollIntoViewIfNeeded();
    await app.screenshot('sending-opted-out-preview');
    expect(await app.accessibilityViolations()).toEqual([]);
    await press('Next');
    await page.getByRole('textbox', { name: /^Message/ }).fill('Oi {nome}, a fornada de hoje saiu!');
    await page.getByRole('textbox', { name: /^Message/ }).press('Enter');
    await press('Next');
    await page.getByRole('checkbox', { name: /^Front desk Pixel/ }).check();

    // Tomorrow, kept here: the confirmation repeats it all, and Enter in a field sent nothing.
    await page.getByRole('radio', { name: 'At a date and time' }).check();
    const tomorrow = new Date(Date.now() + 26 * 3_600_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('Date and time (your time)').fill(local);
    await page.getByRole('radio', { name: /^Keep it here until shortly before its time/ }).check();
    await page.getByText('Pacing', { exact: true }).click();
    await page.getByRole('spinbutton', { name: /At most per phone per day/ }).press('Enter');
    await press('Review');
    const confirm = page.getByRole('region', { name: /Send this campaign\?/ });
    await confirm.getByTestId('confirm-send').waitFor();
    // Enter in those fields sent nothing: no campaign exists until the confirmation's button.
    expect(await page.evaluate(() => window.api.invoke('campaigns:list').then((r) => (r.ok ? r.value.length : -1)))).toBe(0);
    await expect
      .poll(() => confirm.getByTestId('confirm-send').textContent(), { timeout: 15_000 })
      .toMatch(/To: Clientes da loja5 recipientsWhen: .*Keep it here.*From: .*SMS in all1 opted-out recipient left out/);
    await app.screenshot('sending-confirm');
    expect(await app.accessibilityViolations()).toEqual([]);
    await press('Schedule it');

    // Kept here: it says when it starts and what can be stopped; paused, then cancelled.
    const watch = page.getByTestId('campaign-watch');
    await watch.waitFor({ timeout: 15_000 });
    const panel = page.getByTestId('stop-panel');
    await expect.poll(() => panel.textContent()).toMatch(/Kept on this computer until .*5 messages are not yet with the gateway/);
    expect(await watch.textContent()).toMatch(/Starts /);
    await panel.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => panel.getAttribute('data-stop')).toBe('paused');
    // Paused: what can still happen to them is resume or cancel (pausing again is not offered).
    await expect
      .poll(() => panel.getByTestId('stoppable').textContent())
      .toBe('5 messages are not yet with the gateway: resume to send them, or cancel them.');
    await panel.scrollIntoViewIfNeeded();
    await app.screenshot('sending-campaign-paused');
    expect(await app.accessibilityViolations()).toEqual([]);
    await panel.getByRole('button', { name: 'Cancel the rest' }).click();
    await page
      .getByRole('dialog', { name: 'Cancel the 5 messages not yet sent?' })
      .getByRole('button', { name: 'Yes, cancel them' })
      .click();
    await expect.poll(() => panel.getAttribute('data-stop')).toBe('cancelled');
    await expect.poll(() => watch.getAttribute('data-state')).toBe('cancelled');
    await app.screenshot('sending-campaign-cancelled');
    expect(await app.accessibilityViolations()).toEqual([]);
  }, 120_000);

  it('refuses a newsletter with {nome} in words and opens the same tag and text as a campaign in one click', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Newsletters', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Clientes da loja (6 contacts)' }).check();
    await press('Next');
    await page.getByRole('textbox', { name: /^Title/ }).fill('Fornada');
    await page.getByRole('textbox', { name: /^Message/ }).fill('Olá {nome}! Pão quentinho às 17h.');
    await press('Next');
    await page.getByRole('combobox', { name: /^Phone/ }).selectOption({ label: 'Front desk Pixel (online)' });
    await press('Review');
    const refusal = page.getByTestId('newsletter-placeholders');
    await expect.poll(() => refusal.textContent()).toContain('A newsletter cannot fill in {nome}');
    await refusal.scrollIntoViewIfNeeded();
    await app.screenshot('sending-newsletter-placeholder');
    expect(await app.accessibilityViolations()).toEqual([]);
    await refusal.getByRole('button', { name: 'Send as a personalised campaign to the same tags' }).click();
    await page.getByRole('heading', { name: 'New campaign' }).waitFor();
    await press('Next');
    expect(await page.getByRole('textbox', { name: /^Message/ }).inputValue()).toBe('Olá {nome}! Pão quentinho às 17h.');
    expect(sandbox.waitingNewsletters()).toEqual([]);
  }, 60_000);

  it('sends an image with its text on WhatsApp as two messages, and refuses a file that is not an image in both languages', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Send', exact: true }).click();
    await page.getByRole('combobox', { name: /^Phone/ }).selectOption({ label: 'Front desk Pixel (online)' });
    await page.getByRole('combobox', { name: /^Channel/ }).selectOption({ label: 'WhatsApp Business' });
    await page.getByRole('textbox', { name: /^Numbers/ }).fill('+55 21 99876-5432');
    await page.getByRole('textbox', { name: /^Message/ }).fill('Chegou o bolo de fubá! Encomendas até sexta.');
    nextFile = 'image';
    await page.getByRole('button', { name: 'Choose an image…' }).click();
    await page.getByRole('img', { name: 'Preview of promo.jpg' }).waitFor();
    await page.getByTestId('image-text-note').waitFor();
    expect(await page.getByTestId('sms-counter').count()).toBe(0);
    await page.getByTestId('image').scrollIntoViewIfNeeded();
    await app.screenshot('sending-image-with-text');
    expect(await app.accessibilityViolations()).toEqual([]);
    await press('Review and send…');
    await app.screenshot('sending-image-confirm');
    await press('Send now');
    await expect.poll(() => page.getByTestId('send-results').textContent()).toMatch(/Queued for 1 number\./);
    const sends = (await page.evaluate(() => window.api.invoke('sending:list', { limit: 2 }))) as {
      ok: true;
      value: { body: string; image: string | null; state: string }[];
    };
    expect(sends.value.map((s) => [s.body, s.image, s.state]).reverse()).toEqual([
      ['Chegou o bolo de fubá! Encomendas até sexta.', null, 'queued'],
      ['', 'promo.jpg', 'queued'],
    ]);

    nextFile = 'pdf';
    await page.getByRole('button', { name: 'Another image…' }).click();
    await expect
      .poll(() => page.getByTestId('image').textContent())
      .toContain('“cardapio.jpg” is not an image (JPEG, PNG, WebP or GIF). Choose a photo or picture.');
    expect(await page.getByRole('img', { name: /Preview of/ }).count()).toBe(0);
    await app.screenshot('sending-refusal-en');
    await language('pt-BR');
    await page.getByRole('button', { name: 'Escolher uma imagem…' }).click();
    await expect.poll(() => page.getByTestId('image').textContent()).toContain('“cardapio.jpg” não é uma imagem (JPEG, PNG, WebP ou GIF).');
    await app.screenshot('sending-refusal-pt');
    expect(await app.accessibilityViolations()).toEqual([]);
    await language('en');
  }, 60_000);
});
