import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

// The Messages screen and the report over the real services and the sandbox: a seeded history of a few
// thousand messages, the first sync asking how far back, filters that survive a reload, a message's
// details, the CSV export and the report. Screenshots go to test-results/screens/; axe checks each screen.

describe('messages screen and report', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;
  let work: string;
  let exportPath = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'relay-messages-e2e-'));
    exportPath = join(work, 'messages.csv');
    sandbox = await startSandbox({ clock: 'manual', startAt: new Date(Date.now() - 60_000), random: () => 0.5 });
    sandbox.seedHistory({ count: 4_000, days: 20, seed: 7 });
    app = await launchApp({ platform: { startSandbox: async () => sandbox, saveFile: async () => exportPath } });
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
    await rm(work, { recursive: true, force: true });
  });

  it('syncs by itself back to the reach in Settings (30 days), then lists the history', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Try without an account' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Messages' }).click();
    // Nothing to choose first: the last days, then the rest, come in the background.
    expect(await page.getByTestId('first-sync').count()).toBe(0);

    // The count line says how many match and how many are shown; the mirror line how far back it reaches.
    await expect.poll(() => page.getByTestId('list-count').textContent(), { timeout: 30_000 }).toMatch(/^500 shown of [\d,]{4,}$/);
    await expect
      .poll(() => page.getByTestId('mirror').textContent(), { timeout: 30_000 })
      .toMatch(/Last synced .* · reaches back to .* · [\d,]+ messages on this computer/);
    expect(await page.getByRole('row').count()).toBeGreaterThan(5);
    await app.screenshot('messages');
    expect(await app.accessibilityViolations()).toEqual([]);
  });

  it('filters by status and text in the URL, and a reload keeps them', async () => {
    const { page } = app;
    const before = await page.getByTestId('list-count').textContent();
    await page.locator('label', { hasText: /^Failed$/ }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('status=failed');
    await expect.poll(() => page.getByTestId('list-count').textContent()).not.toBe(before);
    const failed = await page.getByTestId('list-count').textContent();
    // Every row shown is a failure.
    const statuses = await page.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => /^Not (sent|delivered)/.test(s))).toBe(true);

    await app.reload();
    await expect.poll(() => page.getByTestId('list-count').textContent()).toBe(failed);
    expect(await page.getByRole('checkbox', { name: 'Failed' }).isChecked()).toBe(true);
    await app.screenshot('messages-filtered');
    expect(await app.accessibilityViolations()).toEqual([]);
  });

  it('opens a message with its times in both zones and what its status means', async () => {
    const { page } = app;
    // The user's zone (Settings) differs from the gateway's (the sandbox answers in Europe/Paris).
    await page.evaluate(() => window.api.invoke('settings:update', { timeZone: 'America/Sao_Paulo' }));
    await app.reload();
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.locator('tbody tr').first().click();
    const detail = page.getByTestId('message-detail');
    await expect.poll(() => detail.textContent()).toContain('What it means');
    const text = (await detail.textContent()) ?? '';
    expect(text).toMatch(/What to do/);
    // Created, at its instant in both zones: "… your time (America/Sao_Paulo) · … gateway (Europe/Paris)".
    expect(text).toMatch(/Created.*\d{1,2}:\d{2}.*your time \(America\/Sao_Paulo\) · .*\d{1,2}:\d{2}.*gateway \(Europe\/Paris\)/);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/msg=\d+/);
    await app.screenshot('message-detail');
    expect(await app.accessibilityViolations()).toEqual([]);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).not.toMatch(/msg=/);
  });

  it('exports what is shown as CSV with a BOM', async () => {
    const { page } = app;
    const shown = (await page.getByTestId('list-count').textContent())!.match(/of ([\d,]+)/)![1]!.replace(/,/g, '');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/messages saved to messages\.csv/);
    const csv = await readFile(exportPath, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.trim().split('\n').length - 1).toBe(Number(shown));
  });

  it('shows the report over the synced range', async () => {
    const { page } = app;
    // uPlot sizes and colours through element.style; the CSP (style-src 'self') must neither block nor report it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    });
    await page.getByRole('link', { name: 'Report' }).click();
    const from = await page.evaluate(() => {
      const d = new Date(Date.now() - 19 * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await page.getByLabel('From (day)').fill(from);
    await expect.poll(() => page.getByTestId('report-figures').textContent()).toMatch(/Delivery rate\d/);
    await expect.poll(() => page.getByRole('img', { name: /delivered, .* failed, .* waiting, one bar per day/ }).count()).toBe(1);
    await page.locator('label', { hasText: /^Phone$/ }).click();
    await expect.poll(() => page.getByRole('img', { name: /one bar per day/ }).count()).toBeGreaterThan(0);
    // Each chart painted its bars: the canvas holds pixels in the app's delivered and failed colours. Charts are
    // drawn a frame after they mount, and grouping by phone replaces the one chart, so look until they settle.
    const paintedCharts = () =>
      page.evaluate(() => {
        const charts = document.querySelectorAll('[role="img"][aria-label*="one bar per day"]').length;
        const painted = [...document.querySelectorAll('canvas')].map((canvas) => {
          const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          let delivered = 0;
          let failed = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i] === 0x11 && pixels[i + 1] === 0x63 && pixels[i + 2] === 0x29) delivered++;
            if (pixels[i] === 0xc6 && pixels[i + 1] === 0x28 && pixels[i + 2] === 0x28) failed++;
          }
          return { delivered, failed };
        });
        return { sameCount: painted.length === charts, allPainted: painted.every((c) => c.delivered > 1_000 && c.failed > 100) };
      });
    await expect.poll(paintedCharts).toEqual({ sameCount: true, allPainted: true });
    // The legend reads the bucket under the cursor: its day and each layer's own count.
    const plot = page.locator('.u-over').first();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    const legend = page.locator('.u-legend').first();
    await expect.poll(() => legend.textContent()).toMatch(/\w{3}, \w{3} \d{1,2}, \d{4}Delivered[\d,]+Failed[\d,]+Waiting[\d,]+/);
    await page.mouse.move(0, 0);
    await app.screenshot('report');
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(await app.accessibilityViolations()).toEqual([]);
  });
});
