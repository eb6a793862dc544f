import { columnKey, parseTemplate } from './template';

// Text that would reach customers as written when nothing fills it in. Two kinds:
// - our own placeholders, {nome} / {{ nome }} / {NOME}: a campaign fills them from its list, but a newsletter
//   (savepaket) and a single message or reply (addsms) fill in nothing;
// - look-alikes from other tools, [nome], %nome%, <nome>, *|NOME|*: Relay Desk fills none of them anywhere. Only
//   those naming a name or phone word, or one of the list's own columns, count ("[promo]" or "<3" stay text).

/** Words that name a customer's name or number (en, pt, es), compared by columnKey. */
const PERSON_WORDS = new Set([
  'name',
  'fname',
  'firstname',
  'fullname',
  'nome',
  'primeironome',
  'nomecompleto',
  'nombre',
  'cliente',
  'contato',
  'contact',
  'phone',
  'telefone',
  'celular',
  'numero',
  'whatsapp',
]);

const LOOKALIKE = /\*\|([^|*\r\n]{1,40})\|\*|\[([^[\]\r\n]{1,40})\]|%([^%\s]{1,40})%|<([^<>\r\n]{1,40})>/g;

/** Look-alike placeholders as written ("[nome]", "%NOME%"), in order, each once. `columns`: the list's headers. */
export function lookalikePlaceholders(body: string, columns: readonly string[] = []): string[] {
  const known = new Set([...PERSON_WORDS, ...columns.map(columnKey)]);
  const found: string[] = [];
  for (const match of body.matchAll(LOOKALIKE)) {
    const inner = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
    const key = columnKey(inner);
    if (key !== '' && known.has(key) && !found.includes(match[0])) found.push(match[0]);
  }
  return found;
}

/** Everything in a text nothing will fill in (a newsletter, a single message): our placeholders and look-alikes, as written. */
export function unfilledPlaceholders(body: string): string[] {
  const ours = parseTemplate(body).placeholders.map((p) => `{${p}}`);
  return [...ours, ...lookalikePlaceholders(body).filter((p) => !ours.includes(p))];
}
