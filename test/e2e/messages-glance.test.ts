import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

// The Messages table as an office reads it all day, at 1024×640 and at 200 % zoom (683×384): the customer's
// name beside the number, numbers as people write them, the message on two lines, the customer id hidden.

describe('messages at a glance', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;

  beforeAll(async () => {
    sandbox = await startSandbox({ clock: 'manual', startAt: new Date(Date.now() - 60_000), random: () => 0.5 });
    sandbox.seedHistory({ count: 600, days: 5, seed: 3 });
    app = await launchApp({ platform: { startSandbox: async () => sandbox } });
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
  });

  it('names the customers and fits 1024×640 and 200 % zoom', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Try without an account' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(true);
    // Every number of the seeded history gets a name, as if the shop had imported its customers.
    const db = app.services.scopes.current().db;
    await page.evaluate(() =>
      window.api.invoke('messages:sync', { since: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10) }),
    );
    await expect
      .poll(async () => db.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number, { timeout: 30_000 })
      .toBeGreaterThan(500);
    const phones = db.prepare('SELECT DISTINCT send_to FROM messages LIMIT 400').pluck().all() as string[];
    const first = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elisa', 'Fábio', 'Gabriela', 'Hugo'];
    const last = ['Souza', 'Lima', 'Dias', 'Costa', 'Almeida', 'Ferreira'];
    db.prepare(`INSERT INTO contact_tags (id, title, created_here, created_at) VALUES (1, 'Clientes', 1, 0)`).run();
    const add = db.prepare(`INSERT OR IGNORE INTO contacts (tag_id, phone, name, added_at) VALUES (1, ?, ?, 0)`);
    phones.forEach((phone, i) => {
      if (i % 4 !== 3)
        add.run(phone.startsWith('+') ? phone : `+${phone.replace(/\D/g, '')}`, `${first[i % first.length]} ${last[i % last.length]}`);
    });

    await page.setViewportSize({ width: 1024, height: 640 });
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Messages' }).click();
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    const headers = (await page.getByRole('columnheader').allTextContents()).map((h) => h.replace(/[▲▼↕]/g, '').trim());
    expect(headers).toEqual(['Created', 'Customer', 'Message', 'Status', 'Phone', 'Channel']);
    const named = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(named.some((cell) => /^[A-ZÁÉ][a-zá]+ [A-Z][a-z]+ /.test(cell))).toBe(true);
    await app.screenshot('messages-1024');
    expect(await app.accessibilityViolations()).toEqual([]);

    await page.setViewportSize({ width: 683, height: 384 });
    // The filters take one line: the first rows of the list are in view above the status bar, no scrolling.
    const statusTop = async () => (await page.locator('.statusbar').boundingBox())!.y;
    const rowBottom = async (n: number) => {
      const box = (await page.locator('tbody tr').nth(n).boundingBox())!;
      return box.y + box.height;
    };
    await expect.poll(async () => (await rowBottom(1)) <= (await statusTop())).toBe(true);
    await app.screenshot('messages-zoom200');
    // The rest of the filters are one click away, and say how many are in use.
    const more = page.getByTestId('more-filters');
    expect(await more.locator('> summary').textContent()).toBe('Filters: number, status, phone, days…');
    await more.locator('> summary').click();
    await more.getByText('Failed', { exact: true }).first().click();
    await expect.poll(() => more.locator('> summary').textContent()).toBe('Filters (1 in use)');
    await app.screenshot('messages-zoom200-filters');
    await more.getByText('Failed', { exact: true }).first().click();
    await expect.poll(() => more.locator('> summary').textContent()).toBe('Filters: number, status, phone, days…');
    await page.evaluate(() => window.api.invoke('settings:update', { language: 'pt-BR' } as never));
    await page.setViewportSize({ width: 1024, height: 640 });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Mensagens');
    await app.screenshot('messages-1024-pt');
  });
});
