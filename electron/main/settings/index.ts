export { createSettingsService, type SettingsService, type SettingsServiceOptions } from './settings-service';
export { openConfSettingsFile, type OpenSettingsFile, type OpenSettingsFileOptions, type SettingsFile } from './settings-file';
export { migrateSettings, MIGRATIONS, type SettingsV0, type MigrationResult } from './migrations';
export { dialogTitle } from './dialog-title';
