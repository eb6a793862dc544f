import { app, Notification, safeStorage } from 'electron';
import type { PlatformDeps } from './services';
import { openElectronStoreSettingsFile } from './settings/electron-store';

// The few Electron facilities the services use, adapted to plain interfaces so services run in Node.

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
    notify: ({ title, body }) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    safeStorage: {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      getSelectedStorageBackend: () =>
        process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os',
      encryptString: (text) => safeStorage.encryptString(text),
      decryptString: (data) => safeStorage.decryptString(data),
    },
  };
}
