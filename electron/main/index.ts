import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bindIpc, windowEmitter } from './ipc';
import { createMainWindow } from './window';
import { createRouter } from './router';
import { createServices } from './services';
import { electronPlatform } from './electron-deps';
import type { AppOrigin } from './security';

// App lifecycle only: single instance, window, wiring. Logic lives in the services.

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  void app.whenReady().then(async () => {
    const origin: AppOrigin = {
      devServerUrl: !app.isPackaged && process.env['ELECTRON_RENDERER_URL'] ? process.env['ELECTRON_RENDERER_URL'] : null,
      indexFileUrl: pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href,
    };
    const services = await createServices({
      ...electronPlatform(),
      emit: windowEmitter(() => mainWindow),
      log: (line) => console.log(line),
    });
    bindIpc(createRouter(services.handlers, { log: (line) => console.error(line) }), origin);

    const openWindow = () => {
      mainWindow = createMainWindow(origin, join(import.meta.dirname, '../preload/index.cjs'));
      mainWindow.on('closed', () => (mainWindow = null));
    };
    openWindow();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
    app.on('before-quit', () => void services.dispose());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
