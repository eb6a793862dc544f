import type { Language } from '../../../shared/domain';
import { translator } from '../../../shared/i18n';

// The application menu as a plain template (Electron's MenuItemConstructorOptions shape), so its contents are
// unit-tested without Electron: the standard roles make ⌘C ⌘V ⌘A ⌘Z ⌘Q (and Ctrl+…) work in every text field,
// labels follow the app's language, and packaged builds carry no reload or developer tools.

export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'appMenu'
  | 'editMenu'
  | 'viewMenu'
  | 'windowMenu'
  | 'help';

export interface MenuItemSpec {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'separator' | 'normal';
  accelerator?: string;
  submenu?: MenuItemSpec[];
  click?: () => void;
}

export interface MenuActions {
  openDocs(): void;
  openLogs(): void;
  checkUpdates(): void;
  /** Windows / Linux: a dialog with the version (macOS uses the standard About panel). */
  about(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  packaged: boolean;
  language: Language;
  appName: string;
  actions: MenuActions;
}

const separator: MenuItemSpec = { type: 'separator' };

export function applicationMenu({ platform, packaged, language, appName, actions }: MenuOptions): MenuItemSpec[] {
  const t = translator(language);
  const mac = platform === 'darwin';
  const name = { name: appName };
  const about: MenuItemSpec = mac
    ? { id: 'about', role: 'about', label: t('desktop.menu.about', name) }
    : { id: 'about', label: t('desktop.menu.about', name), click: actions.about };
  const checkUpdates: MenuItemSpec = { id: 'check-updates', label: t('desktop.menu.checkUpdates'), click: actions.checkUpdates };

  const appMenu: MenuItemSpec[] = mac
    ? [
        {
          label: appName,
          submenu: [
            about,
            checkUpdates,
            separator,
            { role: 'services', label: t('desktop.menu.services') },
            separator,
            { role: 'hide', label: t('desktop.menu.hide', name) },
            { role: 'hideOthers', label: t('desktop.menu.hideOthers') },
            { role: 'unhide', label: t('desktop.menu.unhide') },
            separator,
            { role: 'quit', label: t('desktop.menu.quit', name) },
          ],
        },
      ]
    : [
        {
          label: t('desktop.menu.file'),
          submenu: [{ role: 'close', label: t('desktop.menu.close') }, separator, { role: 'quit', label: t('desktop.menu.quit', name) }],
        },
      ];

  const edit: MenuItemSpec = {
    label: t('desktop.menu.edit'),
    submenu: [
      { role: 'undo', label: t('desktop.menu.undo') },
      { role: 'redo', label: t('desktop.menu.redo') },
      separator,
      { role: 'cut', label: t('desktop.menu.cut') },
      { role: 'copy', label: t('desktop.menu.copy') },
      { role: 'paste', label: t('desktop.menu.paste') },
      { role: 'selectAll', label: t('desktop.menu.selectAll') },
    ],
  };

  const view: MenuItemSpec = {
    label: t('desktop.menu.view'),
    submenu: [
      ...(packaged
        ? []
        : [
            { role: 'reload', label: t('desktop.menu.reload') } as MenuItemSpec,
            { role: 'toggleDevTools', label: t('desktop.menu.devTools') } as MenuItemSpec,
            separator,
          ]),
      { role: 'resetZoom', label: t('desktop.menu.resetZoom') },
      { role: 'zoomIn', label: t('desktop.menu.zoomIn') },
      { role: 'zoomOut', label: t('desktop.menu.zoomOut') },
      separator,
      { role: 'togglefullscreen', label: t('desktop.menu.fullScreen') },
    ],
  };

  const windowMenu: MenuItemSpec = {
    label: t('desktop.menu.window'),
    submenu: mac
      ? [
          { role: 'minimize', label: t('desktop.menu.minimize') },
          { role: 'zoom', label: t('desktop.menu.zoom') },
          separator,
          { role: 'front', label: t('desktop.menu.front') },
        ]
      : [
          { role: 'minimize', label: t('desktop.menu.minimize') },
          { role: 'close', label: t('desktop.menu.close') },
        ],
  };

  const help: MenuItemSpec = {
    role: 'help',
    label: t('desktop.menu.help'),
    submenu: [
      { id: 'docs', label: t('desktop.menu.docs'), click: actions.openDocs },
      { id: 'logs', label: t('desktop.menu.logs'), click: actions.openLogs },
      ...(mac ? [] : [separator, checkUpdates, about]),
    ],
  };

  return [...appMenu, edit, view, windowMenu, help];
}

/** Every role anywhere in a template (for tests and the smoke check). */
export function rolesOf(template: MenuItemSpec[]): MenuRole[] {
  return template.flatMap((item) => [...(item.role ? [item.role] : []), ...rolesOf(item.submenu ?? [])]);
}

/** The About text: the version first, then what it runs on. */
export function aboutDetail(language: Language, versions: { app: string; electron: string; chrome: string; node: string }): string {
  return translator(language)('desktop.menu.aboutDetail', {
    version: versions.app,
    electron: versions.electron,
    chrome: versions.chrome,
    node: versions.node,
  });
}

/** The documentation the Help menu opens (the README of the installed version). */
export const DOCS_URL = 'https://github.com/relay-desk/relay-desk#readme';
