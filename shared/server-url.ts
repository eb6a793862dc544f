import { z } from 'zod';

// Which gateway addresses the app may send a password and a token to. Pure, so the settings schema, the
// sign-in contract and the session all apply the same rule.
//
// https only: the password (gettoken) and the token (every other call) travel in the request body, and over
// plain http anyone on the network path (public Wi-Fi, a proxy) could read them and send messages as the user.
// Loopback is the exception: the built-in sandbox and local test servers never leave this computer.

export const MAX_SERVER_URL_LENGTH = 2048;

/** Why an address is refused: a stable code the window words in the user's language (`forms.server.<problem>`). */
export type ServerUrlProblem = 'empty' | 'tooLong' | 'notUrl' | 'credentials' | 'notHttps' | 'scheme';
export type ServerUrlCheck = { ok: true; url: string } | { ok: false; problem: ServerUrlProblem; reason: string };

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
  if (text === '')
    return { ok: false, problem: 'empty', reason: 'Enter the gateway address, for example https://smsgateway24.com/getdata/.' };
  if (text.length > MAX_SERVER_URL_LENGTH)
    return { ok: false, problem: 'tooLong', reason: `The gateway address is too long (at most ${MAX_SERVER_URL_LENGTH} characters).` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'notUrl', reason: 'The gateway address is not a web address (it should start with https://).' };
  }
  if (url.username || url.password) {
    return { ok: false, problem: 'credentials', reason: 'The gateway address must not contain a user name or password.' };
  }
  if (url.protocol === 'https:') return { ok: true, url: text };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, url: text };
  if (url.protocol === 'http:') {
    return {
      ok: false,
      problem: 'notHttps',
      reason:
        'The gateway address must start with https://: over plain http your password and session could be read by anyone on the network. (http:// is only allowed for this computer, e.g. http://127.0.0.1.)',
    };
  }
  return { ok: false, problem: 'scheme', reason: 'The gateway address must start with https://.' };
}

/**
 * The one schema for a gateway address (sign-in and settings): lengths first (a huge value is refused before
 * any slower check), then the rule above; the issue carries the catalogue key of its words.
 */
export const serverUrlSchema = z
  .string()
  .max(MAX_SERVER_URL_LENGTH, { abort: true })
  .superRefine((value, ctx) => {
    const check = checkServerUrl(value);
    // No `message`: a message set here would outrank the form's own wording. Main reads `reason` (issueText).
    if (!check.ok) ctx.addIssue({ code: 'custom', input: value, params: { words: `forms.server.${check.problem}`, reason: check.reason } });
  });

/** An issue's sentence for main's messages and logs: a shared rule's own reason where it gave one. */
export function issueText(issue: { message: string; params?: Record<string, unknown> | undefined } | undefined): string {
  const reason = issue?.params?.['reason'];
  return typeof reason === 'string' ? reason : (issue?.message ?? 'invalid value');
}
