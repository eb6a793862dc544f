import type { MessageLanguage } from '../../../shared/opt-out-footer';

// Incoming replies that mean "stop sending me messages" (en, pt, es). Compared after folding case, accents,
// punctuation and emoji away, so "Stop!!", " sáir ", "🛑 PARAR" all count.
// Strong words count as the whole reply or its first word ("STOP please", "Sair da lista"; polite words
// before it are skipped: "Please stop"). Words with an
// everyday meaning count only as the whole reply, give or take "please": "CANCELAR" opts out, "Cancelar o
// pedido 123" is about an order. A keyword later in the sentence never counts ("don't stop sending").

export interface OptOutMatch {
  /** The keyword or phrase as normalised ("stop", "dar de baja"). */
  keyword: string;
  language: MessageLanguage;
}

interface Keyword {
  words: string[];
  language: MessageLanguage;
  /** Whole reply only (besides polite words), never as the first word of a longer one. */
  wholeOnly: boolean;
}

const STRONG: Record<MessageLanguage, string[]> = {
  en: ['stop', 'stopall', 'unsubscribe', 'optout', 'opt out', 'remove me'],
  pt: ['sair', 'parar', 'pare', 'descadastrar', 'descadastre', 'descadastre me', 'me descadastre', 'me tire da lista'],
  es: ['baja', 'dar de baja', 'darme de baja', 'desuscribir', 'desuscribirme', 'cancelar suscripcion'],
};
const WHOLE_ONLY: Record<MessageLanguage, string[]> = {
  en: ['cancel', 'end', 'quit', 'remove'],
  pt: ['cancelar', 'fim', 'remover', 'chega'],
  es: ['alto', 'cancelar', 'fin', 'basta', 'eliminar'], // "parar" is strong (pt) already
};
/** Words people add around a keyword that do not change its meaning. */
const POLITE = new Set(['please', 'pls', 'plz', 'thanks', 'por', 'favor', 'porfavor', 'pf', 'obrigado', 'obrigada', 'gracias']);

const KEYWORDS: Keyword[] = (['en', 'pt', 'es'] as const).flatMap((language) => [
  ...STRONG[language].map((k) => ({ words: k.split(' '), language, wholeOnly: false })),
  ...WHOLE_ONLY[language].map((k) => ({ words: k.split(' '), language, wholeOnly: true })),
]);
// Longest first, so "dar de baja" is reported rather than a shorter keyword it starts with.
KEYWORDS.sort((a, b) => b.words.length - a.words.length);

/** Lower case, no accents, letters and digits only, single spaces. */
export function normaliseReply(body: string): string {
  return body
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function detectOptOut(body: string): OptOutMatch | null {
  const normalised = normaliseReply(body);
  if (normalised === '' || normalised.length > 200) return null; // a long message is a conversation, not a keyword
  const all = normalised.split(' ');
  // "Please stop", "Por favor, sair": polite words before the keyword still leave it first.
  const lead = all.findIndex((word) => !POLITE.has(word));
  const words = lead < 0 ? [] : all.slice(lead);
  for (const keyword of KEYWORDS) {
    if (!startsWith(words, keyword.words)) continue;
    const rest = words.slice(keyword.words.length);
    if (!keyword.wholeOnly || rest.every((word) => POLITE.has(word))) {
      return { keyword: keyword.words.join(' '), language: keyword.language };
    }
  }
  return null;
}

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= words.length && prefix.every((word, i) => words[i] === word);
}
