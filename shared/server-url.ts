// Which gateway addresses the app may send a password and a token to. Pure, so the settings schema, the
// sign-in contract and the session all apply the same rule.
//
// https only: the password (gettoken) and the token (every other call) travel in the request body, and over
// plain http anyone on the network path (public Wi-Fi, a proxy) could read them and send messages as the user.
// Loopback is the exception: the built-in sandbox and local test servers never leave this computer.

export const MAX_SERVER_URL_LENGTH = 2048;

export type ServerUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** True for addresses that never leave this computer: localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}

/** Checks a gateway address typed by the user or read from the settings file; `url` is the trimmed form. */
export function checkServerUrl(input: string): ServerUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'Enter the gateway address, for example https://smsgateway24.com/getdata/.' };
  if (text.length > MAX_SERVER_URL_LENGTH) return { ok: false, reason: `The gateway address is too long (at most ${MAX_SERVER_URL_LENGTH} characters).` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'The gateway address is not a web address (it should start with https://).' };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'The gateway address must not contain a user name or password.' };
  }
  if (url.protocol === 'https:') return { ok: true, url: text };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, url: text };
  if (url.protocol === 'http:') {
    return {
      ok: false,
      reason:
        'The gateway address must start with https://: over plain http your password and session could be read by anyone on the network. (http:// is only allowed for this computer, e.g. http://127.0.0.1.)',
    };
  }
  return { ok: false, reason: 'The gateway address must start with https://.' };
}

/** For schemas: true when the address is acceptable. */
export const isAcceptableServerUrl = (input: string): boolean => checkServerUrl(input).ok;
