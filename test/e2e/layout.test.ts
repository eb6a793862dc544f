import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/domain';
import { SCREENS } from '../../renderer/src/app/screens';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

// Every screen at the sizes a shop owner meets: a 1366×768 laptop, a 1024×640 window, and the same laptop
// at 200 % zoom (a 683×384 viewport lays out exactly as 1366×768 at 200 %), in both languages. Each one is a
// screenshot (test-results/screens/layout-<screen>-<size>-<language>.png) and is checked by axe and for
// what breaks a layout: a page wider than the window, a status bar on two lines, a sidebar that eats the width.

const SIZES = [
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1024x640', width: 1024, height: 640 },
  { name: 'zoom200', width: 683, height: 384 },
] as const;
const LANGUAGES: Language[] = ['en', 'pt-BR'];

describe('layouts that fit', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
  });

  it('fits every screen at 1366×768, 1024×640 and 200 % zoom, in English and Portuguese, axe clean', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Try without an account' }).click();
    await expect.poll(() => page.locator('main h1').first().isVisible()).toBe(true);
    // A history to show: Home, Messages and the report read the mirror.
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    // The account's database opens just after sign-in: ask until it is there.
    await expect
      .poll(() => page.evaluate((from) => window.api.invoke('messages:sync', { since: from }).then((r) => r.ok), since))
      .toBe(true);
    await expect
      .poll(
        () =>
          page.evaluate(() => window.api.invoke('messages:status').then((r) => (r.ok && !r.value.syncing ? r.value.reachFromMs : null))),
        { timeout: 60_000 },
      )
      .not.toBeNull();
    const problems: string[] = [];
    for (const language of LANGUAGES) {
      await page.evaluate((lang) => window.api.invoke('settings:update', { language: lang }), language);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        for (const { id } of SCREENS) {
          await page.evaluate((screen) => (location.hash = `#/${screen}`), id);
          await expect.poll(() => page.locator('main h1').first().isVisible()).toBe(true);
          await expect.poll(() => page.locator('main').textContent()).not.toMatch(/Loading…|Carregando…/);
          await page.mouse.move(size.width - 1, size.height - 1); // no hover tooltip in the picture
          const where = `${id} at ${size.name} in ${language}`;
          await app.screenshot(`layout-${id}-${size.name}-${language}`);
          const measures = await page.evaluate(() => {
            const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect() ?? null;
            const content = document.querySelector('main.content');
            return {
              pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
              contentOverflow: content ? content.scrollWidth - content.clientWidth : 0,
              statusBar: box('.statusbar')?.height ?? 0,
              sidebar: box('.sidebar')?.width ?? 0,
              lastNavBottom: [...document.querySelectorAll('.sidebar li')].at(-1)?.getBoundingClientRect().bottom ?? 0,
              statusTop: box('.statusbar')?.top ?? 0,
            };
          });
          if (measures.pageOverflow > 0) problems.push(`${where}: the page is ${measures.pageOverflow}px wider than the window`);
          if (measures.contentOverflow > 1) problems.push(`${where}: the screen scrolls sideways by ${measures.contentOverflow}px`);
          if (measures.statusBar > 34) problems.push(`${where}: the status bar is ${measures.statusBar}px tall (more than one line)`);
          if (measures.sidebar > size.width * 0.185)
            problems.push(`${where}: the sidebar takes ${Math.round((measures.sidebar / size.width) * 100)} % of the width`);
          if (measures.lastNavBottom > measures.statusTop) problems.push(`${where}: the last sidebar entry is below the fold`);
          for (const violation of await app.accessibilityViolations()) problems.push(`${where}: ${violation}`);
          if (id === 'messages') {
            // The history's table, below the filters: columns stay readable (it scrolls sideways in its box).
            const table = page.getByRole('table').first();
            await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
            await table.scrollIntoViewIfNeeded();
            await app.screenshot(`layout-messages-table-${size.name}-${language}`);
            const narrowest = await table
              .locator('thead th')
              .evaluateAll((cells) => Math.min(...cells.map((cell) => cell.getBoundingClientRect().width)));
            if (narrowest < 60) problems.push(`${where}: a table column is only ${Math.round(narrowest)}px wide`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('names every icon-only sidebar link, and shows its label on keyboard focus', async () => {
    const { page } = app;
    await page.evaluate(() => window.api.invoke('settings:update', { language: 'en' }));
    await page.setViewportSize({ width: 683, height: 384 });
    await page.evaluate(() => (location.hash = '#/home'));
    const settings = page.getByRole('link', { name: 'Settings', exact: true });
    await expect.poll(() => settings.isVisible()).toBe(true);
    const label = settings.locator('.nav-label');
    expect(await label.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
    await settings.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => label.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(30);
    await app.screenshot('layout-sidebar-focus-zoom200-en');
  });

  it('fits the sign-in screen at each size, in both languages, axe clean', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Try without an account' }).isVisible()).toBe(true);
    const problems: string[] = [];
    for (const language of LANGUAGES) {
      await page.evaluate((lang) => window.api.invoke('settings:update', { language: lang }), language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await app.screenshot(`layout-sign-in-${size.name}-${language}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`sign-in at ${size.name} in ${language}: ${overflow}px wider than the window`);
        for (const violation of await app.accessibilityViolations()) problems.push(`sign-in at ${size.name} in ${language}: ${violation}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
