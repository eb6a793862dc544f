import { app, BrowserWindow, dialog, Notification, safeStorage } from 'electron';
import { join } from 'node:path';
import { printWindowToPdf } from './desktop/electron/print';
import type { PlatformDeps } from './services';
import { openElectronStoreSettingsFile } from './settings/electron-store';
import { openExternal } from './window';

// The few Electron facilities the services use, adapted to plain interfaces so services run in Node.

/** Dialogs sit on the focused window, so they are modal to it and never hide behind it. */
const parentWindow = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];

/** The tray is created after the services: its status line waits here until it exists. */
let trayStatus = '';
let traySink: ((text: string) => void) | null = null;
export function attachTrayStatus(sink: (text: string) => void): void {
  traySink = sink;
  sink(trayStatus);
}

/** What clicking a notification does (set once the window exists): show the window on the notification's screen. */
let openScreen: ((screen: string) => void) | null = null;
export function onNotificationClick(handler: (screen: string) => void): void {
  openScreen = handler;
}

export function electronPlatform(): PlatformDeps {
  return {
    appInfo: {
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      locale: app.getLocale(),
    },
    dataDir: app.getPath('userData'),
    openSettingsFile: openElectronStoreSettingsFile,
    notify: ({ title, body, screen }) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      notification.on('click', () => openScreen?.(screen ?? '/home'));
      notification.show();
    },
    pickFile: async ({ title, filters }) => {
      const parent = parentWindow();
      const options: Electron.OpenDialogOptions = { title, filters, properties: ['openFile'] };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    saveFile: async ({ title, defaultName, filters }) => {
      const parent = parentWindow();
      const options: Electron.SaveDialogOptions = { title, defaultPath: join(app.getPath('documents'), defaultName), filters };
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    openExternal: (url) => openExternal(url),
    printToPdf: printWindowToPdf,
    setTrayStatus: (text, badgeCount) => {
      trayStatus = text;
      traySink?.(text);
      // The dock / launcher badge where the OS has one (macOS, Unity); a no-op elsewhere.
      app.setBadgeCount(badgeCount);
    },
    safeStorage: {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      getSelectedStorageBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
      encryptString: (text) => safeStorage.encryptString(text),
      decryptString: (data) => safeStorage.decryptString(data),
    },
  };
}
