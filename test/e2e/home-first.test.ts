import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

// Home right after sign-in, before anyone opens Messages: the last days are read by themselves, so today's
// figures are there at once; nothing on Home reads as an alarm for a step not taken yet.

/** A fixed-offset zone where it is 13:00–13:59 now (Etc/GMT+11 is UTC−11). */
function afternoonZone(): string {
  const shift = (13 - new Date().getUTCHours() + 24) % 24;
  const hours = shift > 12 ? shift - 24 : shift;
  return hours === 0 ? 'UTC' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

describe('home from the first second', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;

  beforeAll(async () => {
    sandbox = await startSandbox({ clock: 'manual', startAt: new Date(Date.now() - 60_000), random: () => 0.5 });
    app = await launchApp({ platform: { startSandbox: async () => sandbox } });
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
  });

  it('shows today’s messages right after sign-in, in both languages', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 640 });
    // The seeded day is the last 24 hours: in a zone where it is early afternoon now, today holds its last hours
    // whatever the hour in UTC (just after midnight, UTC's today is minutes long and rightly empty).
    expect(await page.evaluate((timeZone) => window.api.invoke('settings:update', { timeZone }).then((r) => r.ok), afternoonZone())).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Try without an account' }).click();
    const today = page.getByTestId('home-today');
    await expect.poll(() => today.textContent(), { timeout: 30_000 }).toMatch(/[\d,]+ messages today/);
    expect(await page.getByTestId('home-attention').textContent()).not.toMatch(/history/i);
    await expect.poll(() => page.getByTestId('home-history').textContent()).toMatch(/Last synced/);
    // The rest of the history, back to Settings' reach (30 days), comes by itself in the background; then the
    // line about it goes, and nobody had to choose anything.
    await expect.poll(() => page.getByTestId('home-step-reach').count(), { timeout: 30_000 }).toBe(0);
    const mirror = (await page.evaluate(() => window.api.invoke('messages:status'))) as { ok: true; value: { reachFromMs: number | null } };
    expect(Date.now() - mirror.value.reachFromMs!).toBeGreaterThan(29 * 86_400_000);
    await app.screenshot('home-after-sign-in');
    expect(await app.accessibilityViolations()).toEqual([]);
    await page.evaluate(() => window.api.invoke('settings:update', { language: 'pt-BR' } as never));
    await expect.poll(() => today.textContent()).toMatch(/mensagens hoje/);
    await app.screenshot('home-after-sign-in-pt');
  });
});
