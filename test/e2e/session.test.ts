import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

// Sign-in, session and settings as a user meets them: Chromium + real router + real services,
// signing in over real HTTP to a sandbox gateway with its own account.

const ACCOUNT = { email: 'ana@padaria.com.br', password: 'pão-de-queijo-42' };

describe('sign-in, session and settings', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;

  beforeAll(async () => {
    sandbox = await startSandbox({ accounts: [ACCOUNT] });
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await closeBrowser();
  });

  async function signIn(password: string) {
    const { page } = app;
    await page.getByLabel('Email').fill(ACCOUNT.email);
    await page.getByLabel('Password').fill(password);
    const advanced = page.getByText('Advanced');
    if (!(await page.getByLabel('Server address').isVisible())) await advanced.click();
    await page.getByLabel('Server address').fill(sandbox.baseUrl);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  it('shows the gateway message for a wrong password and stays on sign-in', async () => {
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to SMSGateway24' }).isVisible()).toBe(true);
    await app.screenshot('signin');
    expect(await app.accessibilityViolations()).toEqual([]);
    await signIn('wrong-password');
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toBe('Login or password incorrect');
    expect(await page.getByRole('navigation').count()).toBe(0);
  });

  it('signs in, shows who and where in the status bar, and keeps the session across a reload', async () => {
    const { page } = app;
    await signIn(ACCOUNT.password);
    await expect.poll(() => page.getByTestId('status-user').textContent()).toBe(`Signed in as ${ACCOUNT.email}`);
    await expect.poll(() => page.getByTestId('status-gateway').textContent()).toBe('Gateway answers');
    expect(await page.locator('.statusbar').textContent()).toContain(`Server: ${sandbox.baseUrl}`);
    // The renderer never holds the token: nothing in the page's state or storage carries it.
    const pageState = await page.evaluate(() =>
      JSON.stringify({ ls: { ...localStorage }, ss: { ...sessionStorage }, html: document.documentElement.outerHTML }),
    );
    expect(pageState).not.toMatch(/[0-9a-f]{32}/);
    await app.screenshot('shell');
    expect(await app.accessibilityViolations()).toEqual([]);

    await app.reload();
    await expect.poll(() => page.getByTestId('status-user').textContent()).toBe(`Signed in as ${ACCOUNT.email}`);
  });

  it('walks the sections by keyboard, each with its heading and no accessibility violation', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Newsletters', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Newsletters');
    expect(await app.accessibilityViolations()).toEqual([]);
    await page.getByRole('link', { name: 'Newsletters', exact: true }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Campaigns');
    expect(await app.accessibilityViolations()).toEqual([]);
  });

  it('returns to sign-in with a message when the gateway stops accepting the token', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Devices', exact: true }).click();
    sandbox.invalidateTokens(ACCOUNT.email);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(() => page.getByTestId('session-ended').textContent()).toBe('Your session expired. Please sign in again.');
    expect(await page.getByRole('navigation').count()).toBe(0);
  });

  it('changes settings, switches to Portuguese, and signs out', async () => {
    const { page } = app;
    await signIn(ACCOUNT.password);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Check phones every (seconds)').fill('45');
    await page.getByLabel('Default country for phone numbers').selectOption('PT');
    await page.getByLabel('When a phone goes offline').uncheck();
    await app.screenshot('settings');
    expect(await app.accessibilityViolations()).toEqual([]);
    await page
      .locator('label', { hasText: /^Language/ })
      .locator('select')
      .selectOption('pt-BR');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Configurações');
    expect(await page.getByRole('navigation').textContent()).toContain('Aparelhos');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pt-BR');
    const saved = await app.page.evaluate(() => window.api.invoke('settings:get'));
    expect(saved).toMatchObject({
      ok: true,
      value: {
        settings: {
          devicePollSeconds: 45,
          defaultCountry: 'PT',
          language: 'pt-BR',
          notifications: { deviceOffline: false, deviceOnline: true },
        },
      },
    });

    await page.getByRole('link', { name: 'Início' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bem-vindo ao Relay Desk');
    await app.screenshot('shell-pt-BR');
    expect(await app.accessibilityViolations()).toEqual([]);

    // The language survives a reload (it is a setting in main, not page state).
    await app.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Sair' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sair' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Entrar no SMSGateway24' }).isVisible()).toBe(true);
    expect(await page.getByTestId('session-ended').count()).toBe(0);
  });
});

describe('a corrupt settings file', () => {
  it('is moved aside, defaults are used, and the user is told once', async () => {
    const { mkdtemp, writeFile, readdir, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = await mkdtemp(join(tmpdir(), 'relay-corrupt-'));
    await writeFile(join(dataDir, 'config.json'), '{"serverUrl": "https://smsgateway24.com/getdata/", "language": ');
    const app = await launchApp({ dataDir });
    try {
      const notice = app.page.getByTestId('settings-reset');
      await expect.poll(() => notice.textContent()).toMatch(/Your settings file could not be read.*config\.corrupt-.*\.json/);
      expect((await readdir(dataDir)).some((f) => /^config\.corrupt-.+\.json$/.test(f))).toBe(true);
      // The app still starts: the sign-in screen is usable.
      expect(await app.page.getByRole('button', { name: 'Try without an account' }).isEnabled()).toBe(true);
      await app.reload();
      await expect.poll(() => app.page.getByRole('button', { name: 'Try without an account' }).isVisible()).toBe(true);
      expect(await notice.count()).toBe(0);
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
      await closeBrowser();
    }
  });
});

describe('a computer without a protected password store', () => {
  it('asks before storing the token unencrypted, and keeps it in memory when the user declines', async () => {
    const sandbox = await startSandbox({ accounts: [ACCOUNT] });
    const app = await launchApp({
      platform: {
        keytarLoader: () => Promise.reject(new Error('keytar is not installed')),
        safeStorage: {
          isEncryptionAvailable: () => true,
          getSelectedStorageBackend: () => 'basic_text',
          encryptString: (text) => Buffer.from(text),
          decryptString: (data) => data.toString(),
        },
      },
    });
    try {
      const { page } = app;
      await page.getByLabel('Email').fill(ACCOUNT.email);
      await page.getByLabel('Password').fill(ACCOUNT.password);
      await page.getByText('Advanced').click();
      await page.getByLabel('Server address').fill(sandbox.baseUrl);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();

      const dialog = page.getByRole('dialog', { name: 'Keep you signed in?' });
      await expect.poll(() => dialog.isVisible()).toBe(true);
      await app.screenshot('storage-consent');
      expect(await app.accessibilityViolations()).toEqual([]);
      await dialog.getByRole('button', { name: 'Only for this session' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      expect(await page.locator('.statusbar').textContent()).toContain('Token kept in: memory (this run only)');
      const { readdir } = await import('node:fs/promises');
      expect(await readdir(app.dataDir)).not.toContain('session-token.bin');
    } finally {
      await app.close();
      await sandbox.close();
      await closeBrowser();
    }
  });
});
