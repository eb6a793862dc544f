import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import type { CampaignDetail, NewsletterView, SingleSendView, StatusCounts } from '../../shared/ipc';
import { closeBrowser, launchApp, type AppUnderTest, importPickedFile } from './harness';

// The sending screens over the real services and the sandbox (its clock manual, so phones send, fail and
// report in milliseconds): a newsletter to an imported tag, a personalised campaign from a CSV with its plan,
// its progress and its failures, a single send with an image, and one screen in pt-BR. Screenshots go to
// test-results/screens/ and axe checks every screen.

const CLIENTS = [
  'nome,telefone,pedido',
  ...Array.from({ length: 12 }, (_, i) => `Cliente ${i + 1},+55 11 9${String(87650000 + i * 7919).slice(0, 8)},PED-${1000 + i}`),
].join('\n');

/** A small PNG (a two-colour gradient), built by hand so the test needs no image files. */
function png(width: number, height: number): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (data: Buffer) => {
    let c = 0xffffffff;
    for (const byte of data) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows[at] = 30 + Math.round((200 * x) / width);
      rows[at + 1] = 110;
      rows[at + 2] = 235 - Math.round((150 * y) / height);
    }
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('sending screens', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;
  let work: string;
  const files = { csv: '', image: '', report: '' };

  /** Moves the sandbox's phones along (polls, sends, reports) in steps. */
  async function passTime(ms: number, step = 5_000) {
    for (let done = 0; done < ms; done += step) await sandbox.advance(step);
  }

  /** A channel called from the page, as the screens call it. */
  async function invoke<T>(channel: string, input?: unknown): Promise<T> {
    const answer = (await app.page.evaluate(([c, i]) => window.api.invoke(c as never, i as never), [channel, input] as const)) as
      { ok: true; value: T } | { ok: false; error: { message: string } };
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
    return answer.value;
  }

  /**
   * Advances the sandbox's clock a second at a time until a send is under way: some messages sent or
   * delivered, some still waiting. Fails if it jumps from nothing to finished (no progress to see).
   */
  async function advanceUntilMidway(read: () => Promise<StatusCounts>) {
    for (let step = 0; step < 180; step++) {
      const counts = await read();
      const gone = counts.sent + counts.delivered;
      const waiting = counts.total - gone - counts.failed;
      if (gone > 0 && waiting > 0) return counts;
      if (counts.total > 0 && waiting <= 0) throw new Error(`finished before it was seen under way: ${JSON.stringify(counts)}`);
      await sandbox.advance(1_000);
    }
    throw new Error('nothing moved in three minutes of sandbox time');
  }

  /** Messages as the gateway lists them (getallsms), read straight from the sandbox. */
  async function gatewayMessages(filter: Record<string, string>) {
    const token = (
      (await (
        await fetch(`${sandbox.baseUrl}gettoken?${new URLSearchParams({ email: sandbox.demo.email, pass: sandbox.demo.password })}`)
      ).json()) as { token: string }
    ).token;
    const listed = (await (await fetch(`${sandbox.baseUrl}getallsms?${new URLSearchParams({ token, ...filter })}`)).json()) as {
      smss: Record<string, { body: string; status: number | string; sim: number }> | [];
    };
    return Object.values(listed.smss);
  }

  /** The figures a status bar says ("3 delivered · 2 sent · 0 failed · 7 waiting"). */
  function spoken(label: string | null) {
    const m = /(\d+) delivered · (\d+) sent · (\d+) failed · (\d+) waiting/.exec(label ?? '');
    return m ? { delivered: Number(m[1]), sent: Number(m[2]), failed: Number(m[3]), waiting: Number(m[4]) } : null;
  }

  /** Presses a composer step's button once it can be pressed (main's preview answers first). */
  async function press(name: string) {
    const button = app.page.getByRole('button', { name, exact: true });
    await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
    await button.click();
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'relay-e2e-campaigns-'));
    files.csv = join(work, 'clientes.csv');
    files.image = join(work, 'promo.png');
    files.report = join(work, 'report.csv');
    await writeFile(files.csv, CLIENTS);
    await writeFile(files.image, png(240, 150));
    sandbox = await startSandbox({ clock: 'manual', startAt: new Date(), random: () => 0.5 });
    app = await launchApp({
      platform: {
        startSandbox: async () => sandbox,
        pickFile: async ({ title }) => (/image/i.test(title) ? files.image : files.csv),
        saveFile: async () => files.report,
      },
    });
    const { page } = app;
    await page.getByRole('button', { name: 'Try without an account' }).click();
    await page.getByRole('link', { name: 'Newsletters', exact: true }).waitFor();
    // A tag in the registry with contacts: imported through the contract, as the Contacts screen does.
    const imported = await importPickedFile(page, 'Clientes da loja');
    expect(imported).toBe('done');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await closeBrowser();
    await rm(work, { recursive: true, force: true });
  });

  it('composes a newsletter, reviews it with a test send, creates it and watches it once started on the phone', async () => {
    const { page } = app;
    const { healthy } = sandbox.seeded!;
    await page.getByRole('link', { name: 'Newsletters', exact: true }).click();
    // The steps: tags → title and message → phone and time → review.
    await page.getByRole('checkbox', { name: 'Clientes da loja (12 contacts)' }).check();
    await press('Next');
    await page.getByRole('textbox', { name: /^Title/ }).fill('Promoção de maio');
    await page.getByRole('textbox', { name: /^Message/ }).fill('Olá! Tudo com 20% off até domingo na Padaria Estrela.');
    expect(await page.getByTestId('forced-unicode').textContent()).toContain('á');
    await press('Next');
    await page.getByRole('combobox', { name: /^Phone/ }).selectOption({ label: 'Front desk Pixel (online)' });
    await press('Review');
    const summary = page.getByTestId('newsletter-summary');
    await expect.poll(() => summary.textContent()).toContain('12 recipients');
    await page.getByRole('textbox', { name: 'Test number' }).fill('+55 11 91234-5678');
    await page.getByRole('button', { name: 'Send the test' }).click();
    await page.getByText(/Test sent to/).waitFor();
    await app.screenshot('newsletter');
    expect(await app.accessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Create the newsletter' }).click();
    const created = page.getByTestId('newsletter-created');
    await expect.poll(() => created.textContent()).toContain('presses Start in the SMSGateway24 app on Front desk Pixel');

    const waiting = sandbox.waitingNewsletters();
    expect(waiting.length).toBe(1);
    sandbox.startNewsletter(waiting[0]!);
    // Mid-way: the phone has sent some and still holds others; the screen shows both.
    const [mine] = await invoke<NewsletterView[]>('newsletters:list');
    const under = await advanceUntilMidway(async () => (await invoke<NewsletterView>('newsletters:refresh', { id: mine!.id })).counts);
    const entry = page.getByTestId(`newsletter-${mine!.id}`);
    await expect
      .poll(async () => spoken(await entry.getByRole('img').getAttribute('aria-label')), { timeout: 25_000 })
      .toEqual({
        delivered: under.delivered,
        sent: under.sent,
        failed: under.failed,
        waiting: under.total - under.delivered - under.sent - under.failed,
      });
    await entry.scrollIntoViewIfNeeded();
    await app.screenshot('newsletter-progress');
    expect(await app.accessibilityViolations()).toEqual([]);
    void healthy;
  }, 90_000);

  it('previews a personalised campaign from a CSV with its plan, sends it, and shows progress and failures', async () => {
    const { page } = app;
    const { flaky } = sandbox.seeded!;
    await page.getByRole('link', { name: 'Campaigns', exact: true }).click();
    await page.getByRole('radio', { name: 'A CSV file' }).check();
    await page.getByRole('button', { name: 'Choose a CSV file…' }).click();
    await page.getByText('File: clientes.csv').waitFor();
    await press('Next');
    const body = page.getByRole('textbox', { name: /^Message/ });
    await body.fill('Oi {nome}, seu pedido {pedid} saiu para entrega.');
    await page.getByText(/\{pedid\} is not a column of this list/).waitFor();
    await body.fill('Oi , seu pedido  saiu para entrega.');
    await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
    await page.getByRole('button', { name: 'Insert nome' }).click();
    await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.indexOf('  ') + 1, el.value.indexOf('  ') + 1));
    await page.getByRole('button', { name: 'Insert pedido' }).click();
    expect(await body.inputValue()).toBe('Oi {nome}, seu pedido {pedido} saiu para entrega.');
    const preview = page.getByTestId('campaign-preview');
    await expect.poll(() => preview.textContent()).toContain('Oi Cliente 1, seu pedido PED-1000 saiu para entrega.');
    await press('Next');
    for (const title of ['Front desk Pixel', 'Warehouse Galaxy']) {
      const box = page.getByRole('checkbox', { name: new RegExp(`^${title}`) }).first();
      if ((await box.count()) > 0) await box.check();
    }
    await page.getByText('Pacing', { exact: true }).click();
    await page.getByRole('spinbutton', { name: /At most per phone per day/ }).fill('500');
    await press('Review');
    await page.getByTestId('plan').waitFor();
    await app.screenshot('campaign');
    expect(await app.accessibilityViolations()).toEqual([]);

    // The flaky phone has lost its SMS permission: its share fails with 100.
    sandbox.setSmsPermission(flaky, 'not-allowed-on-phone');
    // The confirmation step repeats who, how many, when, which phones and how many SMS before anything leaves.
    const confirm = page.getByRole('region', { name: /Send this campaign\?/ });
    await confirm.getByTestId('confirm-send').waitFor();
    await app.screenshot('campaign-confirm');
    await press('Send now');
    const watch = page.getByTestId('campaign-watch');
    await watch.waitFor({ timeout: 15_000 });
    // Mid-way, read on the gateway itself by the campaign's customerids (the app reads back at its own pace).
    const campaignId = Number(/[?&]id=(\d+)/.exec(page.url())![1]);
    const started = await invoke<CampaignDetail>('campaigns:get', { id: campaignId });
    await advanceUntilMidway(async () => {
      const statuses: number[] = [];
      for (let id = started.customerIds.first; id <= started.customerIds.last; id++)
        statuses.push(...(await gatewayMessages({ customerid: String(id) })).map((m) => Number(m.status)));
      const count = (codes: number[]) => statuses.filter((c) => codes.includes(c)).length;
      return {
        new: 0,
        queued: 0,
        taken: 0,
        sent: count([6]),
        delivered: count([7]),
        failed: count([8, 9, 10, 11, 12, 100, 101]),
        total: started.recipients,
      };
    });
    const underWay = (figures: ReturnType<typeof spoken>) =>
      figures !== null && figures.delivered + figures.sent > 0 && figures.waiting > 0;
    await expect
      .poll(async () => underWay(spoken(await watch.getByRole('img').first().getAttribute('aria-label'))), { timeout: 25_000 })
      .toBe(true);
    await app.screenshot('campaign-progress');
    expect(await app.accessibilityViolations()).toEqual([]);

    await passTime(600_000, 10_000);
    // Finished: nothing waits any more, and the failures are grouped by code.
    await expect
      .poll(async () => spoken(await watch.getByRole('img').first().getAttribute('aria-label'))?.waiting, { timeout: 30_000 })
      .toBe(0);
    await expect.poll(() => page.getByTestId('failure-groups').textContent(), { timeout: 25_000 }).toContain('status 100');
    await page.getByTestId('failure-groups').scrollIntoViewIfNeeded();
    await app.screenshot('campaign-failures');
    expect(await app.accessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Export the report (CSV)' }).click();
    await page.getByText('Report saved as').waitFor();
    const report = await readFile(files.report, 'utf8');
    expect(report.split('\n').filter(Boolean).length).toBeGreaterThan(12);

    // The same campaign again (same file, message and phones) is refused until confirmed.
    const before = (await invoke<unknown[]>('campaigns:list')).length;
    await page.getByRole('button', { name: /All campaigns/ }).click();
    await page.getByRole('radio', { name: 'A CSV file' }).check();
    await page.getByRole('button', { name: 'Choose a CSV file…' }).click();
    await page.getByText('File: clientes.csv').waitFor();
    await press('Next');
    await page.getByRole('textbox', { name: /^Message/ }).fill('Oi {nome}, seu pedido {pedido} saiu para entrega.');
    await press('Next');
    for (const title of ['Front desk Pixel', 'Warehouse Galaxy']) {
      const box = page.getByRole('checkbox', { name: new RegExp(`^${title}`) }).first();
      if ((await box.count()) > 0) await box.check();
    }
    await page.getByText('Pacing', { exact: true }).click();
    await page.getByRole('spinbutton', { name: /At most per phone per day/ }).fill('500');
    await press('Review');
    await expect
      .poll(() => page.getByTestId('same-as').textContent(), { timeout: 15_000 })
      .toMatch(/The same message to the same people from the same phones was sent on/);
    await press('Send now');
    const dialog = page.getByRole('dialog', { name: 'You already sent this campaign' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Send it again to everyone?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await invoke<unknown[]>('campaigns:list')).length).toBe(before);
  }, 180_000);

  it('sends to a few numbers, refuses an image on SMS with the reason, and sends it on WhatsApp', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Send', exact: true }).click();
    await page.getByRole('textbox', { name: /^Numbers/ }).fill('11 98765-4321\n+55 21 99876-5432, 11987654321, 123');
    await page.getByRole('textbox', { name: /^Message/ }).fill('Seu código é 4821');
    await page.getByRole('checkbox', { name: /Urgent/ }).check();
    await page.getByRole('combobox', { name: /^Phone/ }).selectOption({ label: 'Front desk Pixel (online)' });
    await app.screenshot('send');
    expect(await app.accessibilityViolations()).toEqual([]);
    await press('Review and send…');
    await press('Send now');
    // 123 is not a number and the repeat is folded: two numbers reach main, which may leave out an opted-out one.
    expect(await page.getByTestId('checked-numbers').textContent()).toContain('not a phone number 123');
    await expect.poll(() => page.getByTestId('send-results').textContent()).toMatch(/Queued for [12] numbers?\./);

    await page.getByRole('button', { name: 'Choose an image…' }).click();
    await page.getByRole('img', { name: 'Preview of promo.png' }).waitFor();
    await page.getByTestId('image-refused').waitFor();
    expect(await page.getByRole('button', { name: 'Review and send…', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('combobox', { name: /^Channel/ }).selectOption({ label: 'WhatsApp Business' });
    await expect.poll(() => page.getByTestId('image-refused').count()).toBe(0);
    await page.getByRole('combobox', { name: /^Channel/ }).selectOption({ label: 'SIM 1 (SMS)' });
    await page.getByTestId('image-refused').waitFor();
    await app.screenshot('send-image');
    expect(await app.accessibilityViolations()).toEqual([]);

    // On WhatsApp Business it goes: the gateway stores the image and its URL replaces the message's body.
    await page.getByRole('combobox', { name: /^Channel/ }).selectOption({ label: 'WhatsApp Business' });
    await page.getByRole('textbox', { name: /^Numbers/ }).fill('+55 21 99876-5432');
    await press('Review and send…');
    await press('Send now');
    await expect.poll(() => page.getByTestId('send-results').textContent()).toMatch(/Queued for 1 number\./);
    const sent = (await invoke<SingleSendView[]>('sending:list', { limit: 10 })).find((s) => s.image !== null && s.state === 'queued');
    expect(sent?.customerId).toBeGreaterThan(0);
    const [onGateway] = await gatewayMessages({ customerid: String(sent!.customerId) });
    expect(onGateway?.body).toMatch(/^https?:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f]+\.png$/);
    const stored = Buffer.from(await (await fetch(onGateway!.body)).arrayBuffer());
    expect(stored.equals(await readFile(files.image))).toBe(true);
  }, 60_000);

  it('keeps the opt-out list: STOP replies joined it by themselves, a number is added by hand and removed after confirming', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Opt-outs', exact: true }).click();
    const panel = page.getByTestId('opt-outs');
    await panel.getByRole('textbox', { name: /^Numbers to add/ }).fill('+55 31 91234-5678\n12');
    await panel.getByRole('button', { name: 'Add to the list' }).click();
    await expect.poll(() => panel.getByTestId('opt-out-added').textContent()).toBe('1 number added. Not a phone number: 12.');
    const rows = panel.getByTestId('opt-out-row');
    // The recipients who replied STOP, SAIR, PARAR… to the sends above are there too, named by their reply.
    await expect
      .poll(() => rows.allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^\+5531912345678Added by hand/),
          expect.stringMatching(/^\+\d+Replied (STOP|SAIR|PARAR|CANCELAR)/),
        ]),
      );
    await panel.scrollIntoViewIfNeeded();
    await app.screenshot('opt-outs');
    expect(await app.accessibilityViolations()).toEqual([]);
    await panel.getByRole('button', { name: 'Remove +5531912345678 from the list' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, remove it' }).click();
    await expect.poll(() => rows.allTextContents()).not.toEqual(expect.arrayContaining([expect.stringMatching(/^\+5531912345678/)]));
    const left = await invoke<{ rows: { phone: string }[] }>('optouts:list', { search: '5531912345678' });
    expect(left.rows).toEqual([]);
  }, 60_000);

  it('says when opted-out contacts are in a newsletter’s tags, and sends it as a campaign without them', async () => {
    const { page } = app;
    // The first client of the imported tag opts out.
    await invoke('optouts:add', { phones: ['+55 11 98765-0000'] });
    const campaignsBefore = (await invoke<unknown[]>('campaigns:list')).length;
    await page.getByRole('link', { name: 'Newsletters', exact: true }).click();
    const another = page.getByRole('button', { name: 'New newsletter' });
    if ((await another.count()) > 0) await another.click();
    await page.getByRole('checkbox', { name: 'Clientes da loja (12 contacts)' }).check();
    await press('Next');
    await page.getByRole('textbox', { name: /^Title/ }).fill('Aviso de feriado');
    await page.getByRole('textbox', { name: /^Message/ }).fill('Fechados na segunda-feira. Até terça!');
    await press('Next');
    await page.getByRole('combobox', { name: /^Phone/ }).selectOption({ label: 'Front desk Pixel (online)' });
    await press('Review');
    const notice = page.getByTestId('opted-out');
    await expect
      .poll(() => notice.textContent(), { timeout: 15_000 })
      .toContain('1 contact in these tags opted out. A newsletter goes to the whole tag on the gateway, so it would reach them too.');
    expect(await page.getByTestId('newsletter-summary').textContent()).toContain('11 recipients');
    expect(await notice.getByRole('radio', { name: /recommended/ }).isChecked()).toBe(true);
    await notice.scrollIntoViewIfNeeded();
    await app.screenshot('newsletter-opted-out');
    expect(await app.accessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Send it as a campaign' }).click();
    const created = page.getByTestId('newsletter-created');
    await expect
      .poll(() => created.textContent(), { timeout: 15_000 })
      .toContain('Sent as a campaign to 11 recipients, leaving out the 1 who opted out.');
    expect(sandbox.waitingNewsletters()).toEqual([]);
    const campaigns = await invoke<{ recipients: number }[]>('campaigns:list');
    expect(campaigns.length).toBe(campaignsBefore + 1);
    await created.getByRole('link', { name: 'Watch the campaign' }).click();
    await page.getByTestId('campaign-watch').waitFor();
  }, 60_000);

  it('speaks Portuguese on the campaign screen', async () => {
    const { page } = app;
    await page.evaluate(() => window.api.invoke('settings:update', { language: 'pt-BR' } as never));
    await page.getByRole('navigation', { name: 'Seções' }).getByRole('link', { name: 'Campanhas' }).click();
    await page.getByRole('heading', { name: 'Campanhas', level: 1 }).waitFor();
    // The CSV campaign (the oldest: the newsletter sent as a campaign came after it) has failures to word.
    await page.getByRole('link', { name: 'Acompanhar' }).last().click();
    await page.getByTestId('failure-groups').waitFor();
    await app.screenshot('campaign-pt-BR');
    expect(await app.accessibilityViolations()).toEqual([]);
  }, 60_000);
});
