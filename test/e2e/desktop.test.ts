import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

// The desktop shell as seen from Settings → "This computer": start at login, updates, the theme (light, dark,
// following the computer), and Copy diagnostics; both themes clean under axe, in both languages.

describe('desktop settings and the dark theme', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;
  const copied: string[] = [];
  let logsOpened = 0;

  beforeAll(async () => {
    sandbox = await startSandbox({ clock: 'real', random: () => 0.5 });
    app = await launchApp({
      platform: {
        startSandbox: async () => sandbox,
        desktopShell: { packaged: true, copyText: (text) => void copied.push(text), openLogsFolder: async () => (logsOpened++, true) },
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
  });

  const desktopSettings = async () => (await app.services.handlers['settings:get'](undefined)).settings.desktop;
  const theme = () =>
    app.page.evaluate(() => ({
      attr: document.documentElement.dataset['theme'],
      bg: getComputedStyle(document.documentElement).backgroundColor,
    }));

  it('saves the switches at once, and the theme follows the choice and the computer', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.getByRole('button', { name: 'Try without an account' }).click();
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const section = page.getByRole('region', { name: 'This computer' });
    await section.getByRole('checkbox', { name: /Start Relay Desk when I sign in/ }).check();
    await section.getByRole('checkbox', { name: /Check for updates/ }).uncheck();
    await expect
      .poll(() => desktopSettings())
      .toEqual({
        startAtLogin: true,
        askedStartAtLogin: true,
        autoUpdate: false,
        theme: 'system',
      });
    expect(await theme()).toEqual({ attr: 'system', bg: 'rgb(245, 246, 248)' });
    await section.scrollIntoViewIfNeeded();
    await app.screenshot('settings-desktop-light');
    expect(await app.accessibilityViolations()).toEqual([]);

    // "Same as the computer" follows the OS's dark mode.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect((await theme()).bg).toBe('rgb(20, 23, 28)');
    // An explicit choice wins over the computer's.
    await section.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    await expect.poll(async () => (await theme()).bg).toBe('rgb(245, 246, 248)');
    await page.emulateMedia({ colorScheme: 'light' });
    await section.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await expect.poll(async () => (await theme()).bg).toBe('rgb(20, 23, 28)');
    await app.screenshot('settings-desktop-dark');
    expect(await app.accessibilityViolations()).toEqual([]);

    // A clicked notification (main's desktop:open) brings the window to the screen it is about.
    await page.evaluate(() => window.__relayDispatch('desktop:open', { screen: '/devices?show=offline' }));
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/devices?show=offline');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Settings/ })
      .click();

    // The main form's Save does not send the desktop switches back stale.
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => desktopSettings().then((d) => d.theme)).toBe('dark');
  });

  it('is dark on every screen too, without contrast problems', async () => {
    const { page } = app;
    const screens = ['Home', 'Inbox', 'Devices', 'Contacts', 'Newsletters', 'Campaigns', 'Messages', 'Send'] as const;
    const found: string[] = [];
    for (const [link, name] of screens.map((s) => [s, `${s.toLowerCase()}-dark`] as const)) {
      await page
        .getByRole('navigation')
        .getByRole('link', { name: new RegExp(`^${link}\\b`) })
        .click();
      await page.waitForTimeout(400);
      await app.screenshot(name);
      found.push(...(await app.accessibilityViolations()).map((v) => `${link}: ${v}`));
    }
    expect(found).toEqual([]);
  });

  it('copies diagnostics without secrets and opens the logs folder, in Portuguese too', async () => {
    const { page } = app;
    await app.services.handlers['settings:update']({ language: 'pt-BR' });
    await page.getByRole('link', { name: 'Configurações', exact: true }).click();
    const section = page.getByRole('region', { name: 'Este computador' });
    await section.getByRole('button', { name: 'Copiar diagnóstico' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toContain('Diagnóstico copiado');
    expect(copied).toHaveLength(1);
    expect(copied[0]).toMatch(/^Relay Desk 0\.0\.0-e2e\n/);
    expect(copied[0]).toContain('"theme": "dark"');
    expect(copied[0]).not.toMatch(/token=(?!\[redacted\])|password/i);
    await section.getByRole('button', { name: 'Abrir a pasta de registros' }).click();
    await expect.poll(() => logsOpened).toBe(1);
    await app.screenshot('settings-desktop-dark-pt-BR');
    expect(await app.accessibilityViolations()).toEqual([]);
  });
});
