import { Menu, Tray, nativeImage } from 'electron';
import type { Language } from '../../shared/domain';
import { translator } from '../../shared/i18n';
import { TRAY_COLOUR_DATA_URL, TRAY_TEMPLATE_1X_DATA_URL, TRAY_TEMPLATE_2X_DATA_URL } from './desktop';

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

/** macOS: a template image the menu bar tints for light and dark; elsewhere the glyph in the app's blue. */
function trayImage(): Electron.NativeImage {
  if (process.platform !== 'darwin') return nativeImage.createFromDataURL(TRAY_COLOUR_DATA_URL);
  const image = nativeImage.createFromDataURL(TRAY_TEMPLATE_1X_DATA_URL);
  image.addRepresentation({ scaleFactor: 2, dataURL: TRAY_TEMPLATE_2X_DATA_URL });
  image.setTemplateImage(true);
  return image;
}

export function createTray(language: Language, actions: TrayActions): AppTray {
  const tray = new Tray(trayImage());
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
