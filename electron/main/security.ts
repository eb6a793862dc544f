import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isLoopbackHost } from '../../shared/server-url';

// Pure security decisions for the window, unit-tested without Electron. window.ts and ipc.ts apply them.

/**
 * The renderer is served from this privileged custom scheme rather than file://: a file:// page may read any
 * file:// URL (and every file:// page shares one origin), while app://relay-desk/ serves only the built
 * renderer folder, gets a real origin for 'self' in the CSP, and receives the CSP as a response header.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'relay-desk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The renderer's own origin: the dev server in development, app://relay-desk/index.html otherwise. */
export interface AppOrigin {
  /** e.g. "http://localhost:5173" in dev; null when the app is served from app:// */
  devServerUrl: string | null;
  /** The page the window loads when not in dev: APP_ENTRY_URL. */
  entryUrl: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is the app's own page: same origin as the dev server, or the entry page itself (scheme,
 * host and path all equal; a fragment route such as #/devices is the same page).
 */
export function isAppUrl(url: string, origin: AppOrigin): boolean {
  const target = parse(url);
  if (!target) return false;
  if (origin.devServerUrl) {
    const dev = parse(origin.devServerUrl);
    return dev !== null && dev.origin !== 'null' && target.origin === dev.origin;
  }
  const entry = parse(origin.entryUrl);
  return (
    entry !== null &&
    target.protocol === entry.protocol &&
    target.host === entry.host &&
    target.pathname === entry.pathname &&
    !target.username &&
    !target.password
  );
}

export type AppRequestDecision =
  { ok: true; filePath: string; headers: Record<string, string> } | { ok: false; status: 400 | 403 | 404 | 405 };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webp': 'image/webp',
};

/** Headers on every app:// response: the CSP (also in index.html's meta, which a header cannot be undone by). */
export function appResponseHeaders(filePath: string): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * Which file an app:// request may read: only GET/HEAD, only host relay-desk, only files inside
 * `rendererDir` (".." and encoded separators that climb out are refused), "/" meaning index.html.
 */
export function resolveAppRequest(requestUrl: string, method: string, rendererDir: string): AppRequestDecision {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405 };
  const url = parse(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404 };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 403 };
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rendererDir);
  const filePath = resolve(join(root, path));
  const inside = relative(root, filePath);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return { ok: false, status: 403 };
  return { ok: true, filePath, headers: appResponseHeaders(filePath) };
}

/** The window may use no browser permission: camera, microphone, notifications, geolocation, clipboard… none. */
export const GRANTED_PERMISSIONS: readonly string[] = [];
export function isPermissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.includes(permission);
}

/** The only sites a link in the app may open in the system browser (the gateway's own pages). */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['smsgateway24.com'];

/**
 * Links the user may open in their browser: https only (plain http only to this computer: the sandbox's
 * images), with a real host, no credentials.
 */
export function isSafeExternalUrl(url: string): boolean {
  const target = parse(url);
  if (!target) return false;
  if (target.protocol !== 'https:' && !(target.protocol === 'http:' && isLoopbackHost(target.hostname))) return false;
  if (!target.hostname) return false;
  if (target.username || target.password) return false;
  return true;
}

/** Hosts the app may link to (help pages); a look-alike such as example.com.evil.test is not one. */
export function isAllowedExternalHost(url: string, allowedHosts: readonly string[]): boolean {
  const target = parse(url);
  if (!target || !isSafeExternalUrl(url)) return false;
  const host = target.hostname.toLowerCase();
  return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

export type NavigationDecision = 'allow' | 'deny';

/** will-navigate / will-redirect: the window only ever shows the app itself. */
export function decideNavigation(url: string, origin: AppOrigin): NavigationDecision {
  return isAppUrl(url, origin) ? 'allow' : 'deny';
}

/** setWindowOpenHandler: never a new window; links to the allow-listed hosts go to the system browser. */
export function decideWindowOpen(
  url: string,
  allowedHosts: readonly string[] = EXTERNAL_LINK_HOSTS,
): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternalHost(url, allowedHosts) };
}

/** IPC sender check: only the app's own top frame may call the router. */
export interface SenderFrameLike {
  url: string;
  /** parent is null for a top-level frame */
  parent: unknown;
}
export function isTrustedSender(frame: SenderFrameLike | null | undefined, origin: AppOrigin): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, origin);
}

/** The renderer loads only its own bundle and talks to nothing: main does all network I/O. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
