import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { pickLanguage } from '../../../shared/language';
import { i18nOptions } from '../../../shared/i18n';

// All text goes through i18next, with the shared catalogue (shared/i18n). The language is the user's
// choice from Settings, else the OS's.

export { pickLanguage };

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({ ...i18nOptions, lng: language });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => (document.documentElement.lang = lng));
  return i18next;
}
