import type { Language } from './domain';

/** Maps an OS locale ("pt-BR", "pt_PT", "en-GB", "de") to a language Relay Desk ships. */
export function pickLanguage(locale: string | null | undefined): Language {
  return locale && /^pt\b/i.test(locale.replace('_', '-')) ? 'pt-BR' : 'en';
}

/**
 * The language Relay Desk speaks: the one chosen in Settings, else the OS locale's. Every place that words
 * something for people (windows, menus, notifications, the tray, files) asks this one function.
 */
export function effectiveLanguage(chosen: Language | null | undefined, locale: string | null | undefined): Language {
  return chosen ?? pickLanguage(locale);
}
