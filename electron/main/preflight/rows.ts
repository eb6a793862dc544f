// CSV text → rows with the line each starts on, by papaparse's Parser driven chunk by chunk (as its own
// ChunkStreamer does). Line breaks inside quoted cells are kept by papaparse, so a row spans 1 + (line
// breaks in its cells) lines; blank lines come through as empty rows and only move the count. A broken
// quote is reported at the line where its cell opens.
import Papa from 'papaparse';
import type { Delimiter, InvalidCode, PreflightRow } from './types';

const MAX_ROW_CHARS = 1024 * 1024; // a single row larger than this is a quote that never closed

/**
 * A row as parsed, before it is classified: the row object the handlers will see (one allocation a row),
 * invalid with its reason when the row itself is broken (a quote), otherwise still to be read.
 *
 * Every property a row may be given later is there from the start (undefined until then), so that every
 * row has one hidden class. Added one by one, they made a class per combination (a duplicate, a short
 * row…) that the collector discards once no row has it: the compiled code that had met those classes was
 * thrown away with them, and every preflight after a full collection ran unoptimised until recompiled
 * (~50 ms of CPU per 100k rows, half of it on the compiler's threads).
 */
const parsedRow = (line: number, cells: string[], reason?: { code: InvalidCode; text: string }): PreflightRow =>
  ({
    line,
    cells,
    name: '',
    phone: null,
    status: 'invalid',
    reason,
    duplicateOf: undefined,
    short: undefined,
    others: undefined,
    landline: undefined,
    corrected: undefined,
  }) as unknown as PreflightRow;

export const countNewlines = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/** A row of empty or whitespace-only cells (a blank line, or only delimiters). */
function isBlank(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell === '') continue;
    // Most cells start with a character trim() keeps: no need to trim them.
    const c = cell.charCodeAt(0);
    if ((c > 32 && c < 0x1680 && c !== 160) || cell.trim() !== '') return false;
  }
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
 * The cells of the line from `pos` to `newline` when its quotes are the plain kind: each quoted cell closes
 * right before a delimiter or the line's end and holds no quote itself (a quote inside an unquoted cell is
 * text, as in papaparse). Papaparse reads such a line to the same cells. Null for anything else ("" inside,
 * spaces or text after a closing quote, a line break inside quotes), which papaparse reads.
 */
function simpleQuoted(input: string, pos: number, newline: number, delimiter: string): string[] | null {
  const cells: string[] = [];
  let i = pos;
  for (;;) {
    if (input.charCodeAt(i) === 34 /* " */) {
      const close = input.indexOf('"', i + 1);
      if (close === -1 || close > newline) return null;
      cells.push(input.slice(i + 1, close));
      if (close + 1 === newline) return cells;
      if (input[close + 1] !== delimiter) return null;
      i = close + 2;
      continue;
    }
    const next = input.indexOf(delimiter, i);
    if (next === -1 || next > newline) {
      cells.push(input.slice(i, newline));
      return cells;
    }
    cells.push(input.slice(i, next));
    i = next + 1;
  }
}

/**
 * Papaparse's parsers, one pair per delimiter for the life of the process: a Parser's methods are closures
 * made per instance, and compiled code that had called one instance's was thrown away with it after a
 * full collection (a parse call holds no state between calls, and never waits, so files can share them).
 */
const papaparsers = new Map<Delimiter, { oneRow: Papa.Parser; manyRows: Papa.Parser }>();

/**
 * One file's parser. A class (not closures made per file) so that its methods are the same functions for
 * every file, and what the JIT learnt about them serves the next preflight too.
 *
 * A row without a quote character is its line split at the delimiter: exactly what papaparse makes of it
 * (its own fast path does the same), at a third of the cost of papaparse's field-by-field loop and of
 * copying its row arrays. A row with a quote anywhere is handed to papaparse, one row at a time from where
 * the row starts (a parser's state is empty at a row's start), so quoted cells, line breaks inside them
 * and malformed quotes read exactly as papaparse reads them.
 */
export class RowParser {
  /** Papaparse, stopping after one row. */
  private readonly oneRow: Papa.Parser;
  /** Papaparse for the rest of a chunk whose rows nearly all hold quotes (a Google export quotes its addresses). */
  private readonly manyRows: Papa.Parser;
  /** The line the next row starts on. */
  private line: number;
  /** The text after the last complete row, waiting for the next chunk. */
  private partial = '';

  constructor(
    private readonly delimiter: Delimiter,
    firstLine: number,
  ) {
    let parsers = papaparsers.get(delimiter);
    if (parsers === undefined) {
      const config = { delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' } as const;
      parsers = { oneRow: new Papa.Parser({ ...config, preview: 1 }), manyRows: new Papa.Parser(config) };
      papaparsers.set(delimiter, parsers);
    }
    this.oneRow = parsers.oneRow;
    this.manyRows = parsers.manyRows;
    this.line = firstLine;
  }

  /** The complete rows of the text read so far (`last`: the file ends here), blank rows left out. */
  take(text: string, last: boolean): PreflightRow[] {
    const out: PreflightRow[] = [];
    const delimiter = this.delimiter;
    let input = text;
    let pos = 0;
    if (this.partial !== '') {
      // The row begun in the last chunk. When it is one line without quotes it is read on its own: joining
      // the whole chunk to it would copy the chunk (~7 MB per 100k rows).
      const newline = text.indexOf('\n');
      const row = newline === -1 ? '' : this.partial + text.slice(0, newline);
      if (newline !== -1 && !row.includes('"')) {
        const cells = row.split(delimiter);
        if (!isBlank(cells)) out.push(parsedRow(this.line, cells));
        this.line++;
        pos = newline + 1;
      } else input = this.partial + text;
    }
    const end = input.length;
    let quote = input.indexOf('"');
    let next = -2; // the next delimiter at or after `pos` (-1: none; -2: not looked for yet)
    let quotedRows = 0;
    while (pos < end) {
      if (quote !== -1 && quote < pos) quote = input.indexOf('"', pos);
      const newline = input.indexOf('\n', pos);
      if (quote === -1 || (newline !== -1 && newline < quote)) {
        // A row with no quote: its line, split at the delimiter (as split() would: the same cells, in two
        // thirds of the time of a slice and a split).
        if (newline === -1 && !last) break; // its end comes with the next chunk
        const stop = newline === -1 ? end : newline;
        const cells: string[] = [];
        let from = pos;
        if (next !== -1 && next < from) next = input.indexOf(delimiter, from);
        while (next !== -1 && next < stop) {
          cells.push(input.slice(from, next));
          from = next + 1;
          next = input.indexOf(delimiter, from);
        }
        cells.push(input.slice(from, stop));
        if (!isBlank(cells)) out.push(parsedRow(this.line, cells));
        this.line++;
        pos = stop + 1;
        continue;
      }
      // Quoted cells that close right before a delimiter or the line's end, with no "" inside: read here.
      const simple = newline === -1 ? null : simpleQuoted(input, pos, newline, delimiter);
      if (simple !== null) {
        if (!isBlank(simple)) out.push(parsedRow(this.line, simple));
        this.line++;
        pos = newline + 1;
        continue;
      }
      // One papaparse call a row costs more than its row: where most rows hold quotes, it reads the rest at once.
      if (++quotedRows > 16 && quotedRows * 4 > out.length) {
        pos += this.restOf(input, pos, last, out);
        break;
      }
      const result = this.oneRow.parse(pos === 0 ? input : input.slice(pos), 0, !last) as Papa.ParseResult<string[]>;
      const cells = result.data[0];
      if (cells === undefined) break; // the row (its quoted cell) ends in a later chunk
      this.add(cells, result.errors[0], out);
      // Papaparse's cursor stops after the row's line break, or at the end of the text for the file's last row.
      pos += Math.max(result.meta.cursor, 1);
    }
    this.partial = pos >= end ? '' : input.slice(pos);
    return out;
  }

  /** The complete rows of `input` from `pos` on, read by papaparse into `out`: how many characters they took. */
  private restOf(input: string, pos: number, last: boolean, out: PreflightRow[]): number {
    const result = this.manyRows.parse(input.slice(pos), 0, !last) as Papa.ParseResult<string[]>;
    const problems = new Map<number, Papa.ParseError>();
    for (const e of result.errors) if (e.row !== undefined && !problems.has(e.row)) problems.set(e.row, e);
    const rows = result.data;
    for (let r = 0; r < rows.length; r++) {
      // The row keeps a copy of papaparse's cells, and papaparse's array lets go of them. V8 sometimes
      // decides to allocate papaparse's row arrays straight in the old generation (they live for a whole
      // chunk); an old array holding a row's cells kept them alive through every young collection until
      // the next full one, and a million-row file's peak memory went from ~190 MB to ~390 MB (1 run in 5).
      const parsed = rows[r]!;
      const cells = parsed.slice();
      for (let c = 0; c < parsed.length; c++) parsed[c] = '';
      this.add(cells, problems.size === 0 ? undefined : problems.get(r), out);
    }
    return last ? input.length - pos : result.meta.cursor;
  }

  /** A row papaparse read (`error`: its first), blank rows left out; moves the line on past it. */
  private add(cells: string[], error: Papa.ParseError | undefined, out: PreflightRow[]): void {
    const start = this.line;
    let spans = 1;
    for (const cell of cells) if (cell.includes('\n')) spans += countNewlines(cell);
    this.line += spans;
    if (error) {
      // The broken cell is the last one read; it starts after the line breaks of the cells before it.
      let opens = start;
      for (let c = 0; c < cells.length - 1; c++) opens += countNewlines(cells[c]!);
      const ends = opens + countNewlines(cells[cells.length - 1]!.replace(/\n+$/, ''));
      const lines = ends > opens ? `, so lines ${opens}–${ends} were read as one cell` : '';
      out.push(
        error.code === 'MissingQuotes'
          ? parsedRow(opens, cells, {
              code: 'broken-quote',
              text: `A quoted cell opens on line ${opens} and never closes${lines}: add the missing quote (") and import again.`,
            })
          : parsedRow(opens, cells, {
              code: 'bad-quote',
              text: `A quoted cell on line ${opens} has text after its closing quote${lines}: fix the quotes and import again.`,
            }),
      );
    } else if (!isBlank(cells)) out.push(parsedRow(start, cells));
  }

  /** A row that grew past the cap: a quote that never closes. Reported where it opens; reading stops. */
  runaway(): PreflightRow | null {
    if (this.partial.length <= MAX_ROW_CHARS) return null;
    const at = unclosedQuoteAt(this.partial, this.delimiter);
    const opens = this.line + countNewlines(this.partial.slice(0, Math.max(at, 0)));
    const text = `A quoted cell opens on line ${opens} and does not close within the next 1 MB, so the rest of the file cannot be read: add the missing quote (") and import again.`;
    return parsedRow(opens, [], { code: 'broken-quote', text });
  }
}
