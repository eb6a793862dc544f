import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

// Filters and selections live in the URL's search params, so a reload or a tray click lands on the same
// view. Each screen declares its params as a zod object; a value that does not parse (a hand-edited or
// stale URL) is dropped and its default applies, never a broken screen.

type ParamsSchema = z.ZodObject<Record<string, z.ZodType>>;

/** Whether a field holds a list (?tag=a&tag=b), looking through optional/default/catch wrappers. */
function isList(field: z.ZodType): boolean {
  let current: z.ZodType | undefined = field;
  for (let depth = 0; current && depth < 8; depth++) {
    const def = current.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if (def.type === 'array') return true;
    current = def.innerType ?? def.in;
  }
  return false;
}

/** Reads a schema's values from search params; invalid fields fall back to their defaults. */
export function readSearchParams<S extends ParamsSchema>(schema: S, params: URLSearchParams): z.output<S> {
  const raw: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    const values = params.getAll(name);
    if (values.length > 0) raw[name] = isList(field) ? values : values[0];
  }
  for (let attempt = 0; attempt <= Object.keys(raw).length; attempt++) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) delete raw[String(issue.path[0])];
  }
  return schema.parse({}); // the schema's defaults; a schema without them is a programming error
}

/** Writes values into search params: a value equal to its default (or empty) leaves the URL. */
export function writeSearchParams<S extends ParamsSchema>(schema: S, values: Partial<z.input<S>>, into: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(into);
  const defaults = schema.safeParse({});
  for (const [name, value] of Object.entries(values)) {
    next.delete(name);
    const fallback = defaults.success ? (defaults.data as Record<string, unknown>)[name] : undefined;
    if (value === undefined || value === null || value === '' || JSON.stringify(value) === JSON.stringify(fallback)) continue;
    for (const item of Array.isArray(value) ? value : [value]) next.append(name, String(item));
  }
  return next;
}

/**
 * A screen's URL state, typed by its schema: `const [filter, setFilter] = useSearchParamsState(schema)`.
 * Setting replaces the history entry (a filter change is not a page to go back to).
 */
export function useSearchParamsState<S extends ParamsSchema>(schema: S): [z.output<S>, (patch: Partial<z.input<S>>) => void] {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => readSearchParams(schema, params), [schema, params]);
  const update = useCallback(
    (patch: Partial<z.input<S>>) => setParams((current) => writeSearchParams(schema, patch, current), { replace: true }),
    [schema, setParams],
  );
  return [values, update];
}
