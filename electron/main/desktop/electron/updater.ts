import { app, BrowserWindow, dialog } from 'electron';
import electronUpdater from 'electron-updater';
import type { Language } from '../../../../shared/domain';
import { translator } from '../../../../shared/i18n';
import { logger } from '../../../log';
import { createUpdateController, feedUrl, releaseNotesText, type UpdateController } from '../updates';

// electron-updater wired to the plain controller in ../updates.ts: the feed is the generic provider built into
// the app (electron.builder.yml `publish`), or RELAY_UPDATE_URL. Only packaged builds update.

const log = logger('updates');

export function startUpdater(deps: { enabled(): boolean; jobsBusy(): Promise<boolean>; language(): Language }): UpdateController | null {
  if (!app.isPackaged) return null;
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = {
    info: (m: unknown) => log.info(String(m)),
    warn: (m: unknown) => log.warn(String(m)),
    error: (m: unknown) => log.error(String(m)),
    debug: () => {},
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  const override = feedUrl(process.env);
  if (override) autoUpdater.setFeedURL({ provider: 'generic', url: override });

  const parent = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const controller = createUpdateController({
    port: {
      check: async () => (await autoUpdater.checkForUpdates())?.updateInfo.version ?? null,
      install: () => autoUpdater.quitAndInstall(),
    },
    currentVersion: app.getVersion(),
    enabled: deps.enabled,
    jobsBusy: deps.jobsBusy,
    offer: async (info) => {
      const t = translator(deps.language());
      const detail = [t('desktop.updates.readyDetail'), info.notes ? t('desktop.updates.notes', { notes: info.notes }) : '']
        .filter(Boolean)
        .join('\n\n');
      const options = {
        type: 'info' as const,
        title: t('desktop.updates.readyTitle'),
        message: t('desktop.updates.readyMessage', { version: info.version }),
        detail,
        buttons: [t('desktop.updates.restart'), t('desktop.updates.later')],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      };
      const window = parent();
      const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return response === 0;
    },
    tell: (result) => {
      const t = translator(deps.language());
      const message =
        result.kind === 'up-to-date'
          ? t('desktop.updates.upToDate', { version: result.version })
          : result.kind === 'failed'
            ? t('desktop.updates.failed', { reason: result.reason })
            : t('desktop.updates.waitingForJobs');
      void dialog.showMessageBox({ type: result.kind === 'failed' ? 'warning' : 'info', message, buttons: ['OK'] });
    },
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms).unref(), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    log: (line) => log.line(line),
  });
  autoUpdater.on('update-downloaded', (info) => {
    void controller.downloaded({ version: info.version, notes: releaseNotesText(info.releaseNotes) });
  });
  autoUpdater.on('error', (error) => log.warn(`updater: ${error.message}`));
  controller.start();
  return controller;
}
