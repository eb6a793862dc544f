import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

// Home as the office sees it in the morning: phones online / offline, today's messages by status, what
// needs attention, when history last synced; in English and in pt-BR. Real services, sandbox history.

/** A zone where it is mid-afternoon now, so "today" holds hours of the seeded history whatever the hour here. */
function afternoonZone(now = new Date()): string {
  const offset = Math.max(-12, Math.min(14, 15 - now.getUTCHours()));
  // Etc/GMT zones have inverted signs: Etc/GMT-3 is UTC+3.
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe('home', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;

  beforeAll(async () => {
    // A real clock: the phones keep polling while the test runs, so the healthy ones stay online.
    sandbox = await startSandbox({ clock: 'real', random: () => 0.5 });
    sandbox.seedHistory({ count: 3_000, days: 10, seed: 11 });
    app = await launchApp({ platform: { startSandbox: async () => sandbox } });
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
  });

  it('shows today at a glance, each part linking to its screen', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Try without an account' }).click();
    // Nothing to choose first: the last days sync by themselves and older ones follow in the background, said
    // as a step while they are read (it may be over already), never as a problem.
    await page.getByTestId('home-history').waitFor();
    if ((await page.getByTestId('home-step-reach').count()) > 0)
      expect(await page.getByTestId('home-step-reach').textContent()).toMatch(/^The last two days are here; older messages/);
    const zone = afternoonZone();
    const since = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await page.evaluate(
      async ([timeZone, from]) => {
        await window.api.invoke('settings:update', { timeZone });
        await window.api.invoke('messages:sync', { since: from });
      },
      [zone, since] as const,
    );
    const today = page.getByTestId('home-today');
    await expect.poll(() => today.textContent(), { timeout: 30_000 }).toMatch(/[\d,]+ messages today/);
    await expect.poll(() => page.getByTestId('home-history').textContent()).toMatch(/Last synced/);
    // The seeded "drawer" phone is offline: it needs attention, and the link opens Devices filtered.
    const attention = page.getByTestId('home-attention');
    await expect.poll(() => attention.textContent()).toMatch(/1 phone is offline: Spare Moto/);
    expect(await page.getByTestId('home-phones').textContent()).toMatch(/2 online.*1 offline/);
    expect(await page.getByRole('img', { name: /^Today by status: / }).count()).toBe(1);
    await app.screenshot('home');
    expect(await app.accessibilityViolations()).toEqual([]);

    // Each group is a link to the Messages screen, filtered to today and that group.
    await today.getByRole('link', { name: /Delivered/ }).click();
    await expect
      .poll(() => page.evaluate(() => location.hash))
      .toMatch(/^#\/messages\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d&status=delivered$/);
    expect(await page.getByRole('checkbox', { name: 'Delivered' }).isChecked()).toBe(true);
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await attention.getByRole('link', { name: /phone is offline/ }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/devices?show=offline');
  });

  it('reads in Portuguese when the user picks pt-BR', async () => {
    const { page } = app;
    await page.evaluate(async () => {
      await window.api.invoke('settings:update', { language: 'pt-BR' });
    });
    await page.getByRole('link', { name: 'Início' }).click();
    await expect.poll(() => page.getByTestId('home-today').textContent()).toMatch(/mensagens hoje/);
    expect(await page.getByTestId('home-attention').textContent()).toMatch(/1 aparelho está offline/);
    await app.screenshot('home-pt-BR');
    expect(await app.accessibilityViolations()).toEqual([]);
  });
});
