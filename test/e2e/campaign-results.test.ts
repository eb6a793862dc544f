import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import type { CampaignSummary, SendResults } from '../../shared/ipc';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

// A campaign's results page over the real services and the sandbox (manual clock): a small campaign on two
// phones (one lost its SMS permission), seen while it sends and when it has finished, with a customer's question
// and a STOP; in English and Portuguese at 1024×640, as printed (print media), and saved as a PDF through the
// window's print (Chromium's page.pdf stands in for Electron's printToPDF). Screenshots: campaign-results*.png.

const CLIENTS = [
  'nome,telefone',
  ...Array.from({ length: 10 }, (_, i) => `Cliente ${i + 1},+55 11 9${String(81230000 + i * 7919).slice(0, 8)}`),
].join('\n');

describe('campaign results page', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;
  let work: string;
  const files = { csv: '', pdf: '' };
  let campaign: CampaignSummary;

  async function invoke<T>(channel: string, input?: unknown): Promise<T> {
    const answer = (await app.page.evaluate(([c, i]) => window.api.invoke(c as never, i as never), [channel, input] as const)) as
      { ok: true; value: T } | { ok: false; error: { message: string } };
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
    return answer.value;
  }

  /**
   * The sandbox's phones work up to this computer's clock, never past it: the app reads the history "up to now",
   * and a campaign's later messages are scheduled in real time.
   */
  async function catchUp() {
    const room = Date.now() - 300 - sandbox.now().getTime();
    if (room > 0) await sandbox.advance(room);
  }
  async function runUntil(done: () => Promise<boolean>, deadlineMs = 60_000) {
    const deadline = Date.now() + deadlineMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error('the simulated phones did not settle in time');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await catchUp();
    }
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'relay-e2e-results-'));
    files.csv = join(work, 'clientes.csv');
    files.pdf = join(work, 'resultados.pdf');
    await writeFile(files.csv, CLIENTS);
    sandbox = await startSandbox({ clock: 'manual', startAt: new Date(Date.now() - 10 * 60_000), random: () => 0.5 });
    app = await launchApp({
      platform: {
        startSandbox: async () => sandbox,
        pickFile: async () => files.csv,
        saveFile: async () => files.pdf,
        printToPdf: async () => app.page.pdf({ format: 'A4', printBackground: true }),
      },
    });
    await app.page.setViewportSize({ width: 1024, height: 640 });
    await app.page.getByRole('button', { name: 'Try without an account' }).click();
    await app.page.getByRole('link', { name: 'Campaigns', exact: true }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await closeBrowser();
    await rm(work, { recursive: true, force: true });
  }, 90_000);

  it('while it sends: how many so far, and what is still on its way', async () => {
    const { page } = app;
    const { healthy, flaky } = sandbox.seeded!;
    sandbox.setSmsPermission(flaky, 'not-allowed-on-phone');
    // The phones polled a moment ago: online (the monitor reads them again until it says so).
    await runUntil(async () => {
      const snapshot = await invoke<{ devices: { device: { id: number }; online: boolean }[] }>('devices:refresh');
      return [healthy, flaky].every((id) => snapshot.devices.some((d) => d.device.id === id && d.online));
    }, 30_000);
    const file = await invoke<{ fileId: string }>('campaigns:pickFile');
    ({ campaign } = await invoke<{ campaign: CampaignSummary }>('campaigns:start', {
      source: { kind: 'file', fileId: file.fileId },
      body: 'Oi {nome}, a promoção de Natal começou: 20% em tudo até domingo!',
      phones: [
        { deviceId: healthy, sim: 0 },
        { deviceId: flaky, sim: 0 },
      ],
      title: 'Promoção de Natal',
    }));
    // Up to now: each phone sent its first messages; the rest are paced over the next seconds.
    await catchUp();
    await invoke('messages:sync');
    await page.goto(`${page.url().split('#')[0]}#/campaigns?id=${campaign.id}&view=results`);
    const results = page.getByTestId('campaign-results');
    await results.waitFor();
    await expect.poll(() => results.getAttribute('data-phase')).toBe('running');
    expect(await page.getByTestId('results-headline').textContent()).toMatch(/still on (its|their) way\.$|^Nothing delivered yet/);
    await app.screenshot('campaign-results-running');
    expect(await app.accessibilityViolations()).toEqual([]);
  }, 60_000);

  it('finished: delivered, failed by reason, a question and an opt-out; reachable from the campaign and the list', async () => {
    const { page } = app;
    const mine = async () => {
      await invoke('messages:sync');
      return (
        await invoke<{ rows: { sendTo: string; status: number }[] }>('messages:list', {
          filter: { customerIdRange: [campaign.customerIds.first, campaign.customerIds.last] },
          limit: 100,
        })
      ).rows;
    };
    await runUntil(async () => (await mine()).filter((m) => m.status === 7 || m.status === 100).length === 10);
    const delivered = (await mine()).filter((m) => m.status === 7).map((m) => m.sendTo);
    expect(delivered.length).toBeGreaterThan(1);
    sandbox.receiveSms({ deviceId: sandbox.seeded!.healthy, from: delivered[0]!, body: 'Vale também na loja do centro?' });
    sandbox.receiveSms({ deviceId: sandbox.seeded!.healthy, from: delivered[1]!, body: 'SAIR' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await invoke('messages:sync');

    // From the Campaigns list, then the watch page's link.
    await page.getByRole('link', { name: 'Campaigns', exact: true }).click();
    await page.getByTestId(`campaign-${campaign.id}`).getByRole('link', { name: 'Results' }).click();
    const results = page.getByTestId('campaign-results');
    await expect.poll(() => results.getAttribute('data-phase'), { timeout: 15_000 }).toBe('finished');
    await page.getByRole('button', { name: /Back to the campaign/ }).click();
    await page.getByTestId('open-results').click();
    await expect.poll(() => results.getAttribute('data-phase')).toBe('finished');

    const figures = await invoke<SendResults>('results:get', { kind: 'campaign', id: campaign.id });
    expect(figures.delivered).toBe(delivered.length);
    expect(figures.failures.map((f) => f.code)).toEqual([100]);
    expect(figures.replies).toMatchObject({ messages: 2, customers: 2 });
    expect(figures.optOuts.count).toBe(1);
    const headline = await page.getByTestId('results-headline').textContent();
    expect(headline).toMatch(
      new RegExp(`^Delivered to ${delivered.length} of 10 \\(\\d+%\\)\\. \\d+ failed: not sent – app not allowed to send \\(\\d+\\)\\.$`),
    );
    await expect.poll(() => page.getByTestId('figure-opt-outs').textContent()).toContain('1');
    await page.getByTestId('results-replies').getByText('SAIR').waitFor();
    await app.screenshot('campaign-results');
    expect(await app.accessibilityViolations()).toEqual([]);

    // Saved as PDF: the window printed (print media) to the file the user chose.
    await page.getByRole('button', { name: 'Save as PDF' }).click();
    await page.getByText('Saved as resultados.pdf').waitFor();
    expect((await readFile(files.pdf)).subarray(0, 5).toString()).toBe('%PDF-');

    // As printed: no navigation, no buttons, the page on white.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.sidebar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Save as PDF' }).isVisible()).toBe(false);
    await app.screenshot('campaign-results-print');
    await page.emulateMedia({ media: 'screen' });
  }, 90_000);

  it('speaks Portuguese', async () => {
    const { page } = app;
    await invoke('settings:update', { language: 'pt-BR' });
    await page.getByRole('heading', { name: 'Resultados: Promoção de Natal' }).waitFor();
    expect(await page.getByTestId('results-headline').textContent()).toMatch(
      /^Entregue a \d+ de 10 \(\d+%\)\. \d+ falharam: não enviada – o app não tem permissão para enviar \(\d+\)\.$/,
    );
    await app.screenshot('campaign-results-pt-BR');
    expect(await app.accessibilityViolations()).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await app.screenshot('campaign-results-print-pt-BR');
    await page.emulateMedia({ media: 'screen' });
  }, 60_000);
});
