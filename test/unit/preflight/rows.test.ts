import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { RowParser } from '../../../electron/main/preflight/rows';

// The row parser splits quote-free rows itself and hands rows with quotes to papaparse (one at a time, or
// the rest of a chunk where quotes are dense). Whatever the chunking, it must read every text exactly as
// papaparse reads it whole: same rows, cells, starting lines and quote problems.

/** Papaparse over the whole text, with the lines and problems the preflight gives its rows. */
function reference(text: string, delimiter: ';' | ','): { line: number; cells: string[]; problem: string | null }[] {
  const result = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' }).parse(text, 0, false) as Papa.ParseResult<
    string[]
  >;
  const out: { line: number; cells: string[]; problem: string | null }[] = [];
  let line = 1;
  const breaks = (s: string) => s.split('\n').length - 1;
  result.data.forEach((cells, r) => {
    const start = line;
    line += 1 + cells.reduce((n, c) => n + breaks(c), 0);
    const error = result.errors.find((e) => e.row === r);
    if (error) {
      const opens = start + cells.slice(0, -1).reduce((n, c) => n + breaks(c), 0);
      out.push({ line: opens, cells, problem: error.code === 'MissingQuotes' ? 'broken-quote' : 'bad-quote' });
    } else if (cells.some((c) => c.trim() !== '')) out.push({ line: start, cells, problem: null });
  });
  return out;
}

function chunked(text: string, delimiter: ';' | ',', cuts: number[]) {
  const parser = new RowParser(delimiter, 1);
  const rows = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    rows.push(...parser.take(text.slice(from, cut), cut === text.length));
    from = cut;
  }
  return rows.map((r) => ({ line: r.line, cells: r.cells, problem: r.reason?.code ?? null }));
}

function randomText(seed: number, rows: number, quoted: number, delimiter: string): string {
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const plain = ['Ana', 'João Silva', '(11) 98765-4321', '', ' ', 'a"b', `x${delimiter}y`, '5,51199E+12', '+55 11 91234-5678'];
  const inQuotes = ['Silva; Ana', 'two\nlines', 'say ""hi""', '', 'a, b', '\n', 'end"'];
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const cells: string[] = [];
    const n = 1 + Math.floor(random() * 4);
    for (let c = 0; c < n; c++) {
      if (random() >= quoted) cells.push(pick(plain));
      else {
        const tail = random();
        // Mostly well-formed; sometimes spaces or text after the closing quote.
        cells.push(`"${pick(inQuotes)}"${tail < 0.8 ? '' : tail < 0.9 ? '  ' : 'x'}`);
      }
    }
    lines.push(random() < 0.03 ? '' : cells.join(delimiter));
  }
  let text = lines.join('\n') + (random() < 0.5 ? '\n' : '');
  if (random() < 0.3) text += `Zé${delimiter}"never closed\n${pick(plain)}`;
  return text;
}

describe('rows as papaparse reads them', () => {
  it('every chunking of quote-free, sparsely quoted and densely quoted texts gives papaparse\u2019s rows and lines', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const delimiter = seed % 2 ? ';' : ',';
      const quoted = [0, 0.02, 0.1, 0.6][seed % 4]!;
      const text = randomText(seed, 200, quoted, delimiter);
      const expected = reference(text, delimiter);
      let s = seed;
      const cuts: number[] = [];
      for (let at = 0; ;) {
        s = (Math.imul(s, 48271) + 1) & 0x7fffffff;
        at += 1 + (s % 400);
        if (at >= text.length) break;
        cuts.push(at);
      }
      expect(chunked(text, delimiter, cuts), `seed ${seed}`).toEqual(expected);
      expect(chunked(text, delimiter, []), `seed ${seed}, whole`).toEqual(expected);
    }
  });
});
