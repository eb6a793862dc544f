import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { bindIpc, deferredRouter, windowEmitter } from './ipc';
import { createMainWindow, denyAllPermissions, registerAppScheme, serveAppProtocol } from './window';
import { createRouter } from './router';
import { createServices, type Services } from './services';
import { attachTrayStatus, electronPlatform, onNotificationClick } from './electron-deps';
import { createTray, type AppTray } from './tray';
import { effectiveLanguage, pickLanguage } from '../../shared/language';
import type { Language } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import type { JobView } from '../../shared/jobs';
import { APP_ENTRY_URL, type AppOrigin } from './security';
import { configureLog, logger } from '../log';
import { cliArgv, launchedAtLogin, BUSY_JOB_STATES, shouldAskStartAtLogin } from './desktop';
import { runCliInApp } from './desktop/electron/cli';
import {
  aboutPanel,
  applyStartAtLogin,
  applyTheme,
  askStartAtLogin,
  attachContextMenu,
  desktopShell,
  openDocs,
  openedAtLogin,
  openLogsFolder,
  setApplicationMenu,
  watchProcessErrors,
  watchRendererCrashes,
  windowIcon,
} from './desktop/electron/shell';
import { startUpdater } from './desktop/electron/updater';

// App lifecycle only: CLI mode, single instance, window, tray, menus, wiring. Logic lives in the services and in
// the plain modules of ./desktop.
// The window opens first; services (and the stored session, in the background) come up behind it, and
// IPC calls made meanwhile wait for them. A failure while starting is shown and the app quits, so no
// window-less process keeps the single-instance lock.

const log = logger('main');
const iconOption = () => {
  const icon = windowIcon();
  return icon ? { icon } : {};
};

/** Tells the user why the app cannot start, then quits (the lock goes with the process). */
function failStart(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  log.error('start failed:', error);
  try {
    dialog.showErrorBox('Relay Desk could not start', `Relay Desk could not start and will close.\n\n${detail}`);
  } finally {
    app.exit(1);
  }
}

/** The longest a quit waits for jobs to stop gracefully (their own wait for requests in flight is shorter). */
const QUIT_WAIT_MS = 45_000;

function startDesktop(): void {
  configureLog({ logsDir: app.getPath('logs'), fileName: 'main.log', level: 'info', console: app.isPackaged ? false : 'info' });
  watchProcessErrors();
  log.info(`Relay Desk ${app.getVersion()} starting (Electron ${process.versions.electron}, ${process.platform} ${process.arch})`);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Windows groups notifications and taskbar entries by this id; it must match electron.builder.yml's appId.
  if (process.platform === 'win32') app.setAppUserModelId('com.relaydesk.app');

  let mainWindow: BrowserWindow | null = null;
  let tray: AppTray | null = null;
  let quitting = false;
  let services: Promise<Services> | null = null;
  let settingsNow: Settings | null = null;
  let language: Language = 'en';
  let disposeContextMenu: (() => void) | null = null;
  const hiddenAtStart = launchedAtLogin(process.argv, openedAtLogin());

  registerAppScheme(); // must happen before ready

  const showWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', () => (mainWindow ? showWindow() : openWindow(true)));

  const origin: AppOrigin = {
    devServerUrl: !app.isPackaged && process.env['ELECTRON_RENDERER_URL'] ? process.env['ELECTRON_RENDERER_URL'] : null,
    entryUrl: APP_ENTRY_URL,
  };

  const openWindow = (show: boolean, screen?: string) => {
    mainWindow = createMainWindow(origin, join(import.meta.dirname, '../preload/index.cjs'), {
      show,
      ...iconOption(),
      ...(screen ? { screen } : {}),
    });
    const window = mainWindow;
    disposeContextMenu = attachContextMenu(window, language);
    watchRendererCrashes(
      window,
      () => language,
      () => quitting,
    );
    // Closing the window keeps the app (and its device monitor) running in the tray.
    window.on('close', (event) => {
      if (!quitting && tray) {
        event.preventDefault();
        window.hide();
      }
    });
    window.on('closed', () => {
      disposeContextMenu?.();
      mainWindow = null;
    });
  };

  let updates: ReturnType<typeof startUpdater> = null;
  const menuActions = {
    openDocs,
    openLogs: () => void openLogsFolder(),
    checkUpdates: () => void updates?.checkNow(),
  };

  /** Language, menus, theme and login item follow Settings at once. */
  const applySettings = (settings: Settings, locale: string) => {
    const previous = settingsNow;
    settingsNow = settings;
    const next = effectiveLanguage(settings.language, locale);
    if (next !== language || !previous) {
      language = next;
      setApplicationMenu(language, menuActions);
      tray?.setLanguage(language);
      if (mainWindow) {
        disposeContextMenu?.();
        disposeContextMenu = attachContextMenu(mainWindow, language);
      }
    }
    if (previous?.desktop.theme !== settings.desktop.theme) applyTheme(settings.desktop.theme);
    if (previous && previous.desktop.startAtLogin !== settings.desktop.startAtLogin) applyStartAtLogin(settings.desktop.startAtLogin);
    if (previous && previous.desktop.autoUpdate !== settings.desktop.autoUpdate) updates?.settingsChanged();
  };

  const start = async () => {
    denyAllPermissions();
    serveAppProtocol(join(import.meta.dirname, '../renderer'));
    aboutPanel();

    const platform = electronPlatform();
    language = pickLanguage(platform.appInfo.locale);
    setApplicationMenu(language, menuActions);
    const toWindow = windowEmitter(() => mainWindow);
    // A clicked notification shows the window on the screen it is about.
    onNotificationClick((screen) => {
      if (!mainWindow) return openWindow(true, screen);
      showWindow();
      toWindow('desktop:open', { screen });
    });
    services = createServices({
      ...platform,
      desktopShell: desktopShell(),
      emit: (event, payload) => {
        toWindow(event, payload);
        if (event === 'settings:changed') applySettings(payload as Settings, platform.appInfo.locale);
        if (event === 'jobs:changed' && !BUSY_JOB_STATES.includes((payload as JobView).state)) void updates?.jobsChanged();
      },
      log: (line) => log.line(line),
    });
    const routerLog = logger('ipc');
    bindIpc(deferredRouter(services.then((s) => createRouter(s.handlers, { log: (line) => routerLog.line(line) }))), origin);

    openWindow(!hiddenAtStart);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow(true);
      else showWindow();
    });

    // Services that cannot be built (settings folder unwritable, a broken install) end the start too.
    const ready = await services;
    // An empty update returns the settings without consuming settings:get's told-once notice.
    const settings = await ready.handlers['settings:update']({});
    applySettings(settings, platform.appInfo.locale);
    try {
      tray = createTray(language, {
        open: () => (mainWindow ? showWindow() : openWindow(true)),
        quit: () => app.quit(),
      });
      attachTrayStatus((text) => tray?.setStatus(text));
    } catch (error) {
      log.warn(`tray unavailable, closing the window will quit: ${String(error)}`);
      if (hiddenAtStart) showWindow(); // no tray to come back from
    }

    updates = startUpdater({
      enabled: () => settingsNow?.desktop.autoUpdate ?? true,
      jobsBusy: async () => {
        const jobs = await ready.handlers['jobs:list'](undefined);
        return jobs.some((job) => BUSY_JOB_STATES.includes(job.state));
      },
      language: () => language,
    });

    // Asked once, on the first run of an installed app: start with the computer?
    if (shouldAskStartAtLogin(settings.desktop, app.isPackaged, hiddenAtStart)) {
      const yes = await askStartAtLogin(language);
      await ready.handlers['settings:update']({ desktop: { startAtLogin: yes, askedStartAtLogin: true } });
      applyStartAtLogin(yes);
    } else if (app.isPackaged) {
      applyStartAtLogin(settings.desktop.startAtLogin); // keeps the login item pointing at this binary after an update
    }
  };

  // Quit (menu, tray, Cmd+Q, and SIGINT / SIGTERM, which Electron routes through app.quit): hold the exit until
  // the services stopped gracefully — no new request leaves, requests in flight finish and are journaled — so a
  // quit never leaves an unknown outcome behind. Bounded: a stuck stop cannot keep the process alive.
  let disposed = false;
  app.on('before-quit', (event) => {
    quitting = true;
    updates?.stop();
    if (disposed || !services) return;
    event.preventDefault();
    mainWindow?.hide();
    const stopped = services.then((s) => s.dispose()).catch((error: unknown) => log.error('dispose failed:', error));
    const cap = new Promise<void>((resolve) => setTimeout(resolve, QUIT_WAIT_MS).unref());
    void Promise.race([stopped, cap]).then(() => {
      disposed = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.whenReady().then(start).catch(failStart);
}

// `"Relay Desk" relay <command>` (and the relay shims) run the CLI, before any lock or window.
const cliArgs = cliArgv(process.argv, app.isPackaged);
if (cliArgs) void runCliInApp(cliArgs);
else startDesktop();
