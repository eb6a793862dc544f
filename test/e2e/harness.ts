import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { EmitEvent } from '../../shared/ipc';
import { createRouter } from '../../electron/main/router';
import { createServices, type PlatformDeps, type Services } from '../../electron/main/services';
import { installStandIn } from './bridge/stand-in';

// Runs the built renderer in Debian's Chromium with window.api bridged to the REAL router and
// services in this process. Only the transport differs from the desktop app.

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_DIR = join(ROOT, 'out/renderer');
export const SCREENS_DIR = join(ROOT, 'test-results/screens');

export function chromiumPath(): string {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return path;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** A static file server for out/renderer on 127.0.0.1. */
async function serveRenderer(): Promise<{ url: string; server: Server }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer/index.html is missing: run `npm run build:renderer` first (npm run test:e2e does).');
  }
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(RENDERER_DIR, path === '/' ? 'index.html' : path);
    if (!file.startsWith(RENDERER_DIR)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return { url: `http://127.0.0.1:${address.port}/index.html`, server };
}

export interface AppUnderTest {
  page: Page;
  services: Services;
  dataDir: string;
  /** What main showed, with the screen a click opens. */
  notifications: { title: string; body: string; screen?: string }[];
  /** Events pushed by main, in order (what the renderer was sent). */
  events: { event: string; payload: unknown }[];
  /** Reloads the page: services keep running, as when the Electron window reloads. */
  reload(): Promise<void>;
  screenshot(name: string): Promise<string>;
  /** WCAG 2.1 A/AA violations axe-core finds on the page as it is now, one line each ("rule: element"). */
  accessibilityViolations(): Promise<string[]>;
  close(): Promise<void>;
}

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page. Its source goes in through page.evaluate, which the page's CSP does not govern. */
async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.flatMap((v) => v.targets.map((target) => `${v.id} (${v.impact}): ${target}`));
}

export interface LaunchOptions {
  platform?: Partial<PlatformDeps>;
  /** Reuse a data dir (e.g. to test a restart). */
  dataDir?: string;
}

let browser: Browser | null = null;

async function getBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

export async function launchApp(options: LaunchOptions = {}): Promise<AppUnderTest> {
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'relay-e2e-')));
  await mkdir(dataDir, { recursive: true });
  const notifications: { title: string; body: string; screen?: string }[] = [];
  const events: { event: string; payload: unknown }[] = [];
  let page: Page | null = null;

  const emit: EmitEvent = (event, payload) => {
    events.push({ event, payload });
    void page?.evaluate(([e, p]) => window.__relayDispatch(e, p), [event as string, payload as unknown] as const).catch(() => {}); // page closed or navigating: the renderer re-reads state on load
  };
  const services = await createServices({
    appInfo: { name: 'Relay Desk', version: '0.0.0-e2e', platform: process.platform, locale: 'en-US' },
    dataDir,
    notify: (n) => notifications.push(n),
    safeStorage: null,
    ...options.platform,
    emit,
    log: () => {},
  });
  const router = createRouter(services.handlers, { log: (line) => console.error(line) });
  const { url, server } = await serveRenderer();

  const context = await (await getBrowser()).newContext({ viewport: { width: 1280, height: 820 }, locale: 'en-US' });
  page = await context.newPage();
  const thePage = page;
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => console.error(`[renderer] ${error.message}`));
  // Mirror of the app's sender check: only the page's own top frame may call the router.
  await page.exposeBinding('__relayInvoke', (source, channel: unknown, input: unknown) => {
    if (source.frame !== thePage.mainFrame()) {
      return { ok: false, error: { code: 'forbidden-sender', message: 'This request did not come from Relay Desk.' } };
    }
    return router.handle(channel, input === null ? undefined : input);
  });
  await page.addInitScript(installStandIn);
  await page.goto(url);

  return {
    page,
    services,
    dataDir,
    notifications,
    events,
    reload: async () => {
      await thePage.reload();
    },
    screenshot: async (name) => {
      await mkdir(SCREENS_DIR, { recursive: true });
      const path = join(SCREENS_DIR, `${name}.png`);
      await thePage.screenshot({ path, fullPage: true });
      return path;
    },
    accessibilityViolations: () => axeViolations(thePage),
    close: async () => {
      await context.close();
      await services.dispose();
      await new Promise((ok) => server.close(ok));
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Imports the file the platform's file picker hands over into a new tag, through the contract as the Contacts
 * screen does (pick, preflight until read, import, wait for the job): the screens that send need a tag with
 * contacts first. Returns the import job's final state ('done' when it worked).
 */
export function importPickedFile(page: Page, newTag: string): Promise<string> {
  return page.evaluate(async (tag) => {
    const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const file = unwrap(await window.api.invoke('contacts:pickFile'));
    if (!file) throw new Error('no file');
    let view = unwrap(await window.api.invoke('contacts:preflight', { fileId: file.fileId }));
    for (let i = 0; i < 100 && view.ok && view.state === 'reading'; i++) {
      await new Promise((ok) => setTimeout(ok, 100));
      view = unwrap(await window.api.invoke('contacts:preflightStatus', { preflightId: view.preflightId }));
    }
    if (!view.ok) throw new Error('preflight failed');
    const job = unwrap(await window.api.invoke('contacts:import', { preflightId: view.preflightId, target: { newTag: tag } }));
    for (let i = 0; i < 200; i++) {
      const mine = unwrap(await window.api.invoke('jobs:list')).find((j) => j.id === job.id);
      if (mine && ['done', 'failed', 'cancelled', 'needs-attention'].includes(mine.state)) return mine.state;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    return 'timeout';
  }, newTag);
}
