import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contextMenuOptions } from '../../../electron/main/desktop/context-menu';

// The real electron-context-menu, with only Electron itself replaced: what menu does a right-click build?
const built: { template: Array<Record<string, unknown>> }[] = [];
vi.mock('electron', () => {
  const electron = {
    app: { on: vi.fn(), removeListener: vi.fn(), isPackaged: true },
    BrowserWindow: { getAllWindows: () => [], fromWebContents: () => undefined },
    Menu: {
      buildFromTemplate: (template: Array<Record<string, unknown>>) => {
        built.push({ template });
        return { popup: vi.fn(), on: vi.fn() };
      },
    },
    clipboard: { write: vi.fn(), writeText: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    shell: { openExternal: vi.fn() },
    ClipboardItem: class {},
  };
  return { default: electron, ...electron };
});

const { default: contextMenu } = await import('electron-context-menu');

function fakeWindow() {
  const contents = Object.assign(new EventEmitter(), {
    replaceMisspelling: vi.fn(),
    session: { addWordToSpellCheckerDictionary: vi.fn() },
    canGoBack: () => false,
  });
  return { webContents: contents, contents };
}

const params = (overrides: Record<string, unknown>) => ({
  isEditable: false,
  selectionText: '',
  misspelledWord: '',
  dictionarySuggestions: [],
  linkURL: '',
  linkText: '',
  mediaType: 'none',
  hasImageContents: false,
  srcURL: '',
  editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true, canUndo: true, canRedo: true },
  x: 0,
  y: 0,
  ...overrides,
});

beforeEach(() => {
  built.length = 0;
});

describe('the right-click menu', () => {
  it("offers the spell checker's suggestions, Add to Dictionary, cut, copy and paste in a text field", () => {
    const { webContents, contents } = fakeWindow();
    contextMenu({ window: webContents as never, ...contextMenuOptions('en', true) });
    contents.emit(
      'context-menu',
      {},
      params({ isEditable: true, misspelledWord: 'Obrigdo', dictionarySuggestions: ['Obrigado', 'Obrigada'], selectionText: 'Obrigdo' }),
    );
    const labels = built[0]!.template.filter((item) => item['type'] !== 'separator').map((item) => item['label']);
    expect(labels.slice(0, 3)).toEqual(['Obrigado', 'Obrigada', 'Add to Dictionary']);
    expect(labels).toEqual(expect.arrayContaining(['Cut', 'Copy', 'Paste', 'Select All']));
    expect(labels.join(' ')).not.toMatch(/Google|Inspect|Image/);
    (built[0]!.template[0] as { click(item: { label: string }): void }).click({ label: 'Obrigado' });
    expect(contents.replaceMisspelling).toHaveBeenCalledWith('Obrigado');
  });

  it('is in Portuguese when the app is, and has Inspect Element only in development', () => {
    const { webContents, contents } = fakeWindow();
    contextMenu({ window: webContents as never, ...contextMenuOptions('pt-BR', false) });
    contents.emit('context-menu', {}, params({ isEditable: true }));
    const labels = built[0]!.template.map((item) => item['label']);
    expect(labels).toEqual(expect.arrayContaining(['Recortar', 'Copiar', 'Colar', 'Selecionar tudo', 'Inspecionar elemento']));
  });

  it('stays away from empty page space', () => {
    const { webContents, contents } = fakeWindow();
    contextMenu({ window: webContents as never, ...contextMenuOptions('en', true) });
    contents.emit('context-menu', {}, params({}));
    expect(built).toHaveLength(0);
  });
});
