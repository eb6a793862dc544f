import type { Language } from '../../../shared/domain';
import { translator } from '../../../shared/i18n';

// Saving a page as a PDF (a campaign's results): what the save dialog proposes. The Electron call that prints
// the window is in ./electron/print.ts; the decisions are here, in plain code with unit tests.

/** Characters no file system takes in a name (Windows' set is the widest), and control characters. */
const FORBIDDEN = /[<>:"/\\|?*\p{Cc}]+/gu;
/** Names stay short enough for any file system and for the dialog's field. */
const MAX_NAME_CHARS = 80;

/** A title made safe for a file name: forbidden characters become spaces, no leading or trailing dots. */
export function safeFileTitle(title: string): string {
  const cleaned = title
    .normalize('NFC')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .trim();
  // Cut on a character boundary (an emoji is two code units).
  return [...cleaned].slice(0, MAX_NAME_CHARS).join('').trim();
}

/** The local date (YYYY-MM-DD) of an instant in a zone, for the file name. */
export function localDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

export interface PdfSaveRequest {
  /** The save dialog's title, in the app's language. */
  title: string;
  /** Proposed in the Documents folder (the platform's saveFile puts it there). */
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}

/**
 * "Results - Christmas promo - 2026-12-06.pdf" (pt-BR: "Resultados - …"): the word, the send's title, the day it
 * was sent in the user's zone. A title with nothing usable left gives "Results - campaign 12 - …".
 */
export function resultsPdfRequest(input: {
  language: Language;
  kind: 'campaign' | 'newsletter';
  id: number;
  title: string;
  at: number;
  timeZone: string;
}): PdfSaveRequest {
  const t = translator(input.language);
  const title =
    safeFileTitle(input.title) || `${t(input.kind === 'campaign' ? 'results.kindCampaign' : 'results.kindNewsletter')} ${input.id}`;
  return {
    title: t('results.pdfDialogTitle'),
    defaultName: `${t('results.pdfFileWord')} - ${title} - ${localDate(input.at, input.timeZone)}.pdf`,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
}

/** The name a saved path is shown by, with ".pdf" added when the user typed a name without it. */
export function withPdfExtension(path: string): string {
  return /\.pdf$/i.test(path) ? path : `${path}.pdf`;
}
