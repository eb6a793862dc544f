import { homedir } from 'node:os';
import { join } from 'node:path';

// Where Electron keeps the app's data (app.getPath('userData') for productName "Relay Desk"), so the
// CLI reads the same settings and account databases: what a nightly `relay import` adds shows up in the app.

export const PRODUCT_NAME = 'Relay Desk';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), PRODUCT_NAME);
}
