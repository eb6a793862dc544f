// The preflight: decode → sniff → parse (papaparse) → map → normalise → dedupe, as a stream. Nothing is
// sent anywhere; the import job, the Contacts screen and `relay import --dry-run` all read the file with it.
//
// Memory stays bounded for any size: bytes are read in 512 KB chunks, one ahead of the parser, papaparse's
// Parser is driven 32 KB at a time exactly as its own ChunkStreamer does (its Node ReadableStreamStreamer queues
// every chunk with no backpressure, so a fast disk would pile the whole file up), a runaway quoted cell is
// cut at 1 MB, and only the numbers seen so far are remembered (as numbers, for dedupe).
import { open, stat } from 'node:fs/promises';
import { guessMapping, looksLikeHeader } from './columns';
import { inspectStart, StreamDecoder } from './decode';
import { RowClassifier } from './classify';
import { countNewlines, RowParser } from './rows';
import { readSepLine, sniffDelimiter } from './sniff';
import { parseVCards, vcardTable } from './vcard';
import { readWorkbook } from './workbook';
import type {
  Delimiter,
  Encoding,
  FileProblem,
  PreflightCounts,
  PreflightFile,
  PreflightHandlers,
  PreflightOptions,
  PreflightOutcome,
  PreflightRow,
  PreflightSummary,
} from './types';

export type PreflightSource = { path: string } | { bytes: Uint8Array } | { chunks: AsyncIterable<Uint8Array> };

// Text is decoded and parsed 32 KB at a time: its strings stay small enough for the young generation
// (256 KB ones went to the large-object space, which the collector treats as old: ~10 ms per 100k rows),
// and fewer rows are alive at once. 32 and 64 KB run equally fast; with 32 KB, V8 less often decides to
// allocate papaparse's row arrays straight in the old generation (see rows.ts), 3 runs in 15 against 6.
// Files are read 512 KB at a time, which keeps the reads few.
const CHUNK_BYTES = 32 * 1024;
const READ_BYTES = 512 * 1024;
const HEAD_BYTES = 64 * 1024; // what encoding detection and delimiter sniffing look at
const SAMPLE_ROWS = 50; // early rows that decide header and mapping
const DEFAULT_PREVIEW_ROWS = 200;
const MAX_WORKBOOK_BYTES = 200 * 1024 * 1024;
const MAX_VCARD_CHARS = 200 * 1024 * 1024;

const isZip = (head: Uint8Array): boolean => head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

async function* byteChunks(source: PreflightSource): AsyncGenerator<Uint8Array> {
  const all: Iterable<Uint8Array> | AsyncIterable<Uint8Array> =
    'bytes' in source ? [source.bytes] : 'path' in source ? fileChunks(source.path) : source.chunks;
  for await (const bytes of all) {
    for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
  }
}

/**
 * A file's bytes, the next chunk always being read while the caller works on this one (a chunk takes a
 * few milliseconds to classify and well under one to read, so nobody waits on the disk after the first).
 * A read stream's iterator waited on each refill: ~10 ms per 100k rows of the preflight.
 *
 * Two buffers take turns, so a big file allocates nothing as it goes (fresh buffers piled up outside the
 * heap until a collection, which made peak memory vary by 150 MB on a million rows). A chunk may be reused
 * once the caller asks for the one after the next: the decoder copies each chunk into text at once.
 */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)] as const;
  let turn = 0;
  let position = 0;
  const read = () => file.read(buffers[turn++ & 1]!, 0, READ_BYTES, position);
  let next = read();
  try {
    for (;;) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) return;
      position += bytesRead;
      next = read();
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await next.catch(() => undefined); // a read still under way when the caller stops
    await file.close();
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
      const why =
        code === 'ENOENT'
          ? 'it does not exist'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code === 'EISDIR'
              ? 'it is a folder'
              : (error as Error).message;
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
  // The file is closed on every way out: here, and by `close` (the caller's `finally`) once it is open.
  const close = async (): Promise<void> => void (await bytes.return(undefined));
  if ('code' in start && isZip(head)) {
    // An .xlsx workbook: read whole (a zip cannot be read front to back), within a cap.
    try {
      const all = [head];
      let total = size;
      for (let r = done ? null : await next(); r && !r.done; r = await next()) {
        total += r.value.length;
        if (total > MAX_WORKBOOK_BYTES)
          return {
            problem: {
              code: 'spreadsheet',
              message: 'This workbook is over 200 MB: save its sheet of contacts as CSV and import that file.',
            },
            opened: null,
          } as const;
        all.push(Buffer.from(r.value));
      }
      return { problem: null, opened: null, workbook: Buffer.concat(all, total) } as const;
    } finally {
      await close();
    }
  }
  if ('code' in start) {
    await close();
    return { problem: start, opened: null } as const;
  }
  const decoder = new StreamDecoder(options.encoding ?? start.bom?.encoding ?? start.utf16, start.bom?.length ?? 0);
  const encodingSource: PreflightFile['encodingSource'] = options.encoding ? 'chosen' : start.bom ? 'bom' : 'detected';
  const headText = decoder.decode(head, done);
  // How many rows the file likely has, from its size and the head's lines (0: unknown), so that tables
  // can be sized once instead of growing through the file.
  const total =
    'bytes' in source
      ? source.bytes.length
      : 'path' in source
        ? await stat(source.path).then(
            (s) => s.size,
            () => 0,
          )
        : 0;
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
  return { problem: null, opened: { decoder, encodingSource, headText, headIsAll: done, expectedRows, rest: rest(), close } } as const;
}

/**
 * The last preflight's parser and classifier (their tables let go), kept only so that their hidden classes
 * live on. V8 keeps an object's class only while some object has it; once a preflight's objects were all
 * garbage, a full collection discarded their classes, and with them the compiled code of the row loops
 * that had checked for them. The next preflight then ran unoptimised until recompiled: ~50 ms of CPU per
 * 100k rows, half of it on the compiler's threads (a file read after any full collection, such as the
 * next import's).
 */
const keptShapes: { parser: RowParser | null; classifier: RowClassifier | null } = { parser: null, classifier: null };

/** The rows of the file, a parsed chunk at a time, until its end or a quote that never closes. */
async function* parseRows(
  firstText: string,
  firstIsAll: boolean,
  rest: AsyncIterable<{ text: string; last: boolean }>,
  delimiter: Delimiter,
  firstLine: number,
): AsyncGenerator<PreflightRow[]> {
  const parser = new RowParser(delimiter, firstLine);
  yield parser.take(firstText, firstIsAll);
  if (!firstIsAll) {
    for await (const { text, last } of rest) {
      yield parser.take(text, last);
      const stop = parser.runaway();
      if (stop) {
        yield [stop];
        return; // not kept: it holds the runaway row
      }
    }
  }
  keptShapes.parser = parser;
}

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
  if (start.workbook) return classifyWorkbook(start.workbook, options, handlers);
  try {
    if (/^\s*BEGIN:VCARD/i.test(start.opened.headText)) return await classifyVCards(start.opened, options, handlers);
    return await classifyFile(start.opened, options, handlers);
  } finally {
    await start.opened.close();
  }
}

/** An .xlsx workbook: the chosen sheet (or the one that holds phone numbers) read as the rows of a CSV. */
async function classifyWorkbook(bytes: Buffer, options: PreflightOptions, handlers: PreflightHandlers): Promise<PreflightOutcome> {
  const read = await readWorkbook(bytes, options);
  if ('code' in read) return { ok: false, problem: read };
  const base: FileBase = {
    format: 'xlsx',
    encodingSource: 'detected',
    delimiter: ',',
    delimiterSource: 'sniffed',
    sheet: read.sheet,
    sheets: read.sheets,
  };
  return classifyRows(
    oneBatch(read.rows),
    base,
    { encoding: () => 'utf-8', undecodable: () => 0, expectedRows: read.rows.length },
    options,
    handlers,
  );
}

/** A vCard file: each card a row (Name, its phones with the cell one first…), numbered by its BEGIN line. */
async function classifyVCards(opened: Opened, options: PreflightOptions, handlers: PreflightHandlers): Promise<PreflightOutcome> {
  let text = opened.headText;
  for await (const chunk of opened.rest) {
    text += chunk.text;
    if (text.length > MAX_VCARD_CHARS)
      return { ok: false, problem: { code: 'unreadable', message: 'This contacts file is over 200 MB: export fewer contacts at a time.' } };
  }
  const table = vcardTable(parseVCards(text));
  if (table.rows.length === 0)
    return {
      ok: false,
      problem: { code: 'empty', message: 'The file has no contact cards (BEGIN:VCARD … END:VCARD): there is nothing to import.' },
    };
  const phones = Array.from({ length: table.phoneColumns }, (_, i) => i + 1);
  // The columns are ours: the name and every phone, whatever a guess would say (unless the user chose).
  const vcardOptions: PreflightOptions = {
    ...options,
    header: true,
    phoneColumn: options.phoneColumn ?? phones,
    nameColumn: options.nameColumn === undefined ? 0 : options.nameColumn,
    consentColumn: null,
  };
  const rows: PreflightRow[] = [{ line: 0, cells: table.header, name: '', phone: null, status: 'invalid' }];
  for (const r of table.rows) rows.push({ line: r.line, cells: r.cells, name: '', phone: null, status: 'invalid' });
  const base: FileBase = { format: 'vcard', encodingSource: opened.encodingSource, delimiter: ',', delimiterSource: 'sniffed' };
  const decoder = opened.decoder;
  return classifyRows(
    oneBatch(rows),
    base,
    { encoding: () => decoder.encoding, undecodable: () => decoder.replaced, expectedRows: rows.length },
    vcardOptions,
    handlers,
  );
}

async function* oneBatch(rows: PreflightRow[]): AsyncGenerator<PreflightRow[]> {
  // In slices, as the CSV parser hands them on: the preview comes after the first ones.
  for (let i = 0; i < rows.length; i += 1_000) yield rows.slice(i, i + 1_000);
}

type Opened = NonNullable<Awaited<ReturnType<typeof openText>>['opened']>;

async function classifyFile(opened: Opened, options: PreflightOptions, handlers: PreflightHandlers): Promise<PreflightOutcome> {
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
  const base: FileBase = { format: 'csv', encodingSource, delimiter, delimiterSource };
  const text = { encoding: () => decoder.encoding, undecodable: () => decoder.replaced, expectedRows: opened.expectedRows };
  return classifyRows(parseRows(headText, headIsAll, opened.rest, delimiter, firstLine), base, text, options, handlers);
}

type FileBase = Pick<PreflightFile, 'format' | 'encodingSource' | 'delimiter' | 'delimiterSource' | 'sheet' | 'sheets'>;

/** Decides the header and the columns from the first rows, then classifies every row in file order. */
async function classifyRows(
  batches: AsyncIterable<PreflightRow[]>,
  base: FileBase,
  source: { encoding: () => Encoding; undecodable: () => number; expectedRows: number },
  options: PreflightOptions,
  handlers: PreflightHandlers,
): Promise<PreflightOutcome> {
  const previewSize = options.previewRows ?? DEFAULT_PREVIEW_ROWS;
  const preview: PreflightRow[] = [];
  let previewSent = false;
  let file: PreflightFile | null = null;
  let classifier: RowClassifier | null = null;
  const sendPreview = (): void => {
    previewSent = true;
    handlers.onPreview?.({ ...file!, encoding: source.encoding(), rows: preview.splice(0) });
  };
  /** Classifies rows and hands them on in file order: to the preview first, then to `onRow`. */
  const pass = async (rows: readonly PreflightRow[]): Promise<void> => {
    classifier!.classify(rows);
    for (const row of rows) {
      if (!previewSent) {
        preview.push(row);
        if (preview.length >= previewSize) sendPreview();
      }
      const pending = handlers.onRow?.(row);
      if (pending) await pending;
    }
  };

  // Rows wait here until the header and the mapping are decided.
  const early: PreflightRow[] = [];
  let headerLine: PreflightRow | null = null;
  const decide = (): FileProblem | null => {
    // The first rows decide (a parsed chunk may bring thousands).
    const sample = early.slice(0, SAMPLE_ROWS);
    const first = sample[0];
    if (!first) return { code: 'empty', message: 'The file has no rows: there is nothing to import.' };
    const hasHeader =
      options.header ??
      (!first.reason &&
        looksLikeHeader(
          first.cells,
          sample.slice(1).map((r) => r.cells),
        ));
    if (hasHeader) {
      headerLine = early.shift()!;
      sample.shift();
    }
    const header = headerLine?.cells.map((c) => c.trim()) ?? null;
    if (header && early.length === 0)
      return {
        code: 'no-rows',
        message: `The file has a header (${header.filter(Boolean).join(', ')}) but no rows under it: 0 rows to import.`,
      };
    const columns = header?.length ?? Math.max(...sample.map((r) => r.cells.length));
    const mapped = guessMapping(
      header,
      sample.filter((r) => !r.reason).map((r) => r.cells),
      columns,
      options,
    );
    if ('code' in mapped) return mapped;
    // A vCard's header is ours (the options force it), so only a CSV's or a sheet's can have been chosen.
    const headerSource = options.header === undefined || base.format === 'vcard' ? 'detected' : 'chosen';
    file = { ...base, encoding: source.encoding(), header, headerSource, columns, ...mapped };
    classifier = new RowClassifier(file, options, source.expectedRows);
    return null;
  };

  try {
    for await (const batch of batches) {
      let ready = batch;
      if (!file) {
        early.push(...batch);
        if (early.length < SAMPLE_ROWS) continue;
        const problem = decide();
        if (problem) return { ok: false, problem };
        ready = early.splice(0);
      }
      await pass(ready);
    }
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, problem: { code: 'unreadable', message: error.message } };
    throw error;
  }
  if (!file) {
    const problem = decide();
    if (problem) return { ok: false, problem };
    await pass(early.splice(0));
  }
  const facts: PreflightFile = { ...file!, encoding: source.encoding() };
  file = facts;
  if (!previewSent) sendPreview();
  const finished = classifier!;
  const counts = finished.counts;
  counts.undecodable = source.undecodable();
  finished.release();
  keptShapes.classifier = finished;
  return { ok: true, file: facts, counts };
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
  const withoutConsent: PreflightSummary['withoutConsent'] = [];
  const outcome = await runPreflight(source, options, {
    ...handlers,
    onRow(row) {
      if (row.status === 'invalid') invalid.push({ line: row.line, code: row.reason!.code, reason: row.reason!.text });
      else if ((row.status === 'ready' || row.status === 'landline') && row.phone)
        contacts.push({
          line: row.line,
          name: row.name,
          phone: row.phone,
          ...(row.status === 'landline' ? { landline: true } : {}),
          ...(row.others ? { others: row.others } : {}),
        });
      else if (row.status === 'no-consent' && row.phone) withoutConsent.push({ line: row.line, name: row.name, phone: row.phone });
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
    noConsent: counts.noConsent,
    invalid,
    contacts,
    withoutConsent,
  };
  return { ok: true, file, counts, summary };
}
