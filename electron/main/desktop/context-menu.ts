import type { Language } from '../../../shared/domain';
import { translator } from '../../../shared/i18n';

// Options for electron-context-menu: a right-click menu in text fields (cut / copy / paste / select all) with
// the spell checker's suggestions and "Add to Dictionary", in the app's language. Nothing that leaves the app
// (no "Search with Google", no image saving); Inspect Element only in development.

export interface ContextMenuParams {
  isEditable: boolean;
  selectionText: string;
  misspelledWord: string;
  linkURL: string;
}

export function contextMenuOptions(language: Language, packaged: boolean) {
  const t = translator(language);
  return {
    showLookUpSelection: true,
    showSearchWithGoogle: false,
    showCopyImage: false,
    showSelectAll: true,
    showCopyLink: true,
    showLearnSpelling: true,
    showDictionarySuggestions: true,
    showInspectElement: !packaged,
    labels: {
      cut: t('desktop.contextMenu.cut'),
      copy: t('desktop.contextMenu.copy'),
      paste: t('desktop.contextMenu.paste'),
      selectAll: t('desktop.contextMenu.selectAll'),
      learnSpelling: t('desktop.contextMenu.learnSpelling'),
      lookUpSelection: t('desktop.contextMenu.lookUp'),
      copyLink: t('desktop.contextMenu.copyLink'),
      inspect: t('desktop.contextMenu.inspect'),
    },
    /** Only where there is something to act on: a text field, a selection or a link (not on empty page space). */
    shouldShowMenu: (_event: unknown, params: ContextMenuParams) =>
      params.isEditable || params.selectionText.trim() !== '' || params.linkURL !== '',
  };
}
