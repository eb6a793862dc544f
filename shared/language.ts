import type { Language } from './domain';

/** Maps an OS locale ("pt-BR", "pt_PT", "en-GB", "de") to a language Relay Desk ships. */
export function pickLanguage(locale: string | null | undefined): Language {
  return locale && /^pt\b/i.test(locale.replace('_', '-')) ? 'pt-BR' : 'en';
}
