// The header words the preflight knows (English, Portuguese, Spanish; case and accents ignored), including
// the columns of the exports small businesses actually have: Google Contacts ("Phone 1 - Value", "Given
// Name"), Outlook ("Mobile Phone", "First Name"), Shopify ("Default Address Phone", "Accepts SMS
// Marketing"), WooCommerce ("billing_phone"), Mailchimp ("Phone Number", "First Name"), HubSpot ("Mobile
// Phone Number", "WhatsApp Phone Number"), RD Station ("Celular", "Nome"). Header words only break ties:
// what the cells hold decides (columns.ts).

/** Lower case, accents off, anything but letters and digits as single spaces: "Móvil/WhatsApp" → "movil whatsapp". */
export function normalizeWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const tokensOf = (cell: string): string[] => normalizeWords(cell.replace(/([a-z])([A-Z])/g, '$1 $2')).split(' ');

// Higher scores win when several columns qualify: "Celular" beats "Telefone" for an SMS list.
const PHONE_WORDS: Record<string, number> = {
  celular: 3,
  cel: 3,
  mobile: 3,
  movil: 3,
  cell: 3,
  cellphone: 3,
  whatsapp: 3,
  whats: 3,
  wpp: 3,
  zap: 3,
  telemovel: 3,
  telemovil: 3,
  smartphone: 3,
  sms: 3,
  handy: 3,
  phone: 2,
  telephone: 2,
  telefone: 2,
  telefono: 2,
  fone: 2,
  tel: 2,
  tlf: 2,
  tfno: 2,
  msisdn: 2,
  phones: 2,
  telefones: 2,
  numero: 1,
  number: 1,
  contact: 1,
  contato: 1,
  contacto: 1,
};
// A column about a phone that is not a number to text: its label ("Phone 1 - Label": "Mobile"), a fax.
const NOT_PHONE = new Set([
  'label',
  'type',
  'tipo',
  'etiqueta',
  'fax',
  'ddd',
  'ddi',
  'area',
  'code',
  'codigo',
  'country',
  'pais',
  'verified',
  'marketing',
  'consent',
  'accepts',
  'opt',
  'optin',
]);

export function phoneHeaderScore(cell: string): number {
  const tokens = tokensOf(cell);
  if (tokens.some((t) => NOT_PHONE.has(t))) return 0;
  let best = 0;
  for (const t of tokens) best = Math.max(best, PHONE_WORDS[t] ?? 0);
  // "Mobile Phone" in Outlook, "Celular" in RD Station; "Home Phone" / "Business Phone" stay plain phones.
  return best;
}

/** What part of a person's name a column holds, from its header. */
export type NameRole = 'full' | 'first' | 'middle' | 'last' | 'company';

const FULL = new Set([
  'name',
  'nome',
  'nombre',
  'fullname',
  'displayname',
  'cliente',
  'customer',
  'client',
  'paciente',
  'aluno',
  'alumno',
  'contact',
  'contato',
  'contacto',
  'destinatario',
  'recipient',
]);
const FIRST = new Set(['first', 'given', 'primeiro', 'primer', 'firstname', 'givenname', 'fname', 'forename']);
const MIDDLE = new Set(['middle', 'additional', 'segundo', 'meio', 'middlename']);
const LAST = new Set(['last', 'surname', 'family', 'sobrenome', 'apellido', 'apellidos', 'lastname', 'familyname', 'lname', 'ultimo']);
const COMPANY = new Set(['company', 'empresa', 'organization', 'organisation', 'organizacao', 'razao', 'business', 'loja', 'store']);
// Columns about a name that are not how to greet someone, or that only mention a name: "Phonetic First Name",
// "Name Prefix", "Nickname", "File As", "E-mail", "Contact owner", "Product name"…
const NOT_NAME = new Set([
  'phonetic',
  'prefix',
  'suffix',
  'title',
  'nickname',
  'apelido',
  'file',
  'email',
  'mail',
  'user',
  'username',
  'login',
  'owner',
  'responsavel',
  'product',
  'produto',
  'producto',
  'item',
  'tag',
  'tags',
  'label',
  'labels',
  'group',
  'grupo',
  'department',
  'departamento',
  'job',
  'cargo',
  'city',
  'cidade',
  'ciudad',
  'street',
  'rua',
  'address',
  'endereco',
  'shipping',
  'id',
  'source',
  'origem',
  'campaign',
  'campanha',
  'yomi',
  'initials',
  'father',
  'mother',
  'mae',
  'pai',
  'status',
  'stage',
  'lifecycle',
  'marketing',
  'date',
  'data',
  'created',
  'updated',
  'count',
  'total',
  'type',
  'tipo',
]);
// "Billing First Name" (WooCommerce) is a first name, a little less than a plain "First Name".
const SECONDARY = new Set(['billing', 'shipping', 'default', 'address', 'cobranca', 'entrega', 'facturacion']);

/** The role and how sure the header is (higher wins among columns of the same role); null: not a name. */
export function nameHeaderRole(cell: string): { role: NameRole; score: number } | null {
  const tokens = tokensOf(cell);
  if (tokens.some((t) => NOT_NAME.has(t) || (PHONE_WORDS[t] !== undefined && PHONE_WORDS[t] >= 2))) return null;
  const penalty = tokens.some((t) => SECONDARY.has(t)) ? 1 : 0;
  const has = (set: Set<string>) => tokens.some((t) => set.has(t));
  if (has(COMPANY)) return { role: 'company', score: 1 - penalty / 2 };
  if (has(FIRST)) return { role: 'first', score: 3 - penalty };
  if (has(MIDDLE)) return { role: 'middle', score: 3 - penalty };
  if (has(LAST)) return { role: 'last', score: 3 - penalty };
  if (has(FULL)) {
    // "Nome completo", "Full name", "Display name" are surely the whole name; "Cliente" a little less.
    const sure = tokens.some(
      (t) => t === 'completo' || t === 'full' || t === 'fullname' || t === 'display' || t === 'displayname' || t === 'completo',
    );
    const bare = tokens.some((t) => t === 'name' || t === 'nome' || t === 'nombre');
    return { role: 'full', score: (sure ? 4 : bare ? 3 : 2) - penalty };
  }
  return null;
}

/** A bare "Nome"/"Name" beside a "Sobrenome"/"Last Name" column holds the first name. */
export const isBareName = (cell: string): boolean => ['name', 'nome', 'nombre'].includes(normalizeWords(cell));

// ---- consent -----------------------------------------------------------------------------------------------

const CHANNEL = new Set([
  'sms',
  'whatsapp',
  'whats',
  'wpp',
  'zap',
  'texto',
  'text',
  'mensagem',
  'mensagens',
  'mensaje',
  'mensajes',
  'celular',
  'mobile',
  'phone',
  'telefone',
  'telefono',
]);
const GRANTS = new Set([
  'accepts',
  'accept',
  'aceita',
  'acepta',
  'aceito',
  'consent',
  'consentimento',
  'consentimiento',
  'optin',
  'permission',
  'permissao',
  'permiso',
  'autoriza',
  'autorizacao',
  'subscribed',
  'inscrito',
  'suscrito',
  'marketing',
  'allow',
  'allowed',
  'permite',
]);
const REFUSES = new Set(['optout', 'unsubscribed', 'descadastrado', 'descadastro', 'blocked', 'bloqueado', 'stop', 'donotcontact', 'dnc']);

/**
 * Whether a header names SMS / WhatsApp consent: 'grants' (yes = may be messaged: "Accepts SMS Marketing",
 * "SMS opt-in", "Aceita WhatsApp") or 'refuses' (yes = may not: "SMS opt-out", "Unsubscribed from SMS").
 * Dates and addresses of an opt-in ("OPTIN_TIME", "OPTIN_IP") are not flags.
 */
export function consentHeader(cell: string): 'grants' | 'refuses' | null {
  const joined = normalizeWords(cell.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .replace(/\bopt (in|out)\b/g, 'opt$1')
    .replace(/\bdo not contact\b/g, 'donotcontact');
  const tokens = joined.split(' ');
  if (tokens.some((t) => ['time', 'date', 'data', 'fecha', 'ip', 'source', 'origem', 'em', 'at', 'when', 'quando'].includes(t)))
    return null;
  const negated = tokens.some((t) => t === 'nao' || t === 'no' || t === 'not' || t === 'sem');
  if (tokens.some((t) => REFUSES.has(t))) return negated ? 'grants' : 'refuses';
  const channel = tokens.some((t) => CHANNEL.has(t));
  // "Accepts Marketing" (Shopify's older export) and "Consent" alone speak for every channel.
  const grants = tokens.some((t) => GRANTS.has(t));
  if (!grants) return null;
  if (!channel && tokens.some((t) => t === 'email' || t === 'mail' || t === 'newsletter')) return null;
  if (!channel && !tokens.some((t) => t === 'accepts' || t === 'consent' || t === 'consentimento' || t === 'optin' || t === 'aceita'))
    return null;
  return negated ? 'refuses' : 'grants';
}

const YES = new Set([
  'yes',
  'y',
  'sim',
  's',
  'si',
  'true',
  'verdadeiro',
  'verdadero',
  '1',
  'x',
  'subscribed',
  'opted in',
  'optedin',
  'granted',
  'accepted',
  'aceito',
  'aceita',
  'inscrito',
  'ok',
  'confirmed',
  'confirmado',
]);
const NO = new Set([
  'no',
  'n',
  'nao',
  'false',
  'falso',
  '0',
  'unsubscribed',
  'not subscribed',
  'never subscribed',
  'opted out',
  'optedout',
  'denied',
  'declined',
  'recusado',
  'revoked',
  'revogado',
  'pending',
  'cleaned',
  'non subscribed',
  'descadastrado',
]);

/** A consent cell: true (yes), false (no) or null (empty, or words we do not know: not a refusal). */
export function consentValue(cell: string): boolean | null {
  const text = normalizeWords(cell);
  if (text === '') return null;
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return null;
}
