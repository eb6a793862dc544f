import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Db } from '../db';
import { csvWriter } from '../../../shared/csv';
import type { CsvValue } from '../../../shared/csv';
import { SIM_CHANNEL } from '../../../shared/domain';
import type { MessageStatusCode, SimSlot } from '../../../shared/domain';
import { DEFAULT_SORT } from './filter';
import type { MessageCursor, MessageFilter, MessageSort } from './filter';
import { contactNames } from '../contacts';
import { cursorOf, pageRows } from './query';
import { STATUS_NAMES_EN } from './status';
import type { MessageRow } from './store';
import { isoInZone } from './zone';
import { effectiveTimeZone } from '../../../shared/time-zone';

// The history as CSV for spreadsheets: UTF-8 with a BOM (Excel then reads accents), formula-like cells
// neutralised (shared/csv), instants in ISO 8601 with the offset of the user's zone, status code and name.
//
// Streamed in keyset pages of `batchSize` rows on the main thread, with a turn of the event loop between
// pages and the stream's backpressure respected: memory stays flat, and no page holds the thread long
// (1,000 rows ≈ 3–5 ms to read and format). A worker thread was not needed: see `npm run bench -- history`.

export const EXPORT_COLUMNS = [
  'id',
  'created',
  'sent',
  'scheduled',
  'status_code',
  'status',
  'recipient',
  'contact_name',
  'body',
  'device_id',
  'sim',
  'channel',
  'customer_id',
  'newsletter_id',
  'newsletter',
  'urgent',
] as const;

export interface ExportOptions {
  db: Db;
  filter?: MessageFilter;
  sort?: MessageSort;
  /** IANA zone for the instants; default the process's zone. */
  timeZone?: string;
  /** The status's name in the user's language; default English. */
  statusName?: (code: MessageStatusCode) => string;
  /** Header labels in EXPORT_COLUMNS order; default the column keys. */
  header?: readonly string[];
  signal?: AbortSignal;
  /** Rows written so far; called after each page. */
  onProgress?: (rows: number) => void;
  batchSize?: number;
}

/** Numbers whose contact name (or none) an export keeps from page to page. */
const MAX_KNOWN_NUMBERS = 50_000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Writes the filter's messages to `out` (not ended here). Resolves with the number of rows written. */
export async function writeMessagesCsv(out: Writable, options: ExportOptions): Promise<{ rows: number }> {
  const format = isoInZone(effectiveTimeZone(options.timeZone));
  const statusName = options.statusName ?? ((code: MessageStatusCode) => STATUS_NAMES_EN[code] ?? String(code));
  const filter = options.filter ?? {};
  const sort = options.sort ?? DEFAULT_SORT;
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 1_000, 5_000));
  const csv = csvWriter({ bom: true });
  const when = (ms: number | null): string => (ms === null ? '' : format(ms));
  const cells = (r: MessageRow, names: ReadonlyMap<string, string>): CsvValue[] => [
    r.id,
    when(r.created_ms),
    when(r.sent_ms),
    when(r.send_at_ms),
    r.status,
    statusName(r.status as MessageStatusCode),
    r.send_to,
    names.get(r.send_to) ?? '',
    r.body,
    r.device_id,
    r.sim,
    SIM_CHANNEL[r.sim as SimSlot] ?? '',
    r.customer_id,
    r.paket_id,
    r.paket_title,
    r.urgent ? 'yes' : 'no',
  ];

  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain', { signal: options.signal });
  };

  await write(csv.start() + csv.row(options.header ?? EXPORT_COLUMNS));
  const names = new Map<string, string>();
  let rows = 0;
  let after: MessageCursor | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = pageRows(options.db, filter, sort, batchSize, { after });
    if (page.length === 0) break;
    let chunk = '';
    // The contacts' names of the numbers this page brings first: one indexed read per page, kept by the number
    // as written (a history repeats a few thousand numbers; bounded all the same).
    const unknown = new Set(page.map((row) => row.send_to).filter((number) => !names.has(number)));
    if (unknown.size > 0) {
      if (names.size + unknown.size > MAX_KNOWN_NUMBERS) names.clear();
      const byDigits = contactNames(options.db, unknown);
      for (const number of unknown) names.set(number, byDigits.get(number.replace(/\D+/g, '')) ?? '');
    }
    for (const row of page) chunk += csv.row(cells(row, names));
    rows += page.length;
    await write(chunk);
    options.onProgress?.(rows);
    if (page.length < batchSize) break;
    after = cursorOf(page[page.length - 1]!, sort);
    await nextTurn();
  }
  return { rows };
}

/**
 * Exports to a file: written beside it as `<path>.part` and renamed when complete, so a cancelled or failed
 * export never leaves a half file under the name the user chose.
 */
export async function exportMessagesCsv(path: string, options: ExportOptions): Promise<{ rows: number; path: string }> {
  const partial = `${path}.part`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  try {
    const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
    const { rows } = await Promise.race([writeMessagesCsv(out, options), failed]);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    await rename(partial, path);
    return { rows, path };
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
