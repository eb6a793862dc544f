import type { InitOptions } from 'i18next';

/**
 * Options both processes share, without the words: English as the fallback, no HTML escaping (React
 * escapes; main writes plain text). The renderer loads the words on their own (a chunk fetched at start).
 */
export const i18nBaseOptions = {
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
} satisfies InitOptions;
