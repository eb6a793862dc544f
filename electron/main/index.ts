import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bindIpc, windowEmitter } from './ipc';
import { createMainWindow } from './window';
import { createRouter } from './router';
import { createServices } from './services';
import { electronPlatform } from './electron-deps';
import { createTray, type AppTray } from './tray';
import { pickLanguage } from '../../shared/language';
import type { AppOrigin } from './security';
import type { Settings } from '../../shared/settings';

// App lifecycle only: single instance, window, tray, wiring. Logic lives in the services.

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let tray: AppTray | null = null;
  let quitting = false;

  const showWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', showWindow);

  void app.whenReady().then(async () => {
    const origin: AppOrigin = {
      devServerUrl: !app.isPackaged && process.env['ELECTRON_RENDERER_URL'] ? process.env['ELECTRON_RENDERER_URL'] : null,
      indexFileUrl: pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href,
    };
    const platform = electronPlatform();
    const toWindow = windowEmitter(() => mainWindow);
    const languageOf = (settings: Settings) => settings.language ?? pickLanguage(platform.appInfo.locale);
    const services = await createServices({
      ...platform,
      emit: (event, payload) => {
        toWindow(event, payload);
        // The tray speaks the language chosen in Settings and follows a change at once.
        if (event === 'settings:changed') tray?.setLanguage(languageOf(payload as Settings));
      },
      log: (line) => console.log(line),
    });
    bindIpc(createRouter(services.handlers, { log: (line) => console.error(line) }), origin);

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

    try {
      tray = createTray(languageOf((await services.handlers['settings:get'](undefined)).settings), {
        open: () => (mainWindow ? showWindow() : openWindow()),
        quit: () => app.quit(),
      });
    } catch (error) {
      console.error(`tray unavailable, closing the window will quit: ${String(error)}`);
    }

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
      else showWindow();
    });
    app.on('before-quit', () => {
      quitting = true;
      void services.dispose();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
