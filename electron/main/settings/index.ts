// The settings' public module. (The electron-store file, settings/electron-store.ts, is wiring: electron-deps.ts
// imports it directly so nothing here loads Electron.)
// The composition root: the settings capability.
export { createSettingsCapability } from './capability';
// The root, the CLI and every capability that reads a setting (SettingsService, as a type).
export { createSettingsService, type SettingsService, type SettingsServiceOptions } from './settings-service';
export { openConfSettingsFile, type OpenSettingsFile, type OpenSettingsFileOptions, type SettingsFile } from './settings-file';
export { migrateSettings, MIGRATIONS, type SettingsV0, type MigrationResult } from './migrations';
// Capabilities that open a file dialog (campaigns, single sends): its title in the user's language.
export { dialogTitle } from './dialog-title';
