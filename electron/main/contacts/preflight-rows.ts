import type { PreflightRowView, RowStatus } from '../../../shared/ipc/contacts';
import type { Db } from '../db';
import type { PreflightRow } from './preflight';

// A preflight's classified rows, kept while the user looks at them: one table per preflight in a private
// scratch database (SQLite keeps a few MB of it in memory and the rest in a temporary file), so a million rows
// page quickly without being held in the process. Dropped when imported, closed, or forgotten.

interface StoredRow {
  seq: number;
  line: number;
  status: RowStatus;
  phone: string | null;
  name: string;
  reason_code: string | null;
  reason_text: string | null;
  duplicate_of: number | null;
  cells: string;
}

export interface PreflightRowTable {
  /** Appends rows in file order, in one transaction. */
  add(rows: readonly PreflightRow[]): void;
  page(query: { status?: RowStatus | undefined; offset: number; limit: number }): PreflightRowView[];
  /** Rows of these statuses after `afterSeq`, in file order (keyset paging for exports). */
  after(statuses: readonly RowStatus[], afterSeq: number, limit: number): { seq: number; row: PreflightRow }[];
  clear(): void;
  drop(): void;
}

let tables = 0;

export function createPreflightRowTable(db: Db): PreflightRowTable {
  const name = `preflight_rows_${++tables}`;
  db.exec(`
    CREATE TABLE ${name} (
      seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, status TEXT NOT NULL, phone TEXT, name TEXT NOT NULL,
      reason_code TEXT, reason_text TEXT, duplicate_of INTEGER, cells TEXT NOT NULL
    );
    CREATE INDEX ${name}_by_status ON ${name} (status, seq);
  `);
  const insert = db.prepare(
    `INSERT INTO ${name} (line, status, phone, name, reason_code, reason_text, duplicate_of, cells) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addAll = db.transaction((rows: readonly PreflightRow[]) => {
    for (const r of rows) {
      insert.run(r.line, r.status, r.phone, r.name, r.reason?.code ?? null, r.reason?.text ?? null, r.duplicateOf ?? null, JSON.stringify(r.cells));
    }
  });
  const all = db.prepare(`SELECT * FROM ${name} ORDER BY seq LIMIT ? OFFSET ?`);
  const ofStatus = db.prepare(`SELECT * FROM ${name} WHERE status = ? ORDER BY seq LIMIT ? OFFSET ?`);
  let dropped = false;

  const toRow = (s: StoredRow): PreflightRow => {
    const row: PreflightRow = { line: s.line, cells: JSON.parse(s.cells) as string[], name: s.name, phone: s.phone, status: s.status };
    if (s.reason_code !== null) row.reason = { code: s.reason_code as NonNullable<PreflightRow['reason']>['code'], text: s.reason_text ?? '' };
    if (s.duplicate_of !== null) row.duplicateOf = s.duplicate_of;
    return row;
  };

  return {
    add(rows) {
      if (!dropped && rows.length > 0) addAll(rows);
    },
    page({ status, offset, limit }) {
      if (dropped) return [];
      const rows = (status ? ofStatus.all(status, limit, offset) : all.all(limit, offset)) as StoredRow[];
      return rows.map((s) => {
        const row = toRow(s);
        return { line: row.line, name: row.name, phone: row.phone, status: row.status, reason: row.reason ?? null, duplicateOf: row.duplicateOf ?? null, cells: row.cells };
      });
    },
    after(statuses, afterSeq, limit) {
      if (dropped) return [];
      const marks = statuses.map(() => '?').join(', ');
      const rows = db.prepare(`SELECT * FROM ${name} WHERE seq > ? AND status IN (${marks}) ORDER BY seq LIMIT ?`).all(afterSeq, ...statuses, limit) as StoredRow[];
      return rows.map((s) => ({ seq: s.seq, row: toRow(s) }));
    },
    clear() {
      if (!dropped) db.exec(`DELETE FROM ${name}`);
    },
    drop() {
      if (dropped) return;
      dropped = true;
      db.exec(`DROP TABLE IF EXISTS ${name}`);
    },
  };
}
