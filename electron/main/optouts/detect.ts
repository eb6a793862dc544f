import type { MessageLanguage } from '../../../shared/opt-out-footer';

// Incoming replies that mean "stop sending me messages" (en, pt, es). Compared after folding case, accents,
// punctuation and emoji away, so "Stop!!", " sáir ", "🛑 PARAR" all count.
// Strong words count as the whole reply or its first word ("STOP please", "Sair da lista"; polite words
// before it are skipped: "Please stop", "Oi, SAIR"). Words with an
// everyday meaning count only as the whole reply, give or take "please": "CANCELAR" opts out, "Cancelar o
// pedido 123" is about an order. A single keyword later in the sentence does not count ("I will stop by",
// "quando vai sair meu pedido?"), but a clear request anywhere in a short reply does ("Oi, quero sair da
// lista", "hi, please unsubscribe me", "no me envíen más"), unless a "no"/"não"/"don't" comes right before
// it ("não quero sair"). When in doubt between a customer who asked to stop and one who did not, we side with
// the request: a number wrongly on the list is one click to take off (Opt-outs), a message after STOP is not.

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
/** Words people add around a keyword that do not change its meaning (greetings included: "Oi, SAIR"). */
const POLITE = new Set([
  'please',
  'pls',
  'plz',
  'thanks',
  'por',
  'favor',
  'porfavor',
  'pf',
  'obrigado',
  'obrigada',
  'gracias',
  'hi',
  'hello',
  'hey',
  'oi',
  'ola',
  'hola',
  'bom',
  'boa',
  'dia',
  'tarde',
  'noite',
  'buenos',
  'buenas',
  'dias',
  'noches',
]);
/**
 * Requests that mean "stop" wherever they stand in a short reply (normalised: no accents, "don't" → "don t").
 * Each is a whole phrase, never a lone everyday word ("sair", "stop" alone mean other things mid-sentence).
 */
const REQUESTS: Record<MessageLanguage, string[]> = {
  en: [
    'unsubscribe',
    'opt out',
    'optout',
    'stop sending',
    'stop texting',
    'stop messaging',
    'stop contacting',
    'remove me',
    'take me off',
    'remove my number',
    'don t text me',
    'dont text me',
    'do not text me',
    'don t message me',
    'do not message me',
    'do not contact me',
    'no more messages',
    'no more texts',
  ],
  pt: [
    'descadastrar',
    'descadastre',
    'descadastra',
    'descadastro',
    'quero sair',
    'quero parar',
    'queria sair',
    'gostaria de sair',
    'sair da lista',
    'pode parar',
    'podem parar',
    'para de mandar',
    'pare de mandar',
    'parem de mandar',
    'para de enviar',
    'pare de enviar',
    'parem de enviar',
    'parar de receber',
    'nao quero mais receber',
    'nao quero receber',
    'nao mande mais',
    'nao me mande',
    'nao envie mais',
    'nao me envie',
    'nao mandem mais',
    'nao me mandem',
    'me tira da lista',
    'me tire da lista',
    'me tirem da lista',
    'tira meu numero',
    'tire meu numero',
    'tirar meu numero',
    'me remova',
    'me remove',
  ],
  es: ['dar de baja', 'darme de baja', 'desuscribir', 'desuscribirme', 'quiero salir', 'no me envien', 'no me manden', 'no quiero recibir'],
};
/** A word right before a request that turns it around ("não quero sair", "don't unsubscribe me"). */
const NEGATIONS = new Set(['nao', 'no', 'not', 'nunca', 'never', 'dont', 't', 'jamais']);
const REQUEST_PHRASES = (['en', 'pt', 'es'] as const)
  .flatMap((language) => REQUESTS[language].map((k) => ({ words: k.split(' '), language })))
  .sort((a, b) => b.words.length - a.words.length);

const KEYWORDS: Keyword[] = (['en', 'pt', 'es'] as const).flatMap((language) => [
  ...STRONG[language].map((k) => ({ words: k.split(' '), language, wholeOnly: false })),
  ...WHOLE_ONLY[language].map((k) => ({ words: k.split(' '), language, wholeOnly: true })),
]);
// Longest first, so "dar de baja" is reported rather than a shorter keyword it starts with.
KEYWORDS.sort((a, b) => b.words.length - a.words.length);

/** Lower case, no accents, letters and digits only, single spaces. */
export function normaliseReply(body: string, drop: RegExp = /[^\p{L}\p{N}]+/gu): string {
  return body.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(drop, ' ').trim();
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
  return requestAnywhere(body);
}

/** A clear request anywhere in the reply, unless negated right before it in the same clause ("No, stop sending" asks). */
function requestAnywhere(body: string): OptOutMatch | null {
  const words = normaliseReply(body.replace(/[.,;:!?¡¿()]+/g, ' | '), /[^\p{L}\p{N}|]+/gu).split(' ');
  for (let i = 0; i < words.length; i += 1) {
    const rest = words.slice(i);
    const phrase = REQUEST_PHRASES.find((p) => startsWith(rest, p.words));
    if (!phrase) continue;
    // "não quero sair da lista": the whole negated request is passed over, not re-read from its middle.
    if (i > 0 && NEGATIONS.has(words[i - 1]!)) i += phrase.words.length - 1;
    else return { keyword: phrase.words.join(' '), language: phrase.language };
  }
  return null;
}

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= words.length && prefix.every((word, i) => words[i] === word);
}
