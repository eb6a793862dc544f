import type { Instant, SimSlot } from '../../../shared/domain';
import { phpDateToInstant } from './time';

// Readers for the gateway's loosely typed fields (see the API doc): numeric strings, "null" strings,
// `true|null` flags, id-keyed objects that come back as `[]` when empty. Each takes a raw JSON value and
// returns the normalised value or a FieldProblem. They are plain functions because a getallsms reply can
// hold 50,000 rows: zod unions and transforms cost ~6 µs a row (plus the garbage), these a fraction of that.
// ./schemas.ts wraps the same readers in zod for the other replies, so all accept exactly the same variants.

/** Why a field could not be read: zod's wording style, never the value itself. */
export class FieldProblem {
  constructor(readonly message: string) {}
}

export type FieldReader<T> = (value: unknown) => T | FieldProblem;

// Shared instances: a failing read allocates nothing.
const NOT_AN_INTEGER = new FieldProblem('expected an integer');
const NOT_A_NUMBER = new FieldProblem('expected a number');
const NOT_TEXT = new FieldProblem('expected text');
const NOT_A_BOOLEAN = new FieldProblem('expected a boolean');
const UNKNOWN_SIM_SLOT = new FieldProblem('unknown sim slot');
const NOT_A_DATE = new FieldProblem('expected a PHP date {date, timezone}');
const UNREADABLE_DATE = new FieldProblem('unreadable date or time zone');
const NOT_A_COLLECTION = new FieldProblem('expected an array or an id-keyed object');

/** An integer as a number or a numeric string (surrounding spaces allowed). */
export const readInt: FieldReader<number> = (value) => {
  // A number is an integer if its decimal text is digits only: not 1.5, NaN or 1e21; -0 reads as 0.
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e21 ? value + 0 : NOT_AN_INTEGER;
  if (typeof value !== 'string') return NOT_AN_INTEGER;
  const digits = value.trim();
  return /^-?\d+$/.test(digits) ? Number(digits) : NOT_AN_INTEGER;
};

const NOT_AN_ID = new FieldProblem('expected a positive integer id');

/** An id: a safe positive integer, as a number or a numeric string ("62807347", " 260"). */
export const readId: FieldReader<number> = (value) => {
  const n = readInt(value);
  return typeof n === 'number' && n > 0 && Number.isSafeInteger(n) ? n : NOT_AN_ID;
};

/** Any finite number as a number or a numeric string (surrounding spaces allowed). */
export const readNumber: FieldReader<number> = (value) => {
  let n = Number.NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && value.trim() !== '') n = Number(value.trim());
  return Number.isFinite(n) ? n : NOT_A_NUMBER;
};

/** Text; a bare number is accepted and turned into its decimal text. */
export const readText: FieldReader<string> = (value) =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : NOT_TEXT;

/** Text with surrounding whitespace removed (phone numbers "may carry spaces"). */
export const readTrimmedText: FieldReader<string> = (value) => {
  const text = readText(value);
  return text instanceof FieldProblem ? text : text.trim();
};

/** true/false, 1/0, "1"/"0", "true"/"false"; null and "" mean false (`urgent` is `true` or `null`). */
export const readBool: FieldReader<boolean> = (value) => {
  if (value === null || value === '' || value === false || value === 0 || value === '0' || value === 'false') return false;
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  return NOT_A_BOOLEAN;
};

export const readSimSlot: FieldReader<SimSlot> = (value) => {
  const n = readInt(value);
  return n instanceof FieldProblem ? n : n >= 0 && n <= 5 ? (n as SimSlot) : UNKNOWN_SIM_SLOT;
};

/** A PHP DateTime object `{date, timezone_type?, timezone}` → Instant {iso (UTC), zone}. */
export const readPhpDate: FieldReader<Instant> = (value) => {
  if (typeof value !== 'object' || value === null) return NOT_A_DATE;
  const { date, timezone, timezone_type: type } = value as Record<string, unknown>;
  if (typeof date !== 'string' || typeof timezone !== 'string') return NOT_A_DATE;
  const zoneType = type === undefined || type === null ? undefined : readInt(type);
  if (zoneType instanceof FieldProblem) return NOT_A_DATE;
  return phpDateToInstant(zoneType === undefined ? { date, timezone } : { date, timezone, timezone_type: zoneType }) ?? UNREADABLE_DATE;
};

/** An id-keyed object `{ "<id>": row }`, `[]` when empty (or null), or a plain array → the rows, unchecked. */
export const readCollection: FieldReader<unknown[]> = (value) => {
  if (value === null) return [];
  if (Array.isArray(value)) return value as unknown[];
  return typeof value === 'object' ? Object.values(value) : NOT_A_COLLECTION;
};

/** `read`, with a missing field, null, "null" or "" read as `fallback`. */
export function nullAs<T, F>(read: FieldReader<T>, fallback: F): FieldReader<T | F> {
  return (value) => (value === undefined || value === null || value === 'null' || value === '' ? fallback : read(value));
}

/** `read`, or null for a missing field, null, "null" or "". */
export function orNull<T>(read: FieldReader<T>): FieldReader<T | null> {
  return nullAs(read, null);
}

export type RowShape = Record<string, FieldReader<unknown>>;
export type RowOf<S extends RowShape> = { [K in keyof S]: Exclude<ReturnType<S[K]>, FieldProblem> };
export interface RowFieldProblem {
  /** The field's name; '' when the row itself is not an object. */
  field: string;
  message: string;
}
export type RowResult<S extends RowShape> = { ok: true; row: RowOf<S> } | { ok: false; problems: RowFieldProblem[] };
/** The row type a rowReader produces. */
export type RowReadOf<R> = R extends (value: unknown) => RowResult<infer S> ? RowOf<S> : never;

/**
 * A reader for a JSON object with the fields of `shape`: every field is read (missing ones as undefined),
 * every problem is reported with its field, and fields not in the shape are ignored.
 */
export function rowReader<S extends RowShape>(shape: S): (value: unknown) => RowResult<S> {
  const fields = Object.entries(shape);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, problems: [{ field: '', message: 'expected an object' }] };
    }
    const source = value as Record<string, unknown>;
    const row: Record<string, unknown> = {};
    let problems: RowFieldProblem[] | null = null;
    for (const [field, read] of fields) {
      const result = read(source[field]);
      if (result instanceof FieldProblem) (problems ??= []).push({ field, message: result.message });
      else row[field] = result;
    }
    return problems ? { ok: false, problems } : { ok: true, row: row as RowOf<S> };
  };
}
