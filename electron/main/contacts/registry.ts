import type { ContactView, ImportCounts, ImportView, TagFieldView, TagView } from '../../../shared/ipc/contacts';
import type { JobState } from '../../../shared/jobs';
import { suppressionLookupIfKept } from '../optouts';
import type { Db } from '../db';
import { editContactFields, fieldsOf, tagFieldNames } from './field-store';
import type { PhoneLookup } from '../preflight';

// The account's memory of tags and contacts (the API has no list endpoints), the imports' history and the
// column mappings remembered per header set. Plain functions over the account database.

interface TagRow {
  id: number;
  title: string;
  created_here: number;
  created_at: number;
  contacts: number;
}

const toTagView = (row: TagRow): TagView => ({
  id: row.id,
  title: row.title,
  contacts: row.contacts,
  createdHere: row.created_here === 1,
  createdAt: row.created_at,
});

const TAG_SELECT = `
  SELECT t.id, t.title, t.created_here, t.created_at, (SELECT COUNT(*) FROM contacts c WHERE c.tag_id = t.id) AS contacts
  FROM contact_tags t`;

export function listTags(db: Db): TagView[] {
  return (db.prepare(`${TAG_SELECT} ORDER BY t.created_at DESC, t.id DESC LIMIT 10000`).all() as TagRow[]).map(toTagView);
}

export function getTag(db: Db, id: number): TagView | null {
  const row = db.prepare(`${TAG_SELECT} WHERE t.id = ?`).get(id) as TagRow | undefined;
  return row ? toTagView(row) : null;
}

/** The registry tag of this title (case ignored); the newest when several share it. */
export function findTagByTitle(db: Db, title: string): TagView | null {
  const row = db
    .prepare(`${TAG_SELECT} WHERE t.title = ? COLLATE NOCASE ORDER BY t.created_at DESC, t.id DESC LIMIT 1`)
    .get(title.trim()) as TagRow | undefined;
  return row ? toTagView(row) : null;
}

/**
 * Records a tag. `createdHere` tags come from our own savetag; a tag added by id that is already known keeps
 * its origin and takes the new title.
 */
export function saveTag(db: Db, tag: { id: number; title: string; createdHere: boolean }, now: number): TagView {
  db.prepare(
    `INSERT INTO contact_tags (id, title, created_here, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, created_here = MAX(created_here, excluded.created_here)`,
  ).run(tag.id, tag.title.trim(), tag.createdHere ? 1 : 0, now);
  return getTag(db, tag.id)!;
}

/** A tag created elsewhere, added by its id (a known id takes the new title). */
export function addTagById(db: Db, tag: { id: number; title: string }, now: number): TagView {
  return saveTag(db, { ...tag, createdHere: false }, now);
}

/** A confirmed contact (savecontact answered), kept with the job that sent it. */

export function saveContact(
  db: Db,
  contact: { tagId: number; phone: string; name: string; contactId: number | null; jobId: number | null },
  now: number,
): void {
  db.prepare(
    `INSERT INTO contacts (tag_id, phone, name, contact_id, job_id, added_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tag_id, phone) DO UPDATE SET name = excluded.name, contact_id = COALESCE(excluded.contact_id, contact_id),
       job_id = COALESCE(excluded.job_id, job_id)`,
  ).run(contact.tagId, contact.phone, contact.name, contact.contactId, contact.jobId, now);
}

export function findContact(db: Db, tagId: number, phone: string): { contactId: number | null; jobId: number | null } | null {
  const row = db
    .prepare('SELECT contact_id AS contactId, job_id AS jobId FROM contacts WHERE tag_id = ? AND phone = ?')
    .get(tagId, phone) as { contactId: number | null; jobId: number | null } | undefined;
  return row ?? null;
}

/** The numbers already in a tag, for the preflight's "already in the tag". */
export function tagLookup(db: Db, tagId: number): PhoneLookup {
  const statement = db.prepare('SELECT 1 FROM contacts WHERE tag_id = ? AND phone = ?').pluck();
  return { has: (phone) => statement.get(tagId, phone) !== undefined };
}

/**
 * The account's opt-out list as it is now (the opt-out list's module reads its table; null where it has none).
 * Matched by digits, as Campaigns does: a STOP reply is kept as the gateway wrote its number (often without "+").
 */
export function suppressionLookup(db: Db): PhoneLookup | null {
  return suppressionLookupIfKept(db);
}

/** LIKE with the user's % and _ taken literally. */
const likeText = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A contact's name (and fields) changed here (the gateway keeps its own copy: it has no update endpoint). */
export function updateContact(
  db: Db,
  tagId: number,
  phone: string,
  name: string,
  fields?: Readonly<Record<string, string>>,
): ContactView | null {
  const changed = db.transaction(() => {
    const n = db.prepare('UPDATE contacts SET name = ? WHERE tag_id = ? AND phone = ?').run(name.trim(), tagId, phone).changes;
    if (n > 0 && fields) editContactFields(db, tagId, phone, fields);
    return n;
  })();
  if (changed === 0) return null;
  const row = db
    .prepare('SELECT phone, name, contact_id AS contactId, added_at AS addedAt FROM contacts WHERE tag_id = ? AND phone = ?')
    .get(tagId, phone) as ContactView;
  return withFields({ ...row, optedOut: suppressionLookup(db)?.has(phone) ?? false }, fieldsOf(db, tagId, [phone]));
}

const withFields = (contact: ContactView, fields: ReadonlyMap<string, Record<string, string>>): ContactView => {
  const own = fields.get(contact.phone);
  return own ? { ...contact, fields: own } : contact;
};

/** Removes a contact from a tag in the registry; false when it was not there. */
export function removeContact(db: Db, tagId: number, phone: string): boolean {
  return db.prepare('DELETE FROM contacts WHERE tag_id = ? AND phone = ?').run(tagId, phone).changes > 0;
}

/** A tag's contacts in pages (for the CSV export): name, number, whether opted out, its fields. */
export function* tagContacts(db: Db, tagId: number): Generator<ContactView> {
  const optedOut = suppressionLookup(db);
  const page = db.prepare(
    'SELECT phone, name, contact_id AS contactId, added_at AS addedAt FROM contacts WHERE tag_id = ? AND phone > ? ORDER BY phone LIMIT 1000',
  );
  for (let after = ''; ;) {
    const rows = page.all(tagId, after) as ContactView[];
    if (rows.length === 0) return;
    const fields = fieldsOf(
      db,
      tagId,
      rows.map((r) => r.phone),
    );
    for (const row of rows) yield withFields({ ...row, optedOut: optedOut?.has(row.phone) ?? false }, fields);
    after = rows[rows.length - 1]!.phone;
  }
}

export function listContacts(
  db: Db,
  query: { tagId: number; search?: string | undefined; offset: number; limit: number },
): { rows: ContactView[]; total: number; fields: TagFieldView[] } {
  const search = query.search?.trim() ?? '';
  const where = search ? `tag_id = ? AND (phone LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')` : 'tag_id = ?';
  // People type numbers with spaces and dashes; the registry holds E.164.
  const digits = search.replace(/[\s().-]/g, '');
  const params = search ? [query.tagId, likeText(digits || search), likeText(search)] : [query.tagId];
  const total = db
    .prepare(`SELECT COUNT(*) FROM contacts WHERE ${where}`)
    .pluck()
    .get(...params) as number;
  const rows = db
    .prepare(
      `SELECT phone, name, contact_id AS contactId, added_at AS addedAt FROM contacts WHERE ${where} ORDER BY phone LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit, query.offset) as ContactView[];
  const optedOut = suppressionLookup(db);
  const fields = fieldsOf(
    db,
    query.tagId,
    rows.map((r) => r.phone),
  );
  return {
    rows: rows.map((row) => withFields({ ...row, optedOut: optedOut?.has(row.phone) ?? false }, fields)),
    total,
    fields: tagFieldNames(db, [query.tagId]),
  };
}

// ---- column mappings ------------------------------------------------------------------------------------

/** The columns the user chose for files with this header set: every phone column, every name column, the fields kept. */
export interface RememberedMapping {
  phones: number[];
  /** Empty: no name column. */
  names: number[];
  /** The columns kept as fields; null: the default (every other column with a value). */
  kept: number[] | null;
}

const columnList = (json: string | null): number[] | null => {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) && value.every((n) => Number.isInteger(n) && n >= 0) ? (value as number[]) : null;
  } catch {
    return null;
  }
};

export function rememberedMapping(db: Db, headerKey: string): RememberedMapping | null {
  if (!headerKey) return null;
  const row = db
    .prepare(
      'SELECT phone_column AS phone, name_column AS name, phone_columns AS phones, name_columns AS names, kept_fields AS kept FROM contact_mappings WHERE header_key = ?',
    )
    .get(headerKey) as { phone: number; name: number | null; phones: string | null; names: string | null; kept: string | null } | undefined;
  if (!row) return null;
  // Mappings remembered before several columns were kept have one of each.
  const phones = columnList(row.phones) ?? [row.phone];
  const names = columnList(row.names) ?? (row.name === null ? [] : [row.name]);
  return { phones: phones.length > 0 ? phones : [row.phone], names, kept: columnList(row.kept) };
}

export function rememberMapping(
  db: Db,
  headerKey: string,
  mapping: { phones: readonly number[]; names: readonly number[]; kept?: readonly number[] | null },
  now: number,
): void {
  if (!headerKey || mapping.phones.length === 0) return;
  db.prepare(
    `INSERT INTO contact_mappings (header_key, phone_column, name_column, phone_columns, name_columns, kept_fields, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (header_key) DO UPDATE SET phone_column = excluded.phone_column, name_column = excluded.name_column,
       phone_columns = excluded.phone_columns, name_columns = excluded.name_columns, kept_fields = excluded.kept_fields, updated_at = excluded.updated_at`,
  ).run(
    headerKey,
    mapping.phones[0],
    mapping.names[0] ?? null,
    JSON.stringify(mapping.phones),
    JSON.stringify(mapping.names),
    mapping.kept ? JSON.stringify(mapping.kept) : null,
    now,
  );
}

/** Whether a remembered mapping fits a file of this many columns and differs from what was found. */
export function rememberedDiffers(
  remembered: RememberedMapping,
  mapping: { phones: readonly number[]; names: readonly number[] },
  columns: number,
): boolean {
  const fits = [...remembered.phones, ...remembered.names, ...(remembered.kept ?? [])].every((c) => c < columns);
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  return fits && !(same(remembered.phones, mapping.phones) && same(remembered.names, mapping.names));
}

// ---- imports --------------------------------------------------------------------------------------------

export interface ImportRecord {
  jobId: number;
  fileName: string;
  fileSize: number;
  contentHash: string;
  tag: { id: number; title: string };
  counts: Pick<ImportCounts, 'rows' | 'valid' | 'invalid' | 'duplicates' | 'landlines'>;
}

const INSERT_IMPORT = `INSERT INTO contact_imports (job_id, file_name, file_size, content_hash, tag_id, tag_title, rows, valid, invalid,
  duplicates, landlines, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function insertArgs(record: ImportRecord, now: number) {
  const c = record.counts;
  return [
    record.jobId,
    record.fileName,
    record.fileSize,
    record.contentHash,
    record.tag.id,
    record.tag.title,
    c.rows,
    c.valid,
    c.invalid,
    c.duplicates,
    c.landlines,
    now,
  ];
}

/** Once per job (a resume finds it there). */
export function recordImport(db: Db, record: ImportRecord, now: number): void {
  db.prepare(`${INSERT_IMPORT} ON CONFLICT (job_id) DO NOTHING`).run(...insertArgs(record, now));
}

/** The upload's outcome, written when the job ends (again after a resume). */
export function finishImport(
  db: Db,
  record: ImportRecord,
  counts: Pick<ImportCounts, 'imported' | 'inTag' | 'optedOut' | 'failed' | 'unknown'>,
  now: number,
): void {
  db.transaction(() => {
    recordImport(db, record, now);
    db.prepare(
      'UPDATE contact_imports SET imported = ?, in_tag = ?, opted_out = ?, failed = ?, unknown = ?, finished_at = ? WHERE job_id = ?',
    ).run(counts.imported, counts.inTag, counts.optedOut, counts.failed, counts.unknown, now, record.jobId);
  })();
}

interface ImportRow {
  id: number;
  job_id: number;
  state: JobState | null;
  file_name: string;
  file_size: number;
  tag_id: number;
  tag_title: string;
  rows: number;
  valid: number;
  invalid: number;
  duplicates: number;
  landlines: number;
  imported: number;
  in_tag: number;
  opted_out: number;
  failed: number;
  unknown: number;
  created_at: number;
  finished_at: number | null;
  report_rows: number | null;
}

export function listImports(db: Db, limit: number): ImportView[] {
  const rows = db
    .prepare(
      `SELECT i.*, j.state, r.rows AS report_rows FROM contact_imports i LEFT JOIN jobs j ON j.id = i.job_id
       LEFT JOIN contact_import_reports r ON r.job_id = i.job_id ORDER BY i.created_at DESC, i.id DESC LIMIT ?`,
    )
    .all(limit) as ImportRow[];
  return rows.map((r) => ({
    id: r.id,
    jobId: r.job_id,
    state: r.state,
    fileName: r.file_name,
    size: r.file_size,
    tag: { id: r.tag_id, title: r.tag_title },
    counts: {
      rows: r.rows,
      valid: r.valid,
      invalid: r.invalid,
      duplicates: r.duplicates,
      landlines: r.landlines,
      imported: r.imported,
      inTag: r.in_tag,
      optedOut: r.opted_out,
      failed: r.failed,
      unknown: r.unknown,
    },
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    reportRows: r.report_rows,
  }));
}

/** The import job of a history row (null: no such import). */
export function importJobId(db: Db, importId: number): { jobId: number; fileName: string } | null {
  const row = db.prepare('SELECT job_id AS jobId, file_name AS fileName FROM contact_imports WHERE id = ?').get(importId) as
    { jobId: number; fileName: string } | undefined;
  return row ?? null;
}
