import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { effectiveLanguage } from '../../../shared/language';
import { i18nBaseOptions } from '../../../shared/i18n/options';

// All text goes through i18next, with the shared catalogue (shared/i18n). The language is the user's
// choice from Settings, else the OS's. The words are a chunk of their own, fetched while the window
// starts (boot waits for them), so they are not part of the first script.

const catalogue: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, done) {
    import('../../../shared/i18n').then(
      ({ resources }) => done(null, resources[language as Language]?.translation ?? false),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

export { effectiveLanguage };

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next
    .use(catalogue)
    .use(initReactI18next)
    .init({ ...i18nBaseOptions, lng: language });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => (document.documentElement.lang = lng));
  return i18next;
}
