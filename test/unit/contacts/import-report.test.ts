import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  importReportOf,
  importReportRows,
  keepImportReport,
  REPORT_MAX_ROWS,
  REPORTS_KEPT,
  writeReportCsv,
} from '../../../electron/main/contacts/import-report';
import type { PreflightRow } from '../../../electron/main/preflight';
import { openMemoryDatabase, type Db } from '../../../electron/main/db';

// An import's report kept with it: only the rows left out, in file order, once per import, bounded in rows
// and in how many imports keep theirs; written back as the same CSV the preflight saves.

let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

const file = { header: ['Nome', 'Celular'], columns: 2 };
const invalid = (line: number, cell = '123'): PreflightRow => ({
  line,
  cells: [`Cliente ${line}`, cell],
  name: `Cliente ${line}`,
  phone: null,
  status: 'invalid',
  reason: { code: 'too-short', text: 'Too short' },
});
const ready = (line: number): PreflightRow => ({
  line,
  cells: [`Cliente ${line}`, '11 98765-0000'],
  name: `Cliente ${line}`,
  phone: '+5511987650000',
  status: 'ready',
});
const repeat = (line: number, of: number): PreflightRow => ({ ...ready(line), status: 'duplicate', duplicateOf: of });

describe('an import’s report', () => {
  it('keeps only the rows left out, in file order, and once per import', async () => {
    db = openMemoryDatabase();
    expect(await keepImportReport(db, 7, file, [ready(2), invalid(3), repeat(4, 2), ready(5)], 1)).toEqual({ rows: 2, leftOut: 0 });
    // A second start of the same import (a resume) leaves the kept report as it is.
    expect(await keepImportReport(db, 7, file, [invalid(9)], 2)).toEqual({ rows: 2, leftOut: 0 });
    expect([...importReportRows(db, 7)].map((r) => [r.line, r.status, r.duplicateOf ?? r.reason?.code])).toEqual([
      [3, 'invalid', 'too-short'],
      [4, 'duplicate', 2],
    ]);
    expect(importReportOf(db, 8)).toBeNull();
  });

  it('is bounded: rows past the cap are counted, not kept; only the newest imports keep theirs', async () => {
    db = openMemoryDatabase();
    async function* many(n: number) {
      for (let i = 0; i < n; i++) yield invalid(i + 2);
    }
    expect(await keepImportReport(db, 1, file, many(REPORT_MAX_ROWS + 5), 1)).toEqual({ rows: REPORT_MAX_ROWS, leftOut: 5 });
    for (let job = 2; job <= REPORTS_KEPT + 1; job++) await keepImportReport(db, job, file, [invalid(2)], job);
    expect(importReportOf(db, 1)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) FROM contact_import_problems WHERE job_id = 1').pluck().get()).toBe(0);
    expect(importReportOf(db, 2)).toMatchObject({ rows: 1 });
    expect(db.prepare('SELECT COUNT(*) FROM contact_import_reports').pluck().get()).toBe(REPORTS_KEPT);
  });

  it('writes the kept rows as the preflight’s CSV, with formula cells escaped', async () => {
    db = openMemoryDatabase();
    await keepImportReport(db, 3, file, [invalid(3, '=HYPERLINK("http://x")'), repeat(4, 2)], 1);
    const work = await mkdtemp(join(tmpdir(), 'relay-report-'));
    try {
      const path = join(work, 'report.csv');
      expect(await writeReportCsv(path, importReportOf(db, 3)!.file, importReportRows(db, 3))).toBe(2);
      expect((await readFile(path, 'utf8')).split('\r\n')).toEqual([
        '\ufeffLine,Status,Reason,Nome,Celular',
        `3,invalid,Too short,Cliente 3,"'=HYPERLINK(""http://x"")"`,
        '4,duplicate,Same number as line 2,Cliente 4,11 98765-0000',
        '',
      ]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
