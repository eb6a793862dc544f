import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { createManualClock, type ManualClock } from '../../electron/main/lib';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

// The Devices screen over the real monitor, client and sandbox. The sandbox and the monitor share one
// manual clock base, so a phone can go silent for minutes in a few milliseconds.

describe('devices screen', () => {
  let sandbox: Sandbox;
  let clock: ManualClock;
  let app: AppUnderTest;

  /** Moves gateway time and the monitor's time together, one monitor poll at a time. */
  async function passTime(ms: number, step = 10_000) {
    for (let done = 0; done < ms; done += step) {
      await sandbox.advance(step);
      await clock.advance(step);
    }
  }

  beforeAll(async () => {
    // Start the fake clock a little in the past so, after the time we pass, screens read like real time.
    sandbox = await startSandbox({ clock: 'manual', startAt: new Date(Date.now() - 150_000), random: () => 0.5 });
    clock = createManualClock(sandbox.now().getTime());
    app = await launchApp({ platform: { clock, startSandbox: async () => sandbox } });
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
  });

  it('shows the seeded phones with their state, SIMs, app version and queue', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Try without an account' }).click();
    await page.getByRole('link', { name: 'Devices', exact: true }).click();
    const { healthy, flaky, offline } = sandbox.seeded!;

    const card = (id: number) => page.getByTestId(`device-${id}`);
    await expect.poll(() => card(healthy).getAttribute('data-online')).toBe('true');
    expect(await card(offline).getAttribute('data-online')).toBe('false');
    expect(await card(healthy).textContent()).toContain('Front desk Pixel');
    expect(await card(flaky).textContent()).toContain('Update available');
    expect(await card(flaky).textContent()).toContain('roaming');
    expect(await card(healthy).textContent()).toMatch(/\d+ waiting · \d+ taken by the phone/);
    expect(await card(offline).textContent()).toMatch(/Last seen \d+ hours ago/);
    expect(await page.getByRole('img', { name: /Online history of Front desk Pixel/ }).count()).toBe(1);
    await app.screenshot('devices');
    expect(await app.accessibilityViolations()).toEqual([]);

    // The filter lives in the URL: a reload lands on the same screen with the same filter.
    await page.getByText('Offline', { exact: true }).first().click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/devices?show=offline');
    await app.reload();
    await expect.poll(() => card(offline).isVisible()).toBe(true);
    expect(await card(healthy).count()).toBe(0);
    expect(await page.getByRole('radio', { name: 'Offline' }).isChecked()).toBe(true);
    await page.locator('label', { hasText: /^All$/ }).click();
    await expect.poll(() => card(healthy).isVisible()).toBe(true);
  });

  it('marks a phone offline without a reload when it stops polling, and back online after', async () => {
    const { page } = app;
    const { healthy } = sandbox.seeded!;
    const card = page.getByTestId(`device-${healthy}`);

    sandbox.setDeviceOnline(healthy, false);
    await passTime(90_000); // threshold for a 10 s poller is 2 × 10 s + 30 s
    await expect.poll(() => card.getAttribute('data-online')).toBe('false');
    await expect.poll(() => page.getByTestId('device-banner').textContent()).toContain('Front desk Pixel went offline');
    expect(await page.getByTestId('event-log').textContent()).toContain('Front desk Pixel went offline');
    expect(app.notifications.filter((n) => n.title.includes('Front desk Pixel'))).toHaveLength(1);
    await app.screenshot('devices-offline');
    expect(await app.accessibilityViolations()).toEqual([]);

    sandbox.setDeviceOnline(healthy, true);
    await passTime(30_000);
    await expect.poll(() => card.getAttribute('data-online')).toBe('true');
    await expect.poll(() => page.getByTestId('device-banner').textContent()).toContain('Front desk Pixel is back online');
    expect(app.notifications.filter((n) => n.title.includes('Front desk Pixel'))).toHaveLength(2);

    // The monitor lives in main: a window reload keeps this session's event log and timeline.
    await app.reload();
    await page.getByRole('link', { name: 'Devices', exact: true }).click();
    await expect.poll(() => page.getByTestId('event-log').locator('li').count()).toBe(2);
    expect(await card.getAttribute('data-online')).toBe('true');
  });

  it('says the gateway is unreachable instead of marking every phone offline', async () => {
    const { page } = app;
    const { healthy, flaky } = sandbox.seeded!;
    await sandbox.close(); // the gateway stops answering
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(() => page.getByTestId('gateway-unreachable').textContent()).toMatch(/^Gateway unreachable since /);
    await expect.poll(() => page.getByTestId('status-gateway').textContent()).toMatch(/^Gateway unreachable since /);
    // Phones keep their last known state, and nobody is told a phone dropped.
    expect(await page.getByTestId(`device-${healthy}`).getAttribute('data-online')).toBe('true');
    expect(await page.getByTestId(`device-${flaky}`).getAttribute('data-online')).toBe('true');
    // (Other notices may come meanwhile — the history now syncs by itself and may find messages waiting.)
    expect(
      app.notifications.filter((n) => n.screen === '/devices'),
      JSON.stringify(app.notifications),
    ).toHaveLength(2);
    await app.screenshot('devices-unreachable');
    expect(await app.accessibilityViolations()).toEqual([]);
  });
});
