import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  decideNavigation,
  decideWindowOpen,
  isAllowedExternalHost,
  isSafeExternalUrl,
  isTrustedSender,
  type AppOrigin,
} from '../../../electron/main/security';

const packaged: AppOrigin = { devServerUrl: null, indexFileUrl: 'file:///opt/Relay%20Desk/resources/app/out/renderer/index.html' };
const dev: AppOrigin = { devServerUrl: 'http://localhost:5173', indexFileUrl: 'file:///repo/out/renderer/index.html' };

describe('navigation guard', () => {
  it('allows only the app itself', () => {
    expect(decideNavigation('file:///opt/Relay%20Desk/resources/app/out/renderer/index.html#/devices', packaged)).toBe('allow');
    expect(decideNavigation('http://localhost:5173/some/route', dev)).toBe('allow');
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
  it('never opens a window; hands http(s) links to the system browser', () => {
    expect(decideWindowOpen('https://smsgateway24.com/en/docs')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('http://example.com')).toEqual({ action: 'deny', openExternally: true });
  });

  it('refuses other schemes and credentials in the URL', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'https://user:pw@example.com/', 'httpsx://a.b', '']) {
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
    expect(isTrustedSender({ url: 'file:///opt/Relay%20Desk/resources/app/out/renderer/index.html', parent: null }, packaged)).toBe(true);
  });

  it('rejects subframes, foreign pages and missing frames', () => {
    expect(isTrustedSender({ url: 'file:///opt/Relay%20Desk/resources/app/out/renderer/index.html', parent: {} }, packaged)).toBe(false);
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
