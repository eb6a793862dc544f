// The preflight: decode → sniff → parse (papaparse) → map → normalise → dedupe, as a stream. Nothing is
// sent anywhere; the import job, the Contacts screen and `relay import --dry-run` all read the file with it.
//
// Memory stays bounded for any size: bytes are read in 256 KB chunks with backpressure, papaparse's Parser
// is driven chunk by chunk exactly as its own ChunkStreamer does (its Node ReadableStreamStreamer queues
// every chunk with no backpressure, so a fast disk would pile the whole file up), a runaway quoted cell is
// cut at 1 MB, and only the numbers seen so far are remembered (as numbers, for dedupe).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import Papa from 'papaparse';
import { guessMapping, looksLikeHeader } from './columns';
import { inspectStart, StreamDecoder } from './decode';
import { createPhoneReader } from './phone';
import { SeenPhones } from './seen-phones';
import { readSepLine, sniffDelimiter } from './sniff';
import type {
  Delimiter,
  FileProblem,
  InvalidCode,
  PreflightCounts,
  PreflightFile,
  PreflightHandlers,
  PreflightOptions,
  PreflightOutcome,
  PreflightRow,
  PreflightSummary,
} from './types';

export type PreflightSource = { path: string } | { bytes: Uint8Array } | { chunks: AsyncIterable<Uint8Array> };

const CHUNK_BYTES = 256 * 1024;
const HEAD_BYTES = 64 * 1024; // what encoding detection and delimiter sniffing look at
const SAMPLE_ROWS = 50; // early rows that decide header and mapping
const MAX_ROW_CHARS = 1024 * 1024; // a single row larger than this is a quote that never closed
const DEFAULT_PREVIEW_ROWS = 200;

async function* byteChunks(source: PreflightSource): AsyncGenerator<Uint8Array> {
  if ('bytes' in source) {
    for (let i = 0; i < source.bytes.length; i += CHUNK_BYTES) yield source.bytes.subarray(i, i + CHUNK_BYTES);
  } else if ('path' in source) {
    yield* createReadStream(source.path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Uint8Array>;
  } else {
    yield* source.chunks;
  }
}

class Unreadable extends Error {}

/** Text chunks ("\n" line breaks) after the first-bytes checks, or the problem that stops the import. */
async function openText(source: PreflightSource, options: PreflightOptions) {
  const bytes = byteChunks(source);
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    try {
      return await bytes.next();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
      throw new Unreadable(`The file could not be read: ${why}.`);
    }
  };
  // Gather the head: detection wants more than one small chunk of a slow stream.
  const parts: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < HEAD_BYTES) {
    const r = await next();
    if (r.done) {
      done = true;
      break;
    }
    parts.push(r.value);
    size += r.value.length;
  }
  const head = Buffer.concat(parts, size);
  const start = inspectStart(head);
  if ('code' in start) return { problem: start, opened: null } as const;
  const decoder = new StreamDecoder(options.encoding ?? start.bom?.encoding ?? start.utf16, start.bom?.length ?? 0);
  const encodingSource: PreflightFile['encodingSource'] = options.encoding ? 'chosen' : start.bom ? 'bom' : 'detected';
  const headText = decoder.decode(head, done);
  // How many rows the file likely has, from its size and the head's lines (0: unknown), so that tables
  // can be sized once instead of growing through the file.
  const total = 'bytes' in source ? source.bytes.length : 'path' in source ? await stat(source.path).then((s) => s.size, () => 0) : 0;
  const expectedRows = done ? countNewlines(headText) + 1 : Math.ceil((total / size) * countNewlines(headText));
  async function* rest(): AsyncGenerator<{ text: string; last: boolean }> {
    if (done) return;
    for (;;) {
      const r = await next();
      options.signal?.throwIfAborted();
      if (r.done) {
        yield { text: decoder.decode(new Uint8Array(0), true), last: true };
        return;
      }
      yield { text: decoder.decode(r.value, false), last: false };
    }
  }
  return { problem: null, opened: { decoder, encodingSource, headText, headIsAll: done, expectedRows, rest: rest() } } as const;
}

/**
 * A row as parsed, before it is classified: the row object the handlers will see (one allocation a row),
 * invalid with its reason when the row itself is broken (a quote), otherwise still to be read.
 */
const parsedRow = (line: number, cells: string[], reason?: { code: InvalidCode; text: string }): PreflightRow =>
  reason ? { line, cells, name: '', phone: null, status: 'invalid', reason } : { line, cells, name: '', phone: null, status: 'invalid' };

const countNewlines = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/** A row of empty or whitespace-only cells (a blank line, or only delimiters). */
function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== '' && cell.trim() !== '') return false;
  return true;
}

/** Where the quoted cell that never closes opens, in a text that starts at a row's start (-1: none). */
function unclosedQuoteAt(text: string, delimiter: string): number {
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let j = i + 1;
      for (;;) {
        const k = text.indexOf('"', j);
        if (k === -1) return i;
        if (text[k + 1] === '"') j = k + 2;
        else {
          i = k + 1;
          break;
        }
      }
    }
    const d = text.indexOf(delimiter, i);
    const n = text.indexOf('\n', i);
    const end = d === -1 ? n : n === -1 ? d : Math.min(d, n);
    if (end === -1) return -1;
    i = end + 1;
  }
  return -1;
}

/**
 * Rows of the file with the line each starts on. Line breaks inside quoted cells are kept by papaparse,
 * so a row spans 1 + (line breaks in its cells) lines; blank lines come through as empty rows and only
 * move the count.
 */
async function* parseRows(
  firstText: string,
  firstIsAll: boolean,
  rest: AsyncIterable<{ text: string; last: boolean }>,
  delimiter: Delimiter,
  firstLine: number,
): AsyncGenerator<PreflightRow[]> {
  const parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' });
  let line = firstLine;
  let partial = '';

  function take(text: string, last: boolean): PreflightRow[] {
    const out: PreflightRow[] = [];
    const input = partial + text;
    const result = parser.parse(input, 0, !last) as Papa.ParseResult<string[]>;
    partial = last ? '' : input.slice(result.meta.cursor);
    const problems = new Map<number, Papa.ParseError>();
    for (const e of result.errors) if (e.row !== undefined && !problems.has(e.row)) problems.set(e.row, e);
    const rows = result.data;
    // A cell holds a line break only when the text read has more of them than rows: otherwise every row
    // is one line and its cells need not be searched.
    const consumed = last ? input.length : result.meta.cursor;
    const breaksInCells = countNewlines(consumed === input.length ? input : input.slice(0, consumed)) + (last ? 1 : 0) !== rows.length;
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r]!;
      const start = line;
      let spans = 1;
      if (breaksInCells) for (const cell of cells) if (cell.includes('\n')) spans += countNewlines(cell);
      line += spans;
      const error = problems.size === 0 ? undefined : problems.get(r);
      if (error) {
        // The broken cell is the last one read; it starts after the line breaks of the cells before it.
        let opens = start;
        for (let c = 0; c < cells.length - 1; c++) opens += countNewlines(cells[c]!);
        const ends = opens + countNewlines(cells[cells.length - 1]!.replace(/\n+$/, ''));
        const lines = ends > opens ? `, so lines ${opens}–${ends} were read as one cell` : '';
        out.push(error.code === 'MissingQuotes'
          ? parsedRow(opens, cells, { code: 'broken-quote', text: `A quoted cell opens on line ${opens} and never closes${lines}: add the missing quote (") and import again.` })
          : parsedRow(opens, cells, { code: 'bad-quote', text: `A quoted cell on line ${opens} has text after its closing quote${lines}: fix the quotes and import again.` }));
        continue;
      }
      if (!isBlank(cells)) out.push(parsedRow(start, cells));
    }
    return out;
  }

  /** A row that grew past the cap: a quote that never closes. Reported where it opens; reading stops. */
  const runaway = (): PreflightRow | null => {
    if (partial.length <= MAX_ROW_CHARS) return null;
    const at = unclosedQuoteAt(partial, delimiter);
    const opens = line + countNewlines(partial.slice(0, Math.max(at, 0)));
    const text = `A quoted cell opens on line ${opens} and does not close within the next 1 MB, so the rest of the file cannot be read: add the missing quote (") and import again.`;
    return parsedRow(opens, [], { code: 'broken-quote', text });
  };

  yield take(firstText, firstIsAll);
  if (firstIsAll) return;
  for await (const { text, last } of rest) {
    yield take(text, last);
    const stop = runaway();
    if (stop) {
      yield [stop];
      return;
    }
  }
}

const emptyCounts = (): PreflightCounts => ({
  rows: 0, ready: 0, landlines: 0, valid: 0, invalid: 0, duplicates: 0, inTag: 0, optedOut: 0, short: 0, undecodable: 0,
});

/**
 * Reads the whole file once, calling `onPreview` early and `onRow` for every data row. Returns the file's
 * facts and the counts, or the problem that makes it unimportable. Throws only if `signal` aborts.
 */
export async function runPreflight(
  source: PreflightSource,
  options: PreflightOptions,
  handlers: PreflightHandlers = {},
): Promise<PreflightOutcome> {
  let start: Awaited<ReturnType<typeof openText>>;
  try {
    start = await openText(source, options);
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, problem: { code: 'unreadable', message: error.message } };
    throw error;
  }
  if (start.problem) return { ok: false, problem: start.problem };
  const opened = start.opened;
  const { decoder, encodingSource, headIsAll } = opened;
  let headText = opened.headText;
  let firstLine = 1;
  let delimiter: Delimiter;
  let delimiterSource: PreflightFile['delimiterSource'];
  const sep = readSepLine(headText);
  if (sep) {
    headText = headText.slice(sep.length);
    firstLine = 2;
  }
  if (options.delimiter) [delimiter, delimiterSource] = [options.delimiter, 'chosen'];
  else if (sep) [delimiter, delimiterSource] = [sep.delimiter, 'sep-line'];
  else [delimiter, delimiterSource] = [sniffDelimiter(headText, headIsAll), 'sniffed'];

  const readPhone = createPhoneReader(options.country);
  const seen = new SeenPhones(opened.expectedRows); // E.164 number → line of the first row with it
  const counts = emptyCounts();
  const previewSize = options.previewRows ?? DEFAULT_PREVIEW_ROWS;
  const preview: PreflightRow[] = [];
  let previewSent = false;
  let file: PreflightFile | null = null;

  // A parsed chunk is classified in three passes: each row on its own (cells, phone), then every number
  // of the chunk against the ones seen before (in one loop: see seen-phones.ts), then the rows that kept a
  // number (duplicate, opted out, in the tag). Rows are classified and emitted in file order.
  let keys = new Float64Array(0);
  let lines = new Float64Array(0);
  let firsts = new Float64Array(0);
  const classifyBatch = (rows: readonly PreflightRow[], f: PreflightFile): readonly PreflightRow[] => {
    const n = rows.length;
    if (keys.length < n) [keys, lines, firsts] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      keys[i] = readRow(row, f);
      lines[i] = row.line;
    }
    seen.firstLines(keys, lines, n, firsts);
    for (let i = 0; i < n; i++) {
      if (keys[i] === 0) continue;
      const row = rows[i]!;
      if (firsts[i] !== 0) {
        row.status = 'duplicate';
        row.duplicateOf = firsts[i]!;
      } else if (options.optedOut?.has(row.phone!)) row.status = 'opted-out';
      else if (options.inTag?.has(row.phone!)) row.status = 'in-tag';
    }
    return rows;
  };

  /** A row on its own: invalid (with the reason), or its number and whether that is a landline. Returns the number's digits (0: none). */
  const readRow = (row: PreflightRow, f: PreflightFile): number => {
    const { cells, line } = row;
    const { phone: phoneCol, name: nameCol } = f.mapping;
    if (nameCol !== null) row.name = tidyName(cells[nameCol] ?? '');
    if (row.reason) return 0; // broken quotes
    for (let c = f.columns; c < cells.length; c++) {
      if (cells[c]!.trim() !== '') {
        row.reason = { code: 'ragged', text: `Line ${line} has ${cells.length} cells but the file has ${f.columns} columns: a ${delimiterName(delimiter)} inside an unquoted cell may have shifted the columns.` };
        return 0;
      }
    }
    if (phoneCol >= cells.length) {
      row.reason = { code: 'ragged', text: `Line ${line} has only ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}: the phone column (${phoneCol + 1}) is missing.` };
      return 0;
    }
    const reading = readPhone(cells[phoneCol]!);
    if (!reading.ok) {
      row.reason = { code: reading.code, text: reading.text };
      return 0;
    }
    row.phone = reading.phone;
    row.status = reading.landline ? 'landline' : 'ready';
    if (cells.length < f.columns) row.short = true;
    return reading.digits;
  };

  const emit = (row: PreflightRow): void | Promise<void> => {
    counts.rows++;
    if (row.short) counts.short++;
    switch (row.status) {
      case 'ready': counts.ready++; break;
      case 'landline': counts.landlines++; break;
      case 'invalid': counts.invalid++; break;
      case 'duplicate': counts.duplicates++; break;
      case 'in-tag': counts.inTag++; break;
      case 'opted-out': counts.optedOut++; break;
    }
    if (!previewSent) {
      preview.push(row);
      if (preview.length >= previewSize) sendPreview();
    }
    return handlers.onRow?.(row);
  };
  const sendPreview = (): void => {
    previewSent = true;
    handlers.onPreview?.({ ...file!, encoding: decoder.encoding, rows: preview.splice(0) });
  };

  // Rows wait here until the header and the mapping are decided.
  const early: PreflightRow[] = [];
  let headerLine: PreflightRow | null = null;
  const decide = (): FileProblem | null => {
    // The first rows decide (a parsed chunk may bring thousands).
    const sample = early.slice(0, SAMPLE_ROWS);
    const first = sample[0];
    if (!first) return { code: 'empty', message: 'The file has no rows: there is nothing to import.' };
    const hasHeader = options.header ?? (!first.reason && looksLikeHeader(first.cells, sample.slice(1).map((r) => r.cells)));
    if (hasHeader) {
      headerLine = early.shift()!;
      sample.shift();
    }
    const header = headerLine?.cells.map((c) => c.trim()) ?? null;
    if (header && early.length === 0)
      return { code: 'no-rows', message: `The file has a header (${header.filter(Boolean).join(', ')}) but no rows under it: 0 rows to import.` };
    const columns = header?.length ?? Math.max(...sample.map((r) => r.cells.length));
    const mapped = guessMapping(header, sample.filter((r) => !r.reason).map((r) => r.cells), columns, options);
    if ('code' in mapped) return mapped;
    file = { encoding: decoder.encoding, encodingSource, delimiter, delimiterSource, header, columns, ...mapped };
    return null;
  };

  try {
    for await (const batch of parseRows(headText, headIsAll, opened.rest, delimiter, firstLine)) {
      let ready = batch;
      if (!file) {
        early.push(...batch);
        if (early.length < SAMPLE_ROWS) continue;
        const problem = decide();
        if (problem) return { ok: false, problem };
        ready = early.splice(0);
      }
      for (const row of classifyBatch(ready, file!)) {
        const pending = emit(row);
        if (pending) await pending;
      }
    }
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, problem: { code: 'unreadable', message: error.message } };
    throw error;
  }
  if (!file) {
    const problem = decide();
    if (problem) return { ok: false, problem };
    for (const row of classifyBatch(early.splice(0), file!)) await emit(row);
  }
  const facts: PreflightFile = { ...file!, encoding: decoder.encoding };
  file = facts;
  if (!previewSent) sendPreview();
  counts.valid = counts.ready + counts.landlines;
  counts.undecodable = decoder.replaced;
  return { ok: true, file: facts, counts };
}

/** Line breaks and runs of spaces inside a name cell become single spaces; the ends are trimmed. */
export function tidyName(cell: string): string {
  // Most names need nothing: one pass over their characters answers that without a regular expression
  // and a trim (twice as quick, on every row).
  const n = cell.length;
  if (n === 0 || !plainEnd(cell.charCodeAt(0)) || !plainEnd(cell.charCodeAt(n - 1))) return tidied(cell);
  for (let i = 1; i < n - 1; i++) {
    const c = cell.charCodeAt(i);
    if (c === 9 || c === 10 || c === 160 || (c === 32 && cell.charCodeAt(i + 1) === 32)) return tidied(cell);
  }
  return cell;
}

/** Not whitespace for trim(): above the space, not a no-break space, below U+1680 (the first other one). */
const plainEnd = (c: number): boolean => c > 32 && c !== 160 && c < 0x1680;

const tidied = (cell: string): string => (/[\t\n\u00a0]| {2}/.test(cell) ? cell.replace(/\s+/g, ' ').trim() : cell.trim());

function delimiterName(d: Delimiter): string {
  return d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '\t' ? 'tab' : 'vertical bar';
}

/**
 * The CLI's dry-run object (`relay import --dry-run --json`): every invalid row and every importable contact
 * collected in memory. For very large files use `runPreflight` with `onRow` instead.
 */
export async function preflightSummary(
  source: PreflightSource,
  options: PreflightOptions,
  handlers: Pick<PreflightHandlers, 'onPreview'> = {},
): Promise<{ ok: true; file: PreflightFile; counts: PreflightCounts; summary: PreflightSummary } | { ok: false; problem: FileProblem }> {
  const invalid: PreflightSummary['invalid'] = [];
  const contacts: PreflightSummary['contacts'] = [];
  const outcome = await runPreflight(source, options, {
    ...handlers,
    onRow(row) {
      if (row.status === 'invalid') invalid.push({ line: row.line, code: row.reason!.code, reason: row.reason!.text });
      else if ((row.status === 'ready' || row.status === 'landline') && row.phone) contacts.push({ line: row.line, name: row.name, phone: row.phone });
    },
  });
  if (!outcome.ok) return outcome;
  const { file, counts } = outcome;
  const summary: PreflightSummary = {
    encoding: file.encoding,
    delimiter: file.delimiter,
    rows: counts.rows,
    valid: counts.valid,
    duplicates: counts.duplicates,
    landlines: counts.landlines,
    inTag: counts.inTag,
    optedOut: counts.optedOut,
    invalid,
    contacts,
  };
  return { ok: true, file, counts, summary };
}
