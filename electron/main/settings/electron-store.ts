import ElectronStore from 'electron-store';
import type { OpenSettingsFile } from './settings-file';

// electron-store as the settings file, for the Electron app only: electron-store imports `electron`,
// so import this module from the app's wiring (electron-deps.ts), never from code that runs in Node.

export const openElectronStoreSettingsFile: OpenSettingsFile = ({ cwd, name }) =>
  new ElectronStore<Record<string, unknown>>({ cwd, name, clearInvalidConfig: false });
