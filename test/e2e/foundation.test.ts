import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

describe('foundation: the built renderer in Chromium over the real router', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
  });

  it('shows app:info read through the real router, and a strict CSP blocks renderer fetches', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Try without an account' }).click();
    const info = page.getByTestId('app-info');
    await expect.poll(() => info.textContent()).toContain('0.0.0-e2e');
    expect(await info.textContent()).toContain(process.platform);
    expect(await info.textContent()).toContain('en-US');
    await app.screenshot('foundation-home');
    expect(await app.accessibilityViolations()).toEqual([]);

    // The renderer may not talk to the network itself: main does all I/O. The server is open and allows any
    // origin, so only the CSP can stop the fetch (a closed port would fail with or without one).
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
      res.end('reachable');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const fetchResult = await page.evaluate(
        (url) =>
          fetch(url).then(
            (r) => r.text(),
            () => 'blocked',
          ),
        `http://127.0.0.1:${port}/`,
      );
      expect(fetchResult).toBe('blocked');

      // The CSP's style-src 'self' blocks style attributes in markup but not styles set through the CSSOM,
      // which is how React's style prop (the DataTable's row positions) applies them.
      const styles = await page.evaluate(() => {
        const host = document.createElement('div');
        host.innerHTML = '<p style="margin-left: 17px">markup</p>';
        const scripted = document.createElement('p');
        scripted.style.marginLeft = '23px';
        host.append(scripted);
        document.body.append(host);
        const result = [getComputedStyle(host.firstElementChild!).marginLeft, getComputedStyle(scripted).marginLeft];
        host.remove();
        return result;
      });
      expect(styles).toEqual(['0px', '23px']);
      expect(requests).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers an unknown channel and invalid input with a typed AppError', async () => {
    const unknown = await app.page.evaluate(() => (window.api.invoke as (channel: string) => Promise<unknown>)('nope:nothing'));
    expect(unknown).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown-channel' }) });
    const invalid = await app.page.evaluate(() =>
      window.api.invoke('session:signIn', { email: 'not-an-email', password: 'x', server: 'https://x.test/' }),
    );
    expect(invalid).toEqual({ ok: false, error: expect.objectContaining({ code: 'validation', field: 'email' }) });
  });
});
