import os from 'node:os';
import type { Capability } from '../../../shared/ipc';
import type { AppInfo } from '../../../shared/domain';
import type { SettingsService } from '../settings';
import { lastLogLines } from '../../log';
import { diagnosticsText } from './diagnostics';

// The window's desktop requests. The Electron pieces (clipboard, the file manager) come in as plain functions,
// so the e2e harness and unit tests run the same code.

export interface DesktopShell {
  packaged: boolean;
  copyText(text: string): void;
  openLogsFolder(): Promise<boolean>;
}

export const DIAGNOSTICS_LOG_LINES = 200;

export function createDesktopCapability(deps: {
  appInfo: AppInfo;
  settings: SettingsService;
  shell?: DesktopShell | undefined;
}): Capability<'desktop'> {
  return {
    handlers: {
      'desktop:copyDiagnostics': () => {
        if (!deps.shell) return { copied: false };
        const text = diagnosticsText({
          app: { name: deps.appInfo.name, version: deps.appInfo.version, packaged: deps.shell.packaged },
          versions: process.versions,
          os: { platform: process.platform, release: os.release(), arch: process.arch, locale: deps.appInfo.locale },
          settings: deps.settings.get(),
          session: null,
          logLines: lastLogLines(DIAGNOSTICS_LOG_LINES),
          now: new Date(),
        });
        deps.shell.copyText(text);
        return { copied: true };
      },
      'desktop:openLogs': async () => ({ opened: deps.shell ? await deps.shell.openLogsFolder() : false }),
    },
  };
}
