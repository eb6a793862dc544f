import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Db } from '../db';
import { problemReport, type PreflightFile, type PreflightRow } from '../preflight';

// An import's report: the rows it left out (invalid and repeated), with their lines, reasons and cells, kept
// with the import when it starts (the preflight that showed them closes then), so the history can save it as
// a CSV at any time after, in the app and in `relay import --report`. Bounded: REPORT_MAX_ROWS per import
// (the rest counted), and only the newest REPORTS_KEPT imports keep theirs.

export const REPORT_MAX_ROWS = 100_000;
export const REPORTS_KEPT = 50;
const BATCH = 1_000;

type ReportFile = Pick<PreflightFile, 'header' | 'columns'>;

/** The rows a report lists: left out (invalid, repeated, no consent), corrected by the user, or with numbers not imported. */
export const isReported = (row: PreflightRow): boolean =>
  row.status === 'invalid' ||
  row.status === 'duplicate' ||
  row.status === 'no-consent' ||
  row.corrected !== undefined ||
  row.others !== undefined;
const isProblem = isReported;

interface StoredExtra {
  cells: string[];
  status: PreflightRow['status'];
  phone: string | null;
  name: string;
  corrected?: PreflightRow['corrected'];
  others?: string[];
}

/**
 * The table keeps invalid and repeated rows (its CHECK); any other reported row (corrected, without consent,
 * with other numbers) is kept under the status "invalid" with what it really is beside its cells:
 * `{"cells": […], "status": …, "corrected": {…}}` instead of the bare list.
 */
function storedRow(row: PreflightRow): { status: 'invalid' | 'duplicate'; cells: string } {
  if ((row.status === 'invalid' || row.status === 'duplicate') && !row.corrected && !row.others)
    return { status: row.status, cells: JSON.stringify(row.cells) };
  const extra: StoredExtra = {
    cells: row.cells,
    status: row.status,
    phone: row.phone,
    name: row.name,
    ...(row.corrected ? { corrected: row.corrected } : {}),
    ...(row.others ? { others: row.others } : {}),
  };
  return { status: row.status === 'duplicate' ? 'duplicate' : 'invalid', cells: JSON.stringify(extra) };
}

/** The report kept for this import job: its file's header and how many rows it holds; null if none was kept. */
export function importReportOf(db: Db, jobId: number): { file: ReportFile; rows: number; leftOut: number } | null {
  const row = db.prepare('SELECT header, columns, rows, left_out AS leftOut FROM contact_import_reports WHERE job_id = ?').get(jobId) as
    { header: string | null; columns: number; rows: number; leftOut: number } | undefined;
  if (!row) return null;
  return {
    file: { header: row.header === null ? null : (JSON.parse(row.header) as string[]), columns: row.columns },
    rows: row.rows,
    leftOut: row.leftOut,
  };
}

/**
 * Keeps the problem rows among `rows` (any rows may be given; only invalid and duplicate ones are kept) as this
 * job's report. Once per job: a report already kept is left as it is. The report's own row is written last, so
 * one cut short (a crash) is written again whole. Two processes may keep the same job's report at once (the
 * app and a relay that followed its import): their rows are the same rows of the same file, so each row is
 * written as "insert or replace" and the first report row written wins.
 */
export async function keepImportReport(
  db: Db,
  jobId: number,
  file: ReportFile,
  rows: Iterable<PreflightRow> | AsyncIterable<PreflightRow>,
  now: number,
): Promise<{ rows: number; leftOut: number }> {
  const kept = importReportOf(db, jobId);
  if (kept) return { rows: kept.rows, leftOut: kept.leftOut };
  const insert = db.prepare(
    'INSERT OR REPLACE INTO contact_import_problems (job_id, seq, line, status, reason_code, reason_text, duplicate_of, cells) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const addAll = db.transaction((batch: PreflightRow[], from: number) => {
    batch.forEach((r, i) => {
      const stored = storedRow(r);
      insert.run(
        jobId,
        from + i,
        r.line,
        stored.status,
        r.reason?.code ?? null,
        r.reason?.text ?? null,
        r.duplicateOf ?? null,
        stored.cells,
      );
    });
  });
  let count = 0;
  let leftOut = 0;
  let batch: PreflightRow[] = [];
  for await (const row of rows) {
    if (!isProblem(row)) continue;
    if (count + batch.length >= REPORT_MAX_ROWS) {
      leftOut++;
      continue;
    }
    batch.push(row);
    if (batch.length >= BATCH) {
      addAll(batch, count);
      count += batch.length;
      batch = [];
    }
  }
  addAll(batch, count);
  count += batch.length;
  const first = db.transaction(() => {
    const already = importReportOf(db, jobId);
    if (already) return already;
    db.prepare('INSERT INTO contact_import_reports (job_id, header, columns, rows, left_out, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      jobId,
      file.header ? JSON.stringify(file.header) : null,
      file.columns,
      count,
      leftOut,
      now,
    );
    // Only the newest imports keep their report.
    const old = db
      .prepare('SELECT job_id FROM contact_import_reports ORDER BY created_at DESC, job_id DESC LIMIT -1 OFFSET ?')
      .pluck()
      .all(REPORTS_KEPT) as number[];
    for (const id of old) {
      db.prepare('DELETE FROM contact_import_problems WHERE job_id = ?').run(id);
      db.prepare('DELETE FROM contact_import_reports WHERE job_id = ?').run(id);
    }
    return null;
  })();
  if (first) return { rows: first.rows, leftOut: first.leftOut };
  // Rows beyond this report's count came from an earlier, longer attempt cut short: never for the same file.
  db.prepare('DELETE FROM contact_import_problems WHERE job_id = ? AND seq >= ?').run(jobId, count);
  return { rows: count, leftOut };
}

/** The kept problem rows of an import, in file order (paged: a report may hold REPORT_MAX_ROWS). */
export function* importReportRows(db: Db, jobId: number): Generator<PreflightRow> {
  const page = db.prepare(
    'SELECT seq, line, status, reason_code, reason_text, duplicate_of, cells FROM contact_import_problems WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  for (let after = -1; ;) {
    const rows = page.all(jobId, after, BATCH) as {
      seq: number;
      line: number;
      status: 'invalid' | 'duplicate';
      reason_code: string | null;
      reason_text: string | null;
      duplicate_of: number | null;
      cells: string;
    }[];
    if (rows.length === 0) return;
    for (const s of rows) {
      after = s.seq;
      const stored = JSON.parse(s.cells) as string[] | StoredExtra;
      const row: PreflightRow = Array.isArray(stored)
        ? { line: s.line, cells: stored, name: '', phone: null, status: s.status }
        : { line: s.line, cells: stored.cells, name: stored.name, phone: stored.phone, status: stored.status };
      if (!Array.isArray(stored) && stored.corrected) row.corrected = stored.corrected;
      if (!Array.isArray(stored) && stored.others) row.others = stored.others;
      if (s.reason_code !== null)
        row.reason = { code: s.reason_code as NonNullable<PreflightRow['reason']>['code'], text: s.reason_text ?? '' };
      if (s.duplicate_of !== null) row.duplicateOf = s.duplicate_of;
      yield row;
    }
  }
}

/**
 * Writes the problem rows among `rows` as the report CSV (formula cells escaped by shared/csv), streamed.
 * Returns how many rows it holds. Used by the preflight's export, the history's and `relay import --report`.
 */
export async function writeReportCsv(
  path: string,
  file: ReportFile,
  rows: Iterable<PreflightRow> | AsyncIterable<PreflightRow>,
): Promise<number> {
  const report = problemReport(file);
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  let count = 0;
  try {
    await write(report.start());
    for await (const row of rows) {
      const line = report.row(row);
      if (line === null) continue;
      count++;
      await write(line);
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } catch (error) {
    out.destroy();
    throw error;
  }
  return count;
}
