import { app, BrowserWindow, clipboard, dialog, Menu, nativeImage, nativeTheme, shell } from 'electron';
import contextMenu from 'electron-context-menu';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '../../../../shared/domain';
import type { Settings } from '../../../../shared/settings';
import { translator } from '../../../../shared/i18n';
import { logger } from '../../../log';
import type { DesktopShell } from '../capability';
import { contextMenuOptions } from '../context-menu';
import { crashDialog, isCrash } from '../crash';
import { HIDDEN_FLAG } from '../cli-mode';
import { WINDOW_ICON_DATA_URL } from '../icons';
import { setLinuxAutostart } from '../login';
import { aboutDetail, applicationMenu, DOCS_URL, type MenuActions } from '../menu';

// Thin Electron calls for the desktop shell; every decision is in the plain modules beside this folder.

const log = logger('desktop');

export function setApplicationMenu(language: Language, actions: Omit<MenuActions, 'about'>): void {
  const template = applicationMenu({
    platform: process.platform,
    packaged: app.isPackaged,
    language,
    appName: app.getName(),
    actions: { ...actions, about: () => showAbout(language) },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

export const openDocs = () => void shell.openExternal(DOCS_URL);

export async function openLogsFolder(): Promise<boolean> {
  const problem = await shell.openPath(app.getPath('logs'));
  if (problem) log.warn(`could not open the logs folder: ${problem}`);
  return problem === '';
}

function showAbout(language: Language): void {
  const t = translator(language);
  const detail = aboutDetail(language, {
    app: app.getVersion(),
    electron: process.versions.electron ?? '-',
    chrome: process.versions.chrome ?? '-',
    node: process.versions.node,
  });
  const parent = BrowserWindow.getFocusedWindow();
  const options = {
    type: 'info' as const,
    title: t('desktop.menu.about', { name: app.getName() }),
    message: app.getName(),
    detail,
    buttons: ['OK'],
  };
  void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
}

export function aboutPanel(): void {
  app.setAboutPanelOptions({
    applicationName: app.getName(),
    applicationVersion: app.getVersion(),
    version: process.versions.electron ?? '',
  });
}

/** The right-click menu for one window, re-made when the language changes. */
export function attachContextMenu(window: BrowserWindow, language: Language): () => void {
  return contextMenu({ window, ...contextMenuOptions(language, app.isPackaged) });
}

/** A crashed renderer: logged, and the user is offered Reload; main (monitor, jobs) keeps running. */
export function watchRendererCrashes(window: BrowserWindow, language: () => Language, quitting: () => boolean): void {
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error(`window's renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    if (!isCrash(details, quitting())) return;
    void dialog.showMessageBox(window, crashDialog(language())).then(({ response }) => {
      if (window.isDestroyed()) return;
      if (response === 0) window.webContents.reload();
      else window.hide();
    });
  });
  window.on('unresponsive', () => log.warn('the window stopped responding'));
  window.webContents.on('console-message', (details) => {
    if (details.level === 'error' || details.level === 'warning')
      logger('renderer')[details.level === 'error' ? 'error' : 'warn'](details.message);
  });
}

/** Errors nothing caught: logged (never a silent death of the monitor); startup errors are handled elsewhere. */
export function watchProcessErrors(): void {
  process.on('uncaughtException', (error) => log.error('uncaught exception:', error));
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection:', reason));
}

export function applyTheme(theme: Settings['desktop']['theme']): void {
  nativeTheme.themeSource = theme;
}

export function applyStartAtLogin(enabled: boolean): void {
  if (!app.isPackaged) return; // a development build must not register node_modules' electron at login
  try {
    if (process.platform === 'linux') {
      setLinuxAutostart(enabled, process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), process.env['APPIMAGE'] ?? process.execPath);
    } else {
      app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    }
  } catch (error) {
    log.warn(`start at login could not be ${enabled ? 'set' : 'removed'}: ${String(error)}`);
  }
}

export function openedAtLogin(): boolean {
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}

export async function askStartAtLogin(language: Language): Promise<boolean> {
  const t = translator(language);
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: t('desktop.login.askTitle'),
    message: t('desktop.login.askMessage'),
    detail: t('desktop.login.askDetail'),
    buttons: [t('desktop.login.yes'), t('desktop.login.no')],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  return response === 0;
}

export function desktopShell(): DesktopShell {
  return {
    packaged: app.isPackaged, // A local write nothing waits on; Electron 45 returns a promise for it.
    copyText: (text) => void clipboard.writeText(text),
    openLogsFolder,
  };
}

/** The window's icon where the OS takes it from the window (Linux, Windows in development). */
export function windowIcon(): Electron.NativeImage | undefined {
  return process.platform === 'darwin' ? undefined : nativeImage.createFromDataURL(WINDOW_ICON_DATA_URL);
}
