// The preflight's whole answer for a file, as one JSON-able value: the outcome, the file's facts, the counts,
// the preview and every row handed to onRow (in file order, with everything a report or the screen shows).
// The golden test (preflight-golden.test.ts) compares it with what the preflight answered before its hot path
// was reworked for speed, so a faster preflight cannot quietly answer differently.
import { createHash } from 'node:crypto';
import type { PreflightFile, PreflightOptions, PreflightOutcome, PreflightPreview, PreflightRow } from '../../../electron/main/preflight';

type Run = (
  source: { bytes: Uint8Array } | { path: string },
  options: PreflightOptions,
  handlers: { onPreview?(p: PreflightPreview): void; onRow?(r: PreflightRow): void },
) => Promise<PreflightOutcome>;

/** A row with every field a consumer reads (absent fields left out, as a report would). */
export function rowFacts(r: PreflightRow): Record<string, unknown> {
  return {
    line: r.line,
    status: r.status,
    name: r.name,
    phone: r.phone,
    cells: [...r.cells],
    ...(r.reason ? { reason: { code: r.reason.code, text: r.reason.text } } : {}),
    ...(r.duplicateOf !== undefined ? { duplicateOf: r.duplicateOf } : {}),
    ...(r.short ? { short: true } : {}),
    ...(r.others ? { others: [...r.others] } : {}),
    ...(r.landline ? { landline: true } : {}),
  };
}

/** The file's facts the preflight decides (a projection: fields added later for other features do not count). */
function fileFacts(f: PreflightFile): Record<string, unknown> {
  const { phone, name, phones, names, consent } = f.mapping;
  return {
    format: f.format,
    encoding: f.encoding,
    encodingSource: f.encodingSource,
    delimiter: f.delimiter,
    delimiterSource: f.delimiterSource,
    header: f.header,
    columns: f.columns,
    mapping: { phone, name, phones, names, consent },
    mappingSource: f.mappingSource,
    headerSetKey: f.headerSetKey,
    ...(f.sheet !== undefined ? { sheet: f.sheet, sheets: f.sheets } : {}),
  };
}

export async function fullReport(run: Run, source: { bytes: Uint8Array } | { path: string }, options: PreflightOptions): Promise<unknown> {
  const rows: unknown[] = [];
  let preview: unknown = null;
  const outcome = await run(source, options, {
    // The preview's rows are the file's first rows: kept as their count and digest, not a second copy.
    onPreview: (p) => (preview = { ...fileFacts(p), rows: p.rows.length, rowsDigest: digest(p.rows.map(rowFacts)) }),
    onRow: (r) => void rows.push(rowFacts(r)),
  });
  const result = outcome.ok ? { ok: true, file: fileFacts(outcome.file), counts: outcome.counts } : outcome;
  return JSON.parse(JSON.stringify({ outcome: result, preview, rows }));
}

export const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * A CSV of `count` contacts with the numbers people really type (every national and international form,
 * other countries, Excel's spoilt and text-kept numbers, extensions, letters, two numbers in a cell, repeats
 * in other forms), a second phone column, quoted names with delimiters and line breaks, blank, short and
 * ragged rows. Deterministic for a seed.
 */
export function messyCsv(count: number, seed = 1): string {
  let s = seed;
  const random = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(random() * 10))).join('');
  const areas = ['11', '21', '31', '41', '51', '61', '71', '81', '85', '92', '19', '00', '10', '29'];
  const seen: string[] = [];
  const number = (): string => {
    const area = pick(areas);
    const sub = `9${digits(8)}`;
    const land = `${pick(['2', '3', '4', '5'])}${digits(7)}`;
    const roll = random();
    if (roll < 0.1 && seen.length > 0) {
      // A repeat, written another way.
      const again = pick(seen);
      return pick([again, `+55 ${again}`, `0${again}`, again.replace(/\D/g, ''), ` ${again} `]);
    }
    const forms = [
      `(${area}) ${sub.slice(0, 5)}-${sub.slice(5)}`,
      `+55 ${area} ${sub}`,
      `+55${area}${sub}`,
      `55${area}${sub}`,
      `0${area} ${sub}`,
      `0xx${area}${sub}`,
      `${area}${sub}`,
      `${area} ${sub.slice(0, 5)} ${sub.slice(5)}`,
      `(${area}) ${land.slice(0, 4)}-${land.slice(4)}`,
      `${area}.${land}`,
      `+55 (${area}) ${land}`,
      `${sub}`,
      `${land}`,
      `${sub.slice(1)}`,
      `0055${area}${sub}`,
      `015${area}${sub}`,
      `+1 415 555 ${digits(4)}`,
      `+351 91${digits(7)}`,
      `+44 7911 ${digits(6)}`,
      `+49 151 ${digits(8)}`,
      `+598 9${digits(7)}`,
      `5,5${digits(4)}E+12`,
      `'+55${area}${sub}`,
      `="${area}${sub}"`,
      `${area} ${sub} ramal 12`,
      `+55 ${area} ${sub} ext. 3`,
      `(${area}) ${sub} / (${area}) ${land}`,
      `+55 ${area} ${land} ::: +55 ${area} ${sub}`,
      `${area}${sub}, ${area}${land}`,
      'não tem',
      '',
      ' ',
      '12345',
      '0800 123 4567',
      '4004-0001',
      '+55 11 3004-1234',
      `+${digits(17)}`,
      `+999 ${digits(9)}`,
      `${area}-9${digits(3)}-${digits(4)}`,
      `[${area}] ${sub}`,
      `${area}\u00a0${sub}`,
      `+55 ${area} 9${digits(7)}`,
      `+55 ${area} ${digits(12)}`,
      `tel: ${area} ${sub}`,
      `${area} ${sub} ou ${area} ${land}`,
      `+55 ${area} 7${digits(7)}`,
      `(${area}) 99999-9999`,
    ];
    const written = roll < 0.55 ? forms[Math.floor(random() * 4)]! : pick(forms);
    if (written.replace(/\D/g, '').length >= 10 && random() < 0.3) seen.push(written);
    return written;
  };
  const first = ['João', 'Maria', 'José', 'Ana', 'Inês', 'Zoë', 'Lúcia'];
  const last = ['Silva', 'Gonçalves', 'Araújo', 'Simões'];
  const lines = ['Nome;Celular;Telefone;Cidade;Aceita SMS'];
  for (let i = 0; i < count; i++) {
    const roll = random();
    const name =
      roll < 0.05
        ? `"${pick(last)}; ${pick(first)}"`
        : roll < 0.07
          ? `"${pick(first)}\n${pick(last)}"`
          : roll < 0.08
            ? `  ${pick(first)}  ${pick(last)} `
            : roll < 0.085
              ? `"Dona ""${pick(first)}"""`
              : `${pick(first)} ${pick(last)}`;
    const consent = pick(['sim', 'não', '', 'yes', 'no']);
    if (roll > 0.995) lines.push('');
    else if (roll > 0.99) lines.push(`${name};${number()}`);
    else if (roll > 0.985) lines.push(`${name};${number()};${number()};Recife;sim;extra`);
    else if (roll > 0.982) lines.push(`${name};${number()};;;;`);
    else lines.push(`${name};${number()};${random() < 0.3 ? number() : ''};${pick(['São Paulo', 'Belém', ''])};${consent}`);
  }
  return lines.join(random() < 2 ? '\r\n' : '\n') + '\r\n';
}

/** What the golden test keeps of a generated file's report: its counts, and a digest of its preview and rows. */
export function generatedExpectation(report: unknown): { counts: unknown; digest: string } {
  const { outcome, preview, rows } = report as { outcome: { counts?: unknown }; preview: unknown; rows: unknown[] };
  return { counts: outcome.counts, digest: digest({ preview, rows }) };
}

/** Golden-file text: one row per line, so a difference shows as the rows that changed. */
export function goldenText(report: Record<string, { outcome: unknown; preview: unknown; rows: unknown[] }>): string {
  const parts = Object.entries(report).map(([label, r]) => {
    const rows = r.rows.map((row) => `   ${JSON.stringify(row)}`).join(',\n');
    return ` ${JSON.stringify(label)}: {\n  "outcome": ${JSON.stringify(r.outcome)},\n  "preview": ${JSON.stringify(r.preview)},\n  "rows": [\n${rows}\n  ]\n }`;
  });
  return `{\n${parts.join(',\n')}\n}\n`;
}
