import { Menu, Tray, nativeImage } from 'electron';
import type { Language } from '../../shared/domain';
import { translator } from '../../shared/i18n';
import { TRAY_ICON_DATA_URL } from './tray-icon';

// The app lives in the tray so the device monitor keeps watching when the window is closed.
// Its words come from the shared catalogue and follow the language chosen in Settings.

export interface TrayActions {
  open(): void;
  quit(): void;
}

/** The tray's words in one language (pure, so it is tested without Electron). */
export function trayWords(language: Language): { open: string; quit: string; tooltip: string } {
  const t = translator(language);
  return { open: t('tray.open'), quit: t('tray.quit'), tooltip: t('tray.tooltip') };
}

export interface AppTray {
  /** Rewords the menu and tooltip, e.g. when the language changes in Settings. */
  setLanguage(language: Language): void;
  /** A status line under the tooltip (today's messages); '' = the tooltip alone. */
  setStatus(text: string): void;
  destroy(): void;
}

export function createTray(language: Language, actions: TrayActions): AppTray {
  const tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON_DATA_URL));
  let current: Language | null = null;
  let status = '';
  const showTooltip = () => {
    const tooltip = trayWords(current ?? language).tooltip;
    tray.setToolTip(status ? `${tooltip}\n${status}` : tooltip);
  };
  const setLanguage = (next: Language) => {
    if (next === current) return;
    current = next;
    const words = trayWords(next);
    showTooltip();
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: words.open, click: actions.open },
        { type: 'separator' },
        { label: words.quit, click: actions.quit },
      ]),
    );
  };
  setLanguage(language);
  tray.on('click', actions.open);
  const setStatus = (text: string) => {
    if (text === status) return;
    status = text;
    showTooltip();
  };
  return { setLanguage, setStatus, destroy: () => tray.destroy() };
}
