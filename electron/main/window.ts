import { app, BrowserWindow, protocol, screen, session, shell } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIN_SIZE, readWindowState, restoreBounds, writeWindowState } from './desktop';
import { APP_SCHEME, decideNavigation, decideWindowOpen, isPermissionGranted, resolveAppRequest, type AppOrigin } from './security';

// The one application window and what it may load. All security switches on; the decisions live in
// security.ts (pure, tested); this file only hands them to Electron.

/** Before app ready: app:// is a standard, secure scheme (a real origin for 'self', fetch of its own files). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** After app ready: app://relay-desk/<path> serves files from the built renderer folder, CSP in the headers. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const decision = resolveAppRequest(request.url, request.method, rendererDir);
    if (!decision.ok) return new Response(null, { status: decision.status });
    try {
      const body = await readFile(decision.filePath);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: decision.headers });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}

/** No web permission for any page in the app's session: requests, checks and device pickers all say no. */
export function denyAllPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  ses.setDevicePermissionHandler(() => false);
}

/** Size, position and maximised state from the last run, kept on a screen that exists now. */
function windowStatePath(): string {
  return join(app.getPath('userData'), 'window-state.json');
}

export function createMainWindow(
  origin: AppOrigin,
  preloadPath: string,
  options: { show: boolean; icon?: Electron.NativeImage; screen?: string },
): BrowserWindow {
  const bounds = restoreBounds(
    readWindowState(windowStatePath()),
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Relay Desk',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: true,
      devTools: !app.isPackaged,
    },
  });
  if (bounds.maximized) window.maximize();
  const save = () => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    try {
      writeWindowState(windowStatePath(), { ...window.getNormalBounds(), maximized: window.isMaximized() });
    } catch {
      // A read-only profile only loses the window's place.
    }
  };
  let saveTimer: NodeJS.Timeout | null = null;
  const saveSoon = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', saveSoon);
  window.on('close', save);

  const contents = window.webContents;
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (decideNavigation(url, origin) === 'deny') event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', (details) => guard(details, details.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) openExternal(url);
    return { action: decision.action };
  });

  // Started at login: the window exists (so the tray can show it at once) but stays hidden.
  window.once('ready-to-show', () => {
    if (options.show) window.show();
  });
  // A screen to open first (a clicked notification while the window was closed): the router is a hash router.
  const entry = origin.devServerUrl ?? origin.entryUrl;
  void window.loadURL(options.screen?.startsWith('/') ? `${entry.split('#')[0]}#${options.screen}` : entry);
  return window;
}

/** The one place the app hands a link to the system browser (callers already checked it). */
export function openExternal(url: string): void {
  void shell.openExternal(url);
}
