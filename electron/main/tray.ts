import { Menu, Tray, nativeImage } from 'electron';
import type { Language } from '../../shared/domain';
import { TRAY_ICON_DATA_URL } from './tray-icon';

// The app lives in the tray so the device monitor keeps watching when the window is closed.

const LABELS: Record<Language, { open: string; quit: string; tooltip: string }> = {
  en: { open: 'Open Relay Desk', quit: 'Quit Relay Desk', tooltip: 'Relay Desk — watching your gateway phones' },
  'pt-BR': { open: 'Abrir o Relay Desk', quit: 'Sair do Relay Desk', tooltip: 'Relay Desk — acompanhando seus celulares' },
};

export function createTray(language: Language, actions: { open(): void; quit(): void }): Tray {
  const labels = LABELS[language];
  const tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON_DATA_URL));
  tray.setToolTip(labels.tooltip);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: labels.open, click: actions.open },
      { type: 'separator' },
      { label: labels.quit, click: actions.quit },
    ]),
  );
  tray.on('click', actions.open);
  return tray;
}
