import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ptBR } from './pt-BR';
import type { Language } from '../../../shared/domain';
import { pickLanguage } from '../../../shared/language';

// All text goes through i18next. The language is the user's choice from Settings, else the OS's.

export const resources = { en: { translation: en }, 'pt-BR': { translation: ptBR } } as const;

export { pickLanguage };

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => (document.documentElement.lang = lng));
  return i18next;
}
