import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HIDDEN_FLAG } from './cli-mode';

// Start at login. Windows and macOS: Electron's login items (with our --hidden flag, or macOS's own "opened at
// login"). Linux has no such API in Electron: an XDG autostart entry does the same on every desktop that follows
// the spec (GNOME, KDE, Xfce, Cinnamon…).

/** Asked once, on the first run after the settings exist (not in the CLI, not when started at login). */
export function shouldAskStartAtLogin(desktop: { askedStartAtLogin: boolean }, packaged: boolean, launchedAtLogin: boolean): boolean {
  return packaged && !desktop.askedStartAtLogin && !launchedAtLogin;
}

export function autostartEntry(execPath: string, name = 'Relay Desk'): string {
  // The Exec line quotes the path (AppImages live in folders with spaces) per the Desktop Entry spec.
  const quoted = `"${execPath.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${name}`,
    `Exec=${quoted} ${HIDDEN_FLAG}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

export function autostartPath(configHome: string): string {
  return join(configHome, 'autostart', 'relay-desk.desktop');
}

/** Writes or removes the Linux autostart entry. */
export function setLinuxAutostart(enabled: boolean, configHome: string, execPath: string): void {
  const path = autostartPath(configHome);
  if (!enabled) {
    rmSync(path, { force: true });
    return;
  }
  mkdirSync(join(configHome, 'autostart'), { recursive: true });
  // An AppImage is started through its own path, not the temporary mount the binary runs from.
  writeFileSync(path, autostartEntry(execPath));
}
