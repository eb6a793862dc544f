import { countSms, type SmsCount } from '../../../shared/sms';

// Personalised bodies: "Olá {nome}, seu pedido {pedido} saiu para entrega". Parsed once, bound to the
// recipients' columns once (every placeholder without a column is reported before anything is sent), then
// rendered per recipient.
//
// Syntax: `{column}` or `{{column}}` (people coming from other tools type either), spaces inside ignored.
// A brace that does not form a placeholder ("{", "{}", "a { b") is plain text. Column names match without
// regard to case, accents, spaces or punctuation: {Nome}, {nome}, {NOME} and {nóme} all find "Nome".

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'field'; placeholder: string };

export interface Template {
  source: string;
  parts: TemplatePart[];
  /** Distinct placeholder names as written (trimmed), in order of first appearance. */
  placeholders: string[];
}

// {{{ name }}} (handlebars' raw form) and {{ name }} first (so their inner braces are not read as text around a
// { name }), then { name }; names up to 64 characters.
const PLACEHOLDER = /\{\{\{([^{}\r\n]{1,64})\}\}\}|\{\{([^{}\r\n]{1,64})\}\}|\{([^{}\r\n]{1,64})\}/g;

export function parseTemplate(source: string): Template {
  const parts: TemplatePart[] = [];
  const placeholders: string[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const placeholder = (match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (placeholder === '') continue; // "{  }" is text
    if (match.index > last) parts.push({ kind: 'text', text: source.slice(last, match.index) });
    parts.push({ kind: 'field', placeholder });
    if (!placeholders.includes(placeholder)) placeholders.push(placeholder);
    last = match.index + match[0].length;
  }
  if (last < source.length) parts.push({ kind: 'text', text: source.slice(last) });
  return { source, parts, placeholders };
}

/** What a recipient list offers to fill placeholders with. */
export interface TemplateColumns {
  /** Column headers as the file (or the registry) names them; row values are keyed by these. */
  headers: readonly string[];
  /** The column mapped as the contact's name: {name}, {nome}, {nombre}… reach it whatever its header. */
  nameColumn?: string | null;
  /** The column mapped as the phone number: {phone}, {telefone}, {celular}… reach it. */
  phoneColumn?: string | null;
}

export interface PlaceholderProblem {
  placeholder: string;
  kind: 'no-column' | 'ambiguous';
  /** Headers the user may have meant (no-column), or the headers it could mean (ambiguous). */
  suggestions: string[];
}

export interface BoundTemplate {
  template: Template;
  /** placeholder (as written) → the header whose values fill it. */
  columns: ReadonlyMap<string, string>;
}

export type TemplateBinding = { ok: true; bound: BoundTemplate } | { ok: false; problems: PlaceholderProblem[] };

// Words people use for the two columns every recipient list has (en, pt, es).
const NAME_ALIASES = ['name', 'fullname', 'nome', 'nomecompleto', 'nombre', 'nombrecompleto', 'cliente', 'contato', 'contacto', 'contact'];
const PHONE_ALIASES = ['phone', 'mobile', 'number', 'telefone', 'celular', 'fone', 'numero', 'telefono', 'movil', 'whatsapp'];

/** Case, accents, spaces and punctuation do not matter: "Nome Completo" ≡ "nome_completo" ≡ "NOMECOMPLETO". */
export function columnKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function bindTemplate(template: Template, columns: TemplateColumns): TemplateBinding {
  const byKey = new Map<string, string[]>();
  for (const header of columns.headers) {
    const key = columnKey(header);
    if (key === '') continue;
    const same = byKey.get(key);
    if (same) same.push(header);
    else byKey.set(key, [header]);
  }
  const bound = new Map<string, string>();
  const problems: PlaceholderProblem[] = [];
  for (const placeholder of template.placeholders) {
    const key = columnKey(placeholder);
    const candidates = byKey.get(key) ?? [];
    if (candidates.length > 1) {
      const exact = candidates.find((header) => header.trim() === placeholder);
      if (exact !== undefined) bound.set(placeholder, exact);
      else problems.push({ placeholder, kind: 'ambiguous', suggestions: candidates });
      continue;
    }
    const header = candidates[0] ?? roleColumn(key, columns);
    if (header !== undefined) bound.set(placeholder, header);
    else problems.push({ placeholder, kind: 'no-column', suggestions: suggestColumns(key, columns.headers) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, bound: { template, columns: bound } };
}

function roleColumn(key: string, columns: TemplateColumns): string | undefined {
  if (columns.nameColumn && NAME_ALIASES.includes(key)) return columns.nameColumn;
  if (columns.phoneColumn && PHONE_ALIASES.includes(key)) return columns.phoneColumn;
  return undefined;
}

/** Up to 3 headers close to what was typed: a small edit away, or one containing the other. */
function suggestColumns(key: string, headers: readonly string[]): string[] {
  const scored: { header: string; distance: number }[] = [];
  for (const header of headers) {
    const other = columnKey(header);
    if (other === '') continue;
    const distance = editDistance(key, other);
    const close = distance <= Math.max(1, Math.floor(Math.max(key.length, other.length) / 3));
    const contained = key.length >= 3 && other.length >= 3 && (other.includes(key) || key.includes(other));
    if (close || contained) scored.push({ header, distance });
  }
  scored.sort((a, b) => a.distance - b.distance);
  return scored.slice(0, 3).map((s) => s.header);
}

/** Levenshtein distance; names are short (≤ 64), so the plain two-row table is enough. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** One recipient's values, keyed by header. Missing or null values render as nothing. */
export type TemplateRow = Readonly<Record<string, string | null | undefined>>;

/** The body for one recipient. Values are trimmed: spreadsheet cells often carry stray spaces. */
export function renderTemplate(bound: BoundTemplate, row: TemplateRow): string {
  let out = '';
  for (const part of bound.template.parts) {
    out += part.kind === 'text' ? part.text : fieldValue(bound, row, part.placeholder);
  }
  return out;
}

function fieldValue(bound: BoundTemplate, row: TemplateRow, placeholder: string): string {
  const header = bound.columns.get(placeholder);
  const value = header === undefined || !Object.hasOwn(row, header) ? undefined : row[header];
  return (value ?? '').trim();
}

/** Placeholders this row leaves empty ("Olá ," is worth a warning in the preview). */
export function blankPlaceholders(bound: BoundTemplate, row: TemplateRow): string[] {
  return bound.template.placeholders.filter((placeholder) => fieldValue(bound, row, placeholder) === '');
}

export interface RenderedPreview {
  /** Position of the row in the list given (0-based). */
  index: number;
  body: string;
  count: SmsCount;
  blanks: string[];
}

/** The first `limit` recipients' bodies, as they will be sent. */
export function previewTemplate(bound: BoundTemplate, rows: Iterable<TemplateRow>, limit = 5): RenderedPreview[] {
  const out: RenderedPreview[] = [];
  if (limit <= 0) return out;
  let index = 0;
  for (const row of rows) {
    const body = renderTemplate(bound, row);
    out.push({ index, body, count: countSms(body), blanks: blankPlaceholders(bound, row) });
    if (++index >= limit) break;
  }
  return out;
}

export interface RenderSummary {
  /** The costliest body (most segments, then most units; the first such row wins); null for no rows. */
  longest: { index: number; body: string; count: SmsCount } | null;
  /** Segments over every recipient: what the campaign costs. */
  totalSegments: number;
  /** Rows that leave at least one placeholder empty. */
  rowsWithBlanks: number;
  /** Per placeholder (as written), how many rows leave it empty. */
  blanksByPlaceholder: Record<string, number>;
  /** The first rows with an empty placeholder (position and which), to name them before anything is sent. */
  blankRows: { index: number; blanks: string[] }[];
  rows: number;
}

/** How many rows with an empty placeholder the summary names. */
export const BLANK_ROWS_NAMED = 20;

/** One pass over every recipient: the longest body for the counter, the total cost, the rows with gaps. */
export function summariseRendering(bound: BoundTemplate, rows: Iterable<TemplateRow>): RenderSummary {
  let longest: RenderSummary['longest'] = null;
  let totalSegments = 0;
  let rowsWithBlanks = 0;
  const blanksByPlaceholder: Record<string, number> = {};
  const blankRows: RenderSummary['blankRows'] = [];
  let index = 0;
  for (const row of rows) {
    const body = renderTemplate(bound, row);
    const count = countSms(body);
    totalSegments += count.segments;
    const blanks = blankPlaceholders(bound, row);
    if (blanks.length > 0) {
      rowsWithBlanks += 1;
      for (const placeholder of blanks) blanksByPlaceholder[placeholder] = (blanksByPlaceholder[placeholder] ?? 0) + 1;
      if (blankRows.length < BLANK_ROWS_NAMED) blankRows.push({ index, blanks });
    }
    if (
      longest === null ||
      count.segments > longest.count.segments ||
      (count.segments === longest.count.segments && count.units > longest.count.units)
    ) {
      longest = { index, body, count };
    }
    index += 1;
  }
  return { longest, totalSegments, rowsWithBlanks, blanksByPlaceholder, blankRows, rows: index };
}
