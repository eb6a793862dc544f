// Pure security decisions for the window, unit-tested without Electron. window.ts and ipc.ts apply them.

/** The renderer's own origin: the dev server in development, the packaged file otherwise. */
export interface AppOrigin {
  /** e.g. "http://localhost:5173" in dev; null when the app is loaded from file:// */
  devServerUrl: string | null;
  /** file:// URL of out/renderer/index.html when packaged. */
  indexFileUrl: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` is the app's own page (same origin as the dev server, or the exact index file). */
export function isAppUrl(url: string, origin: AppOrigin): boolean {
  const target = parse(url);
  if (!target) return false;
  if (origin.devServerUrl) {
    const dev = parse(origin.devServerUrl);
    return dev !== null && target.origin === dev.origin;
  }
  const index = parse(origin.indexFileUrl);
  return index !== null && target.protocol === 'file:' && target.pathname === index.pathname;
}

/** Links the user may open in their browser: http(s) only, with a real host, no credentials. */
export function isSafeExternalUrl(url: string): boolean {
  const target = parse(url);
  if (!target) return false;
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return false;
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

/** setWindowOpenHandler: never a new window; safe http(s) links go to the system browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) };
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
