// Which delimiter a file uses: Excel's `sep=;` first line when present, otherwise the candidate that splits
// the first records into the same number of cells most consistently (delimiters inside quotes don't count).
import { DELIMITERS, type Delimiter } from './types';

/** Excel's `sep=;` hint line ("\n"-normalised text). `length` includes its line break. */
export function readSepLine(text: string): { delimiter: Delimiter; length: number } | null {
  const match = /^"?sep=(.)"?[ \t]*(?:\n|$)/i.exec(text);
  const delimiter = DELIMITERS.find((d) => d === match?.[1]);
  return match && delimiter ? { delimiter, length: match[0].length } : null;
}

const SAMPLE_RECORDS = 100;

/**
 * Sniffs on the start of the file. `complete` says the sample is the whole file; otherwise its last,
 * possibly cut, record is not counted.
 */
export function sniffDelimiter(sample: string, complete: boolean): Delimiter {
  const perRecord: number[][] = [];
  let current = [0, 0, 0, 0];
  let inQuotes = false;
  let fieldStart = true;
  let blank = true;
  for (let i = 0; i < sample.length && perRecord.length < SAMPLE_RECORDS; i++) {
    const c = sample[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (sample[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '\n') {
      if (!blank) perRecord.push(current);
      current = [0, 0, 0, 0];
      fieldStart = true;
      blank = true;
      continue;
    }
    const k = DELIMITERS.indexOf(c as Delimiter);
    if (k >= 0) {
      current[k]!++;
      fieldStart = true;
      blank = false;
      continue;
    }
    if (c === '"' && fieldStart) inQuotes = true;
    if (c !== ' ') fieldStart = false;
    blank = false;
  }
  if (complete && !blank && perRecord.length < SAMPLE_RECORDS) perRecord.push(current);
  if (perRecord.length === 0) return ',';

  let best: Delimiter = ',';
  let bestScore = -1;
  let bestCells = 0;
  DELIMITERS.forEach((delimiter, k) => {
    const counts = perRecord.map((r) => r[k]!);
    const modal = mode(counts.filter((n) => n > 0));
    if (modal === 0) return;
    const score = counts.filter((n) => n === modal).length / counts.length;
    if (score > bestScore || (score === bestScore && modal > bestCells)) {
      best = delimiter;
      bestScore = score;
      bestCells = modal;
    }
  });
  return best;
}

function mode(values: number[]): number {
  const seen = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const v of values) {
    const n = (seen.get(v) ?? 0) + 1;
    seen.set(v, n);
    if (n > bestCount || (n === bestCount && v > best)) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}
