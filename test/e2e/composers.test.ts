import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import type { Language } from '../../shared/domain';
import { en, ptBR } from '../../shared/i18n';
import { closeBrowser, launchApp, type AppUnderTest, importPickedFile } from './harness';

// The composers in steps (issue 23), over the real services and the sandbox, at 1024×640 in both languages:
// each step of the campaign and newsletter composers, and the Send screen's confirmation, as a screenshot
// (test-results/screens/composer-*.png), axe clean, fitting the window without scrolling (the step's buttons
// above the status bar), its heading focused when it opens, the default phone pre-selected, and nothing lost
// going back through the steps.

const PHONES = Array.from({ length: 8 }, (_, i) => `+55 11 9${String(72000000 + i * 1237).slice(0, 8)}`);
// Two rows a campaign leaves out: a repeated number and one that is not a number.
const CLIENTS = [
  'nome,telefone,pedido',
  ...PHONES.map((p, i) => `Cliente ${i + 1},${p},PED-${2000 + i}`),
  `Cliente 9,${PHONES[0]},PED-2008`,
  'Cliente 10,123,PED-2009',
].join('\n');
const WORDS = { en, 'pt-BR': ptBR } as const;

describe('composers in steps', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;
  let work: string;
  const problems: string[] = [];

  async function language(lang: Language) {
    await app.page.evaluate((l) => window.api.invoke('settings:update', { language: l }), lang);
    await app.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  async function open(screen: string) {
    // Through Home first, so the composer starts afresh.
    await app.page.evaluate(() => (location.hash = '#/home'));
    await app.page.evaluate((s) => (location.hash = `#/${s}`), screen);
    await app.page.locator('main h1').first().waitFor();
  }

  /**
   * A screenshot of the open step, checked: axe clean, its buttons visible above the status bar with the screen
   * scrolled to the top (it fits 1024×640 without scrolling), and the page no wider than the window.
   */
  async function shoot(name: string, steps: Locator) {
    const { page } = app;
    await page.mouse.move(1023, 639);
    await page.locator('main.content').evaluate((main) => main.scrollTo(0, 0));
    const fits = await steps.evaluate((frame) => {
      const actions = frame.lastElementChild!.getBoundingClientRect();
      const status = document.querySelector('.statusbar')!.getBoundingClientRect();
      return {
        actionsBottom: Math.round(actions.bottom),
        statusTop: Math.round(status.top),
        wider: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    if (fits.actionsBottom > fits.statusTop)
      problems.push(`${name}: the step's buttons end at ${fits.actionsBottom}px, below the window (${fits.statusTop}px)`);
    if (fits.wider > 0) problems.push(`${name}: ${fits.wider}px wider than the window`);
    await app.screenshot(name);
    for (const violation of await app.accessibilityViolations()) problems.push(`${name}: ${violation}`);
  }

  /** The open step's heading has the focus (not the top of the page). */
  async function headingFocused(steps: Locator) {
    await expect.poll(() => steps.evaluate((frame) => document.activeElement === frame.querySelector('h3'))).toBe(true);
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'relay-e2e-composers-'));
    const csv = join(work, 'pedidos.csv');
    await writeFile(csv, CLIENTS);
    sandbox = await startSandbox({ clock: 'manual', startAt: new Date(), random: () => 0.5 });
    app = await launchApp({
      platform: { startSandbox: async () => sandbox, pickFile: async () => csv, saveFile: async () => join(work, 'x.csv') },
    });
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.getByRole('button', { name: 'Try without an account' }).click();
    await page.locator('main h1').first().waitFor();
    const imported = await importPickedFile(page, 'Clientes da loja');
    expect(imported).toBe('done');
    // Settings' default phone: the composers start with it chosen.
    const saved = await page.evaluate(
      (id) => window.api.invoke('settings:update', { defaultDeviceId: id, defaultSim: 0 }).then((r) => r.ok),
      sandbox.seeded!.healthy,
    );
    expect(saved).toBe(true);
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await closeBrowser();
    await rm(work, { recursive: true, force: true });
  });

  for (const lang of ['en', 'pt-BR'] as const) {
    const w = WORDS[lang];
    const suffix = lang === 'en' ? 'en' : 'pt';

    it(`walks the campaign composer's four steps and back, in ${lang}`, async () => {
      const { page } = app;
      await language(lang);
      await open('campaigns');
      const steps = page.getByTestId('campaign-steps');
      const next = steps.getByRole('button', { name: w.composer.next, exact: true });
      // 1 Recipients: a CSV file, what it holds and what is left out; Next says why it waits until then.
      expect(await steps.getByTestId('why-disabled').textContent()).toBe(w.screens.disabled.noRecipients);
      await steps.getByRole('radio', { name: w.campaigns.bulk.fromFile }).check();
      await steps.getByRole('button', { name: w.campaigns.bulk.pickFile }).click();
      await expect
        .poll(() => steps.getByTestId('source-figures').textContent(), { timeout: 15_000 })
        .toMatch(lang === 'en' ? /8 recipients.*2 rows left out/ : /8 destinatários.*2 linhas/);
      await shoot(`composer-campaign-1-recipients-${suffix}`, steps);
      await next.click();

      // 2 Message: the columns at hand, the first rows as they go out.
      await headingFocused(steps);
      const body = steps.getByRole('textbox', { name: new RegExp(`^${w.campaigns.bulk.template}`) });
      await body.fill('Oi , seu pedido  saiu para entrega.');
      await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
      await steps.getByRole('button', { name: w.campaigns.bulk.insert.replace('{{column}}', 'nome') }).click();
      // The field puts the caret after what it inserted on the next frame; place the next one only after that.
      await expect.poll(() => body.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe('Oi {nome}'.length);
      await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.indexOf('  ') + 1, el.value.indexOf('  ') + 1));
      await steps.getByRole('button', { name: w.campaigns.bulk.insert.replace('{{column}}', 'pedido') }).click();
      await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
      await body.press('Enter'); // a new line, never a send
      await expect
        .poll(() => steps.getByTestId('campaign-preview').textContent(), { timeout: 15_000 })
        .toContain('Oi Cliente 1, seu pedido PED-2000 saiu para entrega.');
      await shoot(`composer-campaign-2-message-${suffix}`, steps);
      await next.click();

      // 3 When and phones: Settings' default phone is ticked.
      await headingFocused(steps);
      const ticked = await steps
        .getByRole('checkbox')
        .evaluateAll((boxes) => boxes.filter((b) => (b as HTMLInputElement).checked).map((b) => b.closest('label')!.textContent));
      expect(ticked).toEqual([expect.stringMatching(/^Front desk Pixel/)]);
      await steps.getByRole('radio', { name: w.campaigns.when.at }).check();
      const later = new Date(Date.now() + 26 * 3_600_000);
      await steps
        .getByLabel(w.campaigns.when.pick)
        .fill(new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
      await steps.getByLabel(w.campaigns.when.pick).press('Enter');
      await shoot(`composer-campaign-3-when-${suffix}`, steps);
      await steps.getByRole('button', { name: w.composer.toReview, exact: true }).click();

      // 4 Review: who, how many, when, which phones, how many SMS; nothing sent yet.
      await headingFocused(steps);
      const confirm = steps.getByTestId('confirm-send');
      await expect.poll(() => confirm.textContent(), { timeout: 15_000 }).toContain('pedidos.csv');
      expect(await confirm.textContent()).toContain('Front desk Pixel');
      await shoot(`composer-campaign-4-review-${suffix}`, steps);
      expect(await page.evaluate(() => window.api.invoke('campaigns:list').then((r) => (r.ok ? r.value.length : -1)))).toBe(0);

      // Back through the indicator to the first step and forward again: nothing was lost.
      await steps
        .getByRole('navigation')
        .getByRole('button', { name: `1 ${w.composer.steps.recipients}` })
        .click();
      expect(await steps.getByText(w.campaigns.bulk.file.replace('{{name}}', 'pedidos.csv')).count()).toBe(1);
      await steps
        .getByRole('navigation')
        .getByRole('button', { name: `2 ${w.composer.steps.message}` })
        .click();
      expect(await body.inputValue()).toBe('Oi {nome}, seu pedido {pedido} saiu para entrega.\n');
      await steps
        .getByRole('navigation')
        .getByRole('button', { name: `4 ${w.composer.steps.review}` })
        .click();
      await expect.poll(() => confirm.textContent(), { timeout: 15_000 }).toContain('pedidos.csv');
    }, 90_000);

    it(`walks the newsletter composer's four steps, in ${lang}`, async () => {
      const { page } = app;
      await language(lang);
      await open('newsletters');
      const steps = page.getByTestId('newsletter-steps');
      const next = steps.getByRole('button', { name: w.composer.next, exact: true });
      expect(await steps.getByTestId('why-disabled').textContent()).toBe(w.campaigns.newsletters.pickTag);
      await steps.getByRole('checkbox', { name: /Clientes da loja/ }).check();
      await shoot(`composer-newsletter-1-recipients-${suffix}`, steps);
      await next.click();

      await headingFocused(steps);
      expect(await steps.getByTestId('why-disabled').textContent()).toBe(w.composer.disabled.noTitle);
      await steps.getByRole('textbox', { name: new RegExp(`^${w.campaigns.newsletters.titleField}`) }).fill('Promoção de dezembro');
      await steps
        .getByRole('textbox', { name: new RegExp(`^${w.campaigns.newsletters.body}`) })
        .fill('Tudo com 20% off até domingo na Padaria Estrela.');
      await steps.getByRole('textbox', { name: new RegExp(`^${w.campaigns.newsletters.titleField}`) }).press('Enter');
      await shoot(`composer-newsletter-2-message-${suffix}`, steps);
      await next.click();

      await headingFocused(steps);
      expect(
        await steps
          .getByRole('combobox', { name: new RegExp(`^${w.campaigns.phone.label}`) })
          .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
      ).toMatch(/^Front desk Pixel/);
      await shoot(`composer-newsletter-3-when-${suffix}`, steps);
      await steps.getByRole('button', { name: w.composer.toReview, exact: true }).click();

      await headingFocused(steps);
      const summary = steps.getByTestId('newsletter-summary');
      await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(lang === 'en' ? /8 recipients/ : /8 destinatários/);
      expect(await summary.getByTestId('confirm-newsletter').textContent()).toContain('Clientes da loja');
      await shoot(`composer-newsletter-4-review-${suffix}`, steps);
      expect(sandbox.waitingNewsletters()).toEqual([]);
    }, 90_000);

    it(`confirms a single send before it leaves, in ${lang}`, async () => {
      const { page } = app;
      await language(lang);
      await open('send');
      const steps = page.getByTestId('send-steps');
      await steps.getByRole('textbox', { name: new RegExp(`^${w.campaigns.single.numbers}`) }).fill('11 98111-2233\n+55 21 98222-3344');
      const body = steps.getByRole('textbox', { name: new RegExp(`^${w.campaigns.single.body}`) });
      await body.fill('Seu pedido está pronto para retirada.');
      await shoot(`composer-send-1-message-${suffix}`, steps);
      await steps.getByRole('button', { name: w.sending.confirm.review }).click();
      await headingFocused(steps);
      const confirm = steps.getByTestId('confirm-single');
      expect(await confirm.textContent()).toContain('+5511981112233, +5521982223344');
      expect(await confirm.textContent()).toContain('Front desk Pixel');
      await shoot(`composer-send-2-review-${suffix}`, steps);
      // Nothing left: the confirmation's button alone sends.
      expect(await page.evaluate(() => window.api.invoke('sending:list', { limit: 5 }).then((r) => (r.ok ? r.value.length : -1)))).toBe(0);
      await steps.getByRole('button', { name: w.composer.back }).click();
      expect(await body.inputValue()).toBe('Seu pedido está pronto para retirada.');
    }, 60_000);
  }

  it('found nothing that breaks a step at 1024×640', () => {
    expect(problems).toEqual([]);
  });
});
