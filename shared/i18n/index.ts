import i18next, { type InitOptions, type TFunction } from 'i18next';
import type { Language } from '../domain';
import { en } from './en';
import { ptBR } from './pt-BR';
import { i18nBaseOptions } from './options';

// The one catalogue of words, used by the renderer (through react-i18next) and by main (notifications,
// the tray) through the same i18next, so both speak the language chosen in Settings.

export { en, ptBR };
export type { Messages, WordedErrorCode } from './en';
export { GATEWAY_WORDED_CODES } from './en';

/**
 * Portuguese counts none as many ("0 mensagens", never "0 mensagem"), but its plural rule files 0 under
 * `one`. i18next looks for a `_zero` form first when the count is 0: every counted word without its own gets
 * its `_other` form. English already files 0 under `other`.
 */
export function zeroAsPlural<T extends object>(catalogue: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(catalogue))
    copy[key] = typeof value === 'object' && value !== null ? zeroAsPlural(value) : value;
  for (const [key, value] of Object.entries(catalogue)) {
    if (!key.endsWith('_other')) continue;
    const zero = `${key.slice(0, -'_other'.length)}_zero`;
    if (!(zero in copy)) copy[zero] = value;
  }
  return copy as T;
}

export const resources = { en: { translation: en }, 'pt-BR': { translation: zeroAsPlural(ptBR) } } as const;
export const LANGUAGES = Object.keys(resources) as Language[];

// Typed keys: `t('devices.titel')` or a missing placeholder's key fails to compile, in both processes.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** Options both processes share (options.ts), with every language's words. */
export const i18nOptions = { resources, ...i18nBaseOptions } satisfies InitOptions;

export type Translate = TFunction<'translation'>;

const translators = new Map<Language, Translate>();

/** A synchronous translator for one language (main has no React, and needs no global language state). */
export function translator(language: Language): Translate {
  let t = translators.get(language);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({ ...i18nOptions, lng: language, initAsync: false });
    t = instance.getFixedT(language);
    translators.set(language, t);
  }
  return t;
}
