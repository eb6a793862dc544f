import type { FieldChoiceView } from '../../../shared/ipc/contacts';
import type { ColumnMapping, PreflightFile } from '../preflight';

// A contact's other columns (city, birthday, order number…), kept in the registry when the user says so and
// offered to campaigns to the tag as placeholders: "Cidade" becomes {cidade}, "Data de nascimento"
// {data_de_nascimento}. Decided once per import from the header and the preview's rows; per row only the
// chosen columns are read, and only for rows that are imported.

/** The most columns one import keeps, and the longest value kept (a note pasted in a cell is cut there). */
export const MAX_KEPT_FIELDS = 30;
export const MAX_FIELD_CHARS = 500;
/** Placeholders are at most 64 characters (campaigns/template.ts). */
const MAX_KEY_CHARS = 48;
/** Header words of an export's columns that describe another column rather than the person. */
const DESCRIBES_ANOTHER = / (label|labels|type|tipo|etiqueta|rotulo) /;
/** The two names every tag campaign has already ({name}, {phone}): a column named so gets a suffix. */
const RESERVED = new Set(['name', 'phone']);

/** The header made safe for a placeholder: lower case, accents off, anything else between words as "_". */
export function fieldKey(header: string): string {
  // NFKD: "Nº" → "no", "ª" → "a", as well as accents off.
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_KEY_CHARS)
    .replace(/_+$/, '');
}

/** A column kept as a field: where it is in the file, its header as written and its placeholder name. */
export interface KeptField {
  column: number;
  key: string;
  header: string;
}

const headerOf = (header: readonly string[] | null, column: number): string => header?.[column]?.trim() || `Column ${column + 1}`;

/** The columns that are not the phone, the name or the consent: what may be kept. */
function otherColumns(file: Pick<PreflightFile, 'columns'> & { mapping: ColumnMapping }): number[] {
  const taken = new Set<number>([
    ...file.mapping.phones,
    ...file.mapping.names,
    ...(file.mapping.consent ? [file.mapping.consent.column] : []),
  ]);
  const out: number[] = [];
  for (let column = 0; column < Math.min(file.columns, 500); column++) if (!taken.has(column)) out.push(column);
  return out;
}

/**
 * The other columns as the mapping step offers them: header, placeholder name, a sample value from the
 * preview's rows and whether it is kept by default (any column with a value in the preview, except an export's
 * labels of other columns).
 */
export function fieldChoices(
  file: Pick<PreflightFile, 'columns' | 'header'> & { mapping: ColumnMapping },
  rows: readonly { cells: readonly string[] }[],
): FieldChoiceView[] {
  const keys = uniqueKeys(otherColumns(file).map((column) => ({ column, header: headerOf(file.header, column) })));
  return keys.map(({ column, header, key }) => {
    let sample = '';
    for (const row of rows) {
      const cell = row.cells[column]?.trim();
      if (cell) {
        sample = cell.length > 60 ? `${cell.slice(0, 59)}…` : cell;
        break;
      }
    }
    // A column describing another ("Phone 1 - Label": Mobile, Google's "Labels": * myContacts) is no use in a message.
    return { column, header, key, sample, keep: sample !== '' && !DESCRIBES_ANOTHER.test(` ${key.replace(/_/g, ' ')} `) };
  });
}

/** Keys made unique ("City", "city " → city, city_2) and never the reserved ones; empty ones named by position. */
function uniqueKeys(columns: readonly { column: number; header: string }[]): KeptField[] {
  const used = new Set<string>(RESERVED);
  return columns.map(({ column, header }) => {
    const base = fieldKey(header) || `column_${column + 1}`;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}_${n}`;
    used.add(key);
    return { column, header, key };
  });
}

/** The kept fields of an import: the columns chosen (by index), in file order, at most MAX_KEPT_FIELDS. */
export function keptFields(choices: readonly FieldChoiceView[], columns: readonly number[]): KeptField[] {
  const chosen = new Set(columns);
  return choices
    .filter((c) => chosen.has(c.column))
    .slice(0, MAX_KEPT_FIELDS)
    .map(({ column, key, header }) => ({ column, key, header }));
}

/** The default: every other column with a value in the preview. */
export const defaultKept = (choices: readonly FieldChoiceView[]): number[] => choices.filter((c) => c.keep).map((c) => c.column);

/**
 * `--keep-fields "City,Birthday"` (headers, case and accents ignored, or column numbers from 1), `all` (the
 * default's columns: every one with a value) or `none`. Returns the columns, or the names not found.
 */
export function resolveKeepFields(spec: string, choices: readonly FieldChoiceView[]): { columns: number[] } | { unknown: string[] } {
  const text = spec.trim();
  if (/^(all|todas|todos)$/i.test(text)) return { columns: defaultKept(choices) };
  if (/^(none|nenhuma|nenhum|ninguna|ninguno)$/i.test(text)) return { columns: [] };
  const columns: number[] = [];
  const unknown: string[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const key = fieldKey(part);
    const found =
      choices.find((c) => fieldKey(c.header) === key || c.key === key) ??
      (/^\d{1,3}$/.test(part) ? choices.find((c) => c.column === Number(part) - 1) : undefined);
    if (found) columns.push(found.column);
    else unknown.push(part);
  }
  return unknown.length > 0 ? { unknown } : { columns: [...new Set(columns)] };
}

/** One imported row's kept values (key → value), empty cells left out; null when none has a value. */
export function fieldValues(cells: readonly string[], fields: readonly KeptField[]): Record<string, string> | null {
  let values: Record<string, string> | null = null;
  for (const field of fields) {
    const cell = cells[field.column];
    if (cell === undefined) continue;
    const value = cell.trim();
    if (value === '') continue;
    (values ??= {})[field.key] = value.length > MAX_FIELD_CHARS ? value.slice(0, MAX_FIELD_CHARS) : value;
  }
  return values;
}
