import { BrowserWindow, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { decideNavigation, decideWindowOpen, type AppOrigin } from './security';

// The one application window. All security switches on; the decisions live in security.ts (pure, tested).

export function createMainWindow(origin: AppOrigin, preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Relay Desk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: true,
    },
  });

  const contents = window.webContents;
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (decideNavigation(url, origin) === 'deny') event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) openExternal(url);
    return { action: decision.action };
  });

  window.once('ready-to-show', () => window.show());
  if (origin.devServerUrl) void window.loadURL(origin.devServerUrl);
  else void window.loadFile(fileURLToPath(origin.indexFileUrl));
  return window;
}

/** The one place the app hands a link to the system browser (callers already checked it). */
export function openExternal(url: string): void {
  void shell.openExternal(url);
}
