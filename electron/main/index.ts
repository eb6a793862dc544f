import { app, BrowserWindow, dialog, Menu } from 'electron';
import { join } from 'node:path';
import { bindIpc, deferredRouter, windowEmitter } from './ipc';
import { createMainWindow, denyAllPermissions, registerAppScheme, serveAppProtocol } from './window';
import { createRouter } from './router';
import { createServices, type Services } from './services';
import { attachTrayStatus, electronPlatform } from './electron-deps';
import { createTray, type AppTray } from './tray';
import { pickLanguage } from '../../shared/language';
import type { Settings } from '../../shared/settings';
import { APP_ENTRY_URL, type AppOrigin } from './security';

// App lifecycle only: single instance, window, tray, wiring. Logic lives in the services.
// The window opens first; services (and the stored session, in the background) come up behind it, and
// IPC calls made meanwhile wait for them. A failure while starting is shown and the app quits, so no
// window-less process keeps the single-instance lock.

/** Tells the user why the app cannot start, then quits (the lock goes with the process). */
function failStart(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`start failed: ${error instanceof Error ? (error.stack ?? detail) : detail}`);
  try {
    dialog.showErrorBox('Relay Desk could not start', `Relay Desk could not start and will close.\n\n${detail}`);
  } finally {
    app.exit(1);
  }
}

/** The longest a quit waits for jobs to stop gracefully (their own wait for requests in flight is shorter). */
const QUIT_WAIT_MS = 45_000;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let tray: AppTray | null = null;
  let quitting = false;
  let services: Promise<Services> | null = null;

  registerAppScheme(); // must happen before ready
  if (app.isPackaged) Menu.setApplicationMenu(null); // no default menu (reload, devtools) in packaged builds

  const showWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', showWindow);

  const start = async () => {
    const origin: AppOrigin = {
      devServerUrl: !app.isPackaged && process.env['ELECTRON_RENDERER_URL'] ? process.env['ELECTRON_RENDERER_URL'] : null,
      entryUrl: APP_ENTRY_URL,
    };
    denyAllPermissions();
    serveAppProtocol(join(import.meta.dirname, '../renderer'));

    const platform = electronPlatform();
    const toWindow = windowEmitter(() => mainWindow);
    const languageOf = (settings: Settings) => settings.language ?? pickLanguage(platform.appInfo.locale);
    services = createServices({
      ...platform,
      emit: (event, payload) => {
        toWindow(event, payload);
        // The tray speaks the language chosen in Settings and follows a change at once.
        if (event === 'settings:changed') tray?.setLanguage(languageOf(payload as Settings));
      },
      log: (line) => console.log(line),
    });
    bindIpc(deferredRouter(services.then((s) => createRouter(s.handlers, { log: (line) => console.error(line) }))), origin);

    const openWindow = () => {
      mainWindow = createMainWindow(origin, join(import.meta.dirname, '../preload/index.cjs'));
      // Closing the window keeps the app (and its device monitor) running in the tray.
      mainWindow.on('close', (event) => {
        if (!quitting && tray) {
          event.preventDefault();
          mainWindow?.hide();
        }
      });
      mainWindow.on('closed', () => (mainWindow = null));
    };
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
      else showWindow();
    });

    // Services that cannot be built (settings folder unwritable, a broken install) end the start too.
    const ready = await services;
    try {
      // An empty update returns the settings without consuming settings:get's told-once notice.
      const settings = (await ready.handlers['settings:update']({})) as Settings;
      tray = createTray(languageOf(settings), {
        open: () => (mainWindow ? showWindow() : openWindow()),
        quit: () => app.quit(),
      });
      attachTrayStatus((text) => tray?.setStatus(text));
    } catch (error) {
      console.error(`tray unavailable, closing the window will quit: ${String(error)}`);
    }
  };

  // Quit (menu, tray, Cmd+Q, and SIGINT / SIGTERM, which Electron routes through app.quit): hold the exit until
  // the services stopped gracefully — no new request leaves, requests in flight finish and are journaled — so a
  // quit never leaves an unknown outcome behind. Bounded: a stuck stop cannot keep the process alive.
  let disposed = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (disposed || !services) return;
    event.preventDefault();
    mainWindow?.hide();
    const stopped = services.then((s) => s.dispose()).catch((error: unknown) => console.error(`dispose failed: ${String(error)}`));
    const cap = new Promise<void>((resolve) => setTimeout(resolve, QUIT_WAIT_MS).unref());
    void Promise.race([stopped, cap]).then(() => {
      disposed = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.whenReady().then(start).catch(failStart);
}
