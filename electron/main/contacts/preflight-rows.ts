import type { PreflightRowView, RowStatus } from '../../../shared/ipc/contacts';
import type { Db } from '../db';
import type { PreflightRow } from '../preflight';

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
  /** JSON: the row's other numbers and the user's correction, when there are. */
  extra: string | null;
}

export interface PreflightRowTable {
  /** Appends rows in file order, in one transaction. */
  add(rows: readonly PreflightRow[]): void;
  page(query: { status?: RowStatus | undefined; offset: number; limit: number }): PreflightRowView[];
  /** Rows of these statuses after `afterSeq`, in file order (keyset paging for exports). */
  after(statuses: readonly RowStatus[], afterSeq: number, limit: number, withCorrected?: boolean): { seq: number; row: PreflightRow }[];
  /** The row that starts on this line (null: none). */
  at(line: number): PreflightRow | null;
  /** The first row (in file order) other than `exceptLine` whose number is this one and is not left out as invalid. */
  firstWithPhone(phone: string, exceptLine: number): PreflightRow | null;
  /** Writes a row back (a correction): its status, number, name and what was corrected. */
  replace(row: PreflightRow): void;
  /** The corrected rows, in file order (at most `limit`). */
  corrected(limit: number): PreflightRow[];
  clear(): void;
  drop(): void;
}

let tables = 0;

/** A row as the window sees it. */
export function rowView(row: PreflightRow): PreflightRowView {
  return {
    line: row.line,
    name: row.name,
    phone: row.phone,
    status: row.status,
    reason: row.reason ?? null,
    duplicateOf: row.duplicateOf ?? null,
    cells: row.cells,
    ...(row.others ? { others: row.others } : {}),
    ...(row.corrected
      ? {
          corrected: {
            ...(row.corrected.phone !== undefined ? { phone: row.corrected.phone } : {}),
            ...(row.corrected.name !== undefined ? { name: row.corrected.name } : {}),
          },
        }
      : {}),
  };
}

export function createPreflightRowTable(db: Db): PreflightRowTable {
  const name = `preflight_rows_${++tables}`;
  db.exec(`
    CREATE TABLE ${name} (
      seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, status TEXT NOT NULL, phone TEXT, name TEXT NOT NULL,
      reason_code TEXT, reason_text TEXT, duplicate_of INTEGER, cells TEXT NOT NULL, extra TEXT
    );
    CREATE INDEX ${name}_by_status ON ${name} (status, seq);
    CREATE INDEX ${name}_by_line ON ${name} (line);
  `);
  const insert = db.prepare(
    `INSERT INTO ${name} (line, status, phone, name, reason_code, reason_text, duplicate_of, cells, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const extraOf = (r: PreflightRow): string | null =>
    r.others || r.corrected || r.landline ? JSON.stringify({ others: r.others, corrected: r.corrected, landline: r.landline }) : null;
  const addAll = db.transaction((rows: readonly PreflightRow[]) => {
    for (const r of rows) {
      insert.run(
        r.line,
        r.status,
        r.phone,
        r.name,
        r.reason?.code ?? null,
        r.reason?.text ?? null,
        r.duplicateOf ?? null,
        JSON.stringify(r.cells),
        extraOf(r),
      );
    }
  });
  const byLine = db.prepare(`SELECT * FROM ${name} WHERE line = ? ORDER BY seq LIMIT 1`);
  const byPhone = db.prepare(`SELECT * FROM ${name} WHERE phone = ? AND line <> ? AND status <> 'invalid' ORDER BY seq LIMIT 1`);
  const update = db.prepare(
    `UPDATE ${name} SET status = ?, phone = ?, name = ?, reason_code = ?, reason_text = ?, duplicate_of = ?, extra = ? WHERE line = ?`,
  );
  const correctedRows = db.prepare(`SELECT * FROM ${name} WHERE extra LIKE '%"corrected"%' ORDER BY seq LIMIT ?`);
  const all = db.prepare(`SELECT * FROM ${name} ORDER BY seq LIMIT ? OFFSET ?`);
  const ofStatus = db.prepare(`SELECT * FROM ${name} WHERE status = ? ORDER BY seq LIMIT ? OFFSET ?`);
  let dropped = false;

  const toRow = (s: StoredRow): PreflightRow => {
    const row: PreflightRow = { line: s.line, cells: JSON.parse(s.cells) as string[], name: s.name, phone: s.phone, status: s.status };
    if (s.reason_code !== null)
      row.reason = { code: s.reason_code as NonNullable<PreflightRow['reason']>['code'], text: s.reason_text ?? '' };
    if (s.duplicate_of !== null) row.duplicateOf = s.duplicate_of;
    if (s.extra !== null) {
      const extra = JSON.parse(s.extra) as Pick<PreflightRow, 'others' | 'corrected' | 'landline'>;
      if (extra.others) row.others = extra.others;
      if (extra.corrected) row.corrected = extra.corrected;
      if (extra.landline) row.landline = extra.landline;
    }
    return row;
  };

  return {
    add(rows) {
      if (!dropped && rows.length > 0) addAll(rows);
    },
    page({ status, offset, limit }) {
      if (dropped) return [];
      const rows = (status ? ofStatus.all(status, limit, offset) : all.all(limit, offset)) as StoredRow[];
      return rows.map((s) => rowView(toRow(s)));
    },
    after(statuses, afterSeq, limit, withCorrected = false) {
      if (dropped) return [];
      const marks = statuses.map(() => '?').join(', ');
      const corrected = withCorrected ? ` OR extra LIKE '%"corrected"%' OR extra LIKE '%"others"%'` : '';
      const rows = db
        .prepare(`SELECT * FROM ${name} WHERE seq > ? AND (status IN (${marks})${corrected}) ORDER BY seq LIMIT ?`)
        .all(afterSeq, ...statuses, limit) as StoredRow[];
      return rows.map((s) => ({ seq: s.seq, row: toRow(s) }));
    },
    at(line) {
      if (dropped) return null;
      const s = byLine.get(line) as StoredRow | undefined;
      return s ? toRow(s) : null;
    },
    firstWithPhone(phone, exceptLine) {
      if (dropped) return null;
      const s = byPhone.get(phone, exceptLine) as StoredRow | undefined;
      return s ? toRow(s) : null;
    },
    replace(r) {
      if (dropped) return;
      update.run(r.status, r.phone, r.name, r.reason?.code ?? null, r.reason?.text ?? null, r.duplicateOf ?? null, extraOf(r), r.line);
    },
    corrected(limit) {
      if (dropped) return [];
      return (correctedRows.all(limit) as StoredRow[]).map(toRow);
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
