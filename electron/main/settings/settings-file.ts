import Conf from 'conf';

// The on-disk half of the settings service. electron-store is conf plus Electron's default folder;
// its module imports `electron`, which plain Node (vitest, the e2e harness) cannot load. So the service
// talks to this small interface: conf by default, electron-store in the app (./electron-store.ts).
// Both write the same JSON file (`<cwd>/<name>.json`) atomically.

export interface SettingsFile {
  /** Absolute path of the JSON file. */
  readonly path: string;
  /** The whole file as an object; assigning writes it. */
  store: Record<string, unknown>;
}

export interface OpenSettingsFileOptions {
  /** Absolute folder. */
  cwd: string;
  /** File name without `.json`. */
  name: string;
}

/**
 * Opens (and reads) the file. Throws when the file is not valid JSON; we never let the library
 * clear an invalid file, because the service moves it aside instead.
 */
export type OpenSettingsFile = (options: OpenSettingsFileOptions) => SettingsFile;

export const openConfSettingsFile: OpenSettingsFile = ({ cwd, name }) =>
  new Conf<Record<string, unknown>>({ cwd, configName: name, clearInvalidConfig: false });
