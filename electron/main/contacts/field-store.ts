import type { TagFieldView } from '../../../shared/ipc/contacts';
import type { Db } from '../db';
import { MAX_FIELD_CHARS, type KeptField } from './fields';

// The registry's contact fields (contact_fields, contact_field_names): written by imports and by the Contacts
// screen's edit, read by the contacts list, the tag export and — through members.ts — campaigns to a tag.

/** The tag's fields in the order they first came, with the header each came from. */
export function tagFieldNames(db: Db, tagIds: readonly number[]): TagFieldView[] {
  const select = db.prepare('SELECT key, header FROM contact_field_names WHERE tag_id = ? ORDER BY position, key');
  const out: TagFieldView[] = [];
  const seen = new Set<string>();
  for (const tagId of tagIds) {
    for (const row of select.all(tagId) as TagFieldView[]) {
      if (seen.has(row.key)) continue;
      seen.add(row.key);
      out.push(row);
    }
  }
  return out;
}

/** Records an import's kept fields as the tag's (a key the tag has keeps its first header and place). */
export function rememberTagFields(db: Db, tagId: number, fields: readonly Pick<KeptField, 'key' | 'header'>[]): void {
  if (fields.length === 0) return;
  const insert = db.prepare(
    `INSERT INTO contact_field_names (tag_id, key, header, position)
     VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM contact_field_names WHERE tag_id = ?))
     ON CONFLICT (tag_id, key) DO NOTHING`,
  );
  db.transaction(() => {
    for (const field of fields) insert.run(tagId, field.key, field.header, tagId);
  })();
}

/** Adds or replaces these values of a contact (the others it has stay). The contact must be in the tag. */
export function saveContactFields(db: Db, tagId: number, phone: string, values: Readonly<Record<string, string>>): void {
  const upsert = db.prepare(
    'INSERT INTO contact_fields (tag_id, phone, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (tag_id, phone, key) DO UPDATE SET value = excluded.value',
  );
  for (const [key, raw] of Object.entries(values)) {
    const value = raw.trim().slice(0, MAX_FIELD_CHARS);
    if (value !== '') upsert.run(tagId, phone, key, value);
  }
}

/** The contact's fields as edited by hand: the tag's keys given empty are removed, others set. */
export function editContactFields(db: Db, tagId: number, phone: string, values: Readonly<Record<string, string>>): void {
  const known = new Set(tagFieldNames(db, [tagId]).map((f) => f.key));
  const remove = db.prepare('DELETE FROM contact_fields WHERE tag_id = ? AND phone = ? AND key = ?');
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!known.has(key)) continue;
    if (value.trim() === '') remove.run(tagId, phone, key);
    else set[key] = value;
  }
  saveContactFields(db, tagId, phone, set);
}

/** The fields of these contacts of a tag (a page of the list), by phone. */
export function fieldsOf(db: Db, tagId: number, phones: readonly string[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  if (phones.length === 0) return out;
  const rows = db
    .prepare(`SELECT phone, key, value FROM contact_fields WHERE tag_id = ? AND phone IN (${phones.map(() => '?').join(', ')})`)
    .all(tagId, ...phones) as { phone: string; key: string; value: string }[];
  for (const row of rows) {
    let fields = out.get(row.phone);
    if (!fields) out.set(row.phone, (fields = {}));
    fields[row.key] = row.value;
  }
  return out;
}
