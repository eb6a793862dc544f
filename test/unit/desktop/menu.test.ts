import { describe, expect, it, vi } from 'vitest';
import { aboutDetail, applicationMenu, rolesOf, type MenuItemSpec, type MenuOptions } from '../../../electron/main/desktop/menu';

const actions = { openDocs: vi.fn(), openLogs: vi.fn(), checkUpdates: vi.fn(), about: vi.fn() };
const menu = (overrides: Partial<MenuOptions> = {}) =>
  applicationMenu({ platform: 'win32', packaged: true, language: 'en', appName: 'Relay Desk', actions, ...overrides });
const find = (items: MenuItemSpec[], pick: (item: MenuItemSpec) => boolean): MenuItemSpec | undefined =>
  items.map((item) => (pick(item) ? item : find(item.submenu ?? [], pick))).find(Boolean);

describe('the application menu', () => {
  it('gives every platform the editing roles, so copy, paste, undo and select all work in text fields', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const roles = rolesOf(menu({ platform }));
      expect(roles).toEqual(
        expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'zoomIn', 'zoomOut', 'resetZoom', 'minimize']),
      );
    }
  });

  it('starts with the app menu on macOS (About, Services, Hide, Quit) and with File elsewhere', () => {
    const mac = menu({ platform: 'darwin' });
    expect(mac[0]?.label).toBe('Relay Desk');
    expect(rolesOf([mac[0]!])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(mac.map((m) => m.label)).toEqual(['Relay Desk', 'Edit', 'View', 'Window', 'Help']);
    expect(menu({ platform: 'win32' }).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('has no reload or developer tools in packaged builds, and has them in development', () => {
    expect(rolesOf(menu({ packaged: true }))).not.toEqual(expect.arrayContaining(['reload']));
    expect(rolesOf(menu({ packaged: true }))).not.toContain('toggleDevTools');
    expect(rolesOf(menu({ packaged: false }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('opens the documentation, the logs folder, an update check and About from Help', () => {
    const help = menu().at(-1)!;
    expect(help.role).toBe('help');
    for (const [id, action] of [
      ['docs', actions.openDocs],
      ['logs', actions.openLogs],
      ['check-updates', actions.checkUpdates],
      ['about', actions.about],
    ] as const) {
      find([help], (item) => item.id === id)?.click?.();
      expect(action).toHaveBeenCalledOnce();
    }
    expect(find([help], (i) => i.id === 'logs')?.label).toBe('Open the Logs Folder');
  });

  it('speaks Portuguese when the app does', () => {
    const labels = menu({ language: 'pt-BR' }).map((m) => m.label);
    expect(labels).toEqual(['Arquivo', 'Editar', 'Exibir', 'Janela', 'Ajuda']);
    expect(find(menu({ language: 'pt-BR' }), (i) => i.role === 'paste')?.label).toBe('Colar');
    expect(find(menu({ language: 'pt-BR' }), (i) => i.id === 'logs')?.label).toBe('Abrir a pasta de registros');
  });

  it('About shows the version first', () => {
    expect(aboutDetail('en', { app: '1.4.2', electron: '45.5.0', chrome: '140.0', node: '24.1.0' })).toMatch(
      /^Version 1\.4\.2\nElectron 45\.5\.0/,
    );
  });
});
