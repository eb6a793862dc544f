import { describe, expect, it } from 'vitest';
import { checkServerUrl, isLoopbackHost } from '../../../shared/server-url';

describe('which gateway addresses may receive a password and a token', () => {
  it.each([
    'https://smsgateway24.com/getdata/',
    '  https://gw.example.com:8443/getdata/  ',
    'http://127.0.0.1:8080/getdata/',
    'http://127.1.2.3/getdata/',
    'http://localhost:5000/getdata/',
    'http://[::1]:5000/getdata/',
  ])('accepts %s', (url) => {
    expect(checkServerUrl(url)).toEqual({ ok: true, url: url.trim() });
  });

  it('refuses plain http off this computer, and says why', () => {
    const check = checkServerUrl('http://smsgateway24.com/getdata/');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(/https:\/\/.*read by anyone on the network/);
  });

  it.each([
    ['http://127.0.0.1.evil.test/', /https/],
    ['http://localhost.evil.test/', /https/],
    ['ftp://gw.example.com/', /https/],
    ['file:///etc/passwd', /https/],
    ['gw.example.com/getdata', /not a web address/],
    ['https://user:secret@gw.example.com/', /user name or password/],
    ['', /Enter the gateway address/],
    [`https://gw.example.com/${'a'.repeat(3000)}`, /too long/],
  ])('refuses %s', (url, reason) => {
    const check = checkServerUrl(url);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  it('tells loopback hosts from look-alikes', () => {
    expect(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['128.0.0.1', '127.0.0.256', '10.0.0.1', 'localhost.com', '127.0.0.1.nip.io'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
