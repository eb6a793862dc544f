import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  EXTERNAL_LINK_HOSTS,
  isAppUrl,
  isPermissionGranted,
  resolveAppRequest,
  decideNavigation,
  decideWindowOpen,
  isAllowedExternalHost,
  isSafeExternalUrl,
  isTrustedSender,
  type AppOrigin,
} from '../../../electron/main/security';

const packaged: AppOrigin = { devServerUrl: null, entryUrl: APP_ENTRY_URL };
const dev: AppOrigin = { devServerUrl: 'http://localhost:5173', entryUrl: APP_ENTRY_URL };

describe('navigation guard', () => {
  it('allows only the app itself', () => {
    expect(decideNavigation('app://relay-desk/index.html#/devices', packaged)).toBe('allow');
    expect(decideNavigation('http://localhost:5173/some/route', dev)).toBe('allow');
  });

  it('compares scheme, host and path: the same path on another scheme or host is not the app', () => {
    expect(isAppUrl('app://relay-desk/index.html?x=1#/settings', packaged)).toBe(true);
    for (const url of [
      'file:///index.html',
      'file://relay-desk/index.html',
      'file://evil.test/index.html',
      'app://evil/index.html',
      'app://relay-desk/other.html',
      'app://relay-desk/assets/index.html',
      'https://relay-desk/index.html',
      'app://user:pw@relay-desk/index.html',
    ]) {
      expect(isAppUrl(url, packaged), url).toBe(false);
    }
  });

  it('denies other files, other origins and look-alike hosts', () => {
    expect(decideNavigation('file:///etc/passwd', packaged)).toBe('deny');
    expect(decideNavigation('https://smsgateway24.com/', packaged)).toBe('deny');
    expect(decideNavigation('http://localhost:5173.evil.test/', dev)).toBe('deny');
    expect(decideNavigation('http://localhost:5174/', dev)).toBe('deny');
    expect(decideNavigation('https://example.com.evil.test', dev)).toBe('deny');
    expect(decideNavigation('not a url', packaged)).toBe('deny');
    expect(decideNavigation('javascript:alert(1)', packaged)).toBe('deny');
  });
});

describe('window.open handler', () => {
  it('never opens a window; hands links to the allow-listed hosts to the system browser, nothing else', () => {
    expect(EXTERNAL_LINK_HOSTS).toContain('smsgateway24.com');
    expect(decideWindowOpen('https://smsgateway24.com/en/docs')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('https://docs.smsgateway24.com/x')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('http://example.com')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('https://smsgateway24.com.evil.test/')).toEqual({ action: 'deny', openExternally: false });
    // Allow-listed, but plain http: never (https only, loopback excepted for the sandbox's images).
    expect(decideWindowOpen('http://example.com', ['example.com'])).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('https://example.com', ['example.com'])).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('http://127.0.0.1:8080/files/a.png', ['127.0.0.1'])).toEqual({ action: 'deny', openExternally: true });
  });

  it('refuses other schemes and credentials in the URL', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'https://user:pw@example.com/',
      'httpsx://a.b',
      '',
    ]) {
      expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: false });
    }
    expect(isSafeExternalUrl('https://example.com')).toBe(true);
  });

  it('checks hosts with a parser, not a prefix: look-alikes are not the real host', () => {
    const allowed = ['example.com', 'smsgateway24.com'];
    expect(isAllowedExternalHost('https://example.com/help', allowed)).toBe(true);
    expect(isAllowedExternalHost('https://docs.smsgateway24.com/x', allowed)).toBe(true);
    expect(isAllowedExternalHost('https://example.com.evil.test', allowed)).toBe(false);
    expect(isAllowedExternalHost('https://evil.test/?https://example.com', allowed)).toBe(false);
    expect(isAllowedExternalHost('https://example.com@evil.test/', allowed)).toBe(false);
    expect(isAllowedExternalHost('https://notexample.com/', allowed)).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('trusts the app top frame only', () => {
    expect(isTrustedSender({ url: 'app://relay-desk/index.html', parent: null }, packaged)).toBe(true);
  });

  it('rejects subframes, foreign pages and missing frames', () => {
    expect(isTrustedSender({ url: 'app://relay-desk/index.html', parent: {} }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.test/', parent: null }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173.evil.test/', parent: null }, dev)).toBe(false);
    expect(isTrustedSender(null, packaged)).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows no remote scripts and no renderer network access', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('the app:// protocol', () => {
  const root = resolve('/opt/relay/out/renderer');

  it('serves files inside the renderer folder, "/" as index.html, with the CSP as a header', () => {
    const index = resolveAppRequest('app://relay-desk/', 'GET', root);
    expect(index).toMatchObject({ ok: true, filePath: join(root, 'index.html') });
    expect(index.ok && index.headers).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
    const script = resolveAppRequest('app://relay-desk/assets/index-abc.js?v=1', 'GET', root);
    expect(script).toMatchObject({ ok: true, filePath: join(root, 'assets', 'index-abc.js') });
    expect(script.ok && script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(resolveAppRequest('app://relay-desk/assets/a%20b.css', 'HEAD', root)).toMatchObject({
      ok: true,
      filePath: join(root, 'assets', 'a b.css'),
    });
  });

  it.each(['app://relay-desk/../../../etc/passwd', 'app://relay-desk/%2e%2e/%2e%2e/etc/passwd'])(
    'dot segments the URL parser folds stay inside the renderer folder: %s',
    (url) => {
      expect(resolveAppRequest(url, 'GET', root)).toMatchObject({ ok: true, filePath: join(root, 'etc', 'passwd') });
    },
  );

  it.each([
    'app://relay-desk/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://relay-desk/..%2f..%2fetc%2fpasswd',
    'app://relay-desk/..%5c..%5cwindows%5cwin.ini',
    'app://relay-desk/index.html%00.png',
  ])('refuses encoded path traversal: %s', (url) => {
    const decision = resolveAppRequest(url, 'GET', root);
    if (decision.ok) expect.fail(`served ${decision.filePath}`);
    expect(decision.status).toBe(403);
  });

  it('refuses other hosts, other schemes, writes and undecodable paths', () => {
    expect(resolveAppRequest('app://evil/index.html', 'GET', root)).toEqual({ ok: false, status: 404 });
    expect(resolveAppRequest('file:///opt/relay/out/renderer/index.html', 'GET', root)).toEqual({ ok: false, status: 404 });
    expect(resolveAppRequest('app://relay-desk/index.html', 'POST', root)).toEqual({ ok: false, status: 405 });
    expect(resolveAppRequest('app://relay-desk/%E0%A4%A', 'GET', root)).toEqual({ ok: false, status: 400 });
  });
});

describe('permissions', () => {
  it('grants none, whatever the page asks for', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(isPermissionGranted(permission)).toBe(false);
    }
  });
});
