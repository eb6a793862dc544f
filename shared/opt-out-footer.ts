import { countSms, type SmsCount } from './sms';

// The optional "reply STOP to opt out" line, in the message's language. Worded without accents on purpose:
// "Responda SAIR para não receber mais" would turn every Portuguese message into UCS-2 (70 characters a
// segment instead of 160) because of one "ã". Each footer names a keyword the opt-out detection knows.

export type MessageLanguage = 'en' | 'pt' | 'es';
export const MESSAGE_LANGUAGES: readonly MessageLanguage[] = ['en', 'pt', 'es'];

export const OPT_OUT_FOOTERS: Readonly<Record<MessageLanguage, string>> = {
  en: 'Reply STOP to opt out',
  pt: 'Responda SAIR para parar de receber',
  es: 'Responde BAJA para dejar de recibir',
};

/** The body with the footer on its own line (trailing blank space of the body dropped). */
export function withOptOutFooter(body: string, language: MessageLanguage): string {
  const trimmed = body.trimEnd();
  return trimmed === '' ? OPT_OUT_FOOTERS[language] : `${trimmed}\n${OPT_OUT_FOOTERS[language]}`;
}

export interface FooterCost {
  before: SmsCount;
  after: SmsCount;
  /** Segments the footer adds to this body (per recipient). */
  extraSegments: number;
}

/** What adding the footer does to one body's count, for the composer to show next to the switch. */
export function optOutFooterCost(body: string, language: MessageLanguage): FooterCost {
  const before = countSms(body);
  const after = countSms(withOptOutFooter(body, language));
  return { before, after, extraSegments: after.segments - before.segments };
}
