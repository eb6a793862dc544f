import { homedir } from 'node:os';
import { join } from 'node:path';

// Electron's app.getPath('logs') for productName "Relay Desk", computed without Electron so the CLI (in a source
// checkout or run by the installed app) writes beside the app's own log and "Open the logs folder" shows both.

export function defaultLogsDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
  productName = 'Relay Desk',
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Logs', productName);
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), productName, 'logs');
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), productName, 'logs');
}
