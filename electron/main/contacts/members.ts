import type { TagFieldView } from '../../../shared/ipc/contacts';
import type { Db } from '../db';
import { tagFieldNames } from './field-store';

// What other capabilities ask about a tag's contacts (campaigns to a tag): its members with their kept fields,
// and the fields it offers as placeholders. Contacts owns these tables; nobody else queries them.

export interface TagMember {
  phone: string;
  name: string;
  /** Kept fields with a value (key → value); a field the contact has no value for is absent. */
  fields: Record<string, string>;
}

/** The tag's title, or null when the registry does not know it. */
export function tagTitle(db: Db, tagId: number): string | null {
  const row = db.prepare('SELECT title FROM contact_tags WHERE id = ?').get(tagId) as { title: string } | undefined;
  return row?.title ?? null;
}

/** The fields the tags' contacts have (each key once, in the order they came): the placeholders they offer. */
export function tagFields(db: Db, tagIds: readonly number[]): TagFieldView[] {
  return tagFieldNames(db, tagIds);
}

/** A tag's contacts in the order they were added, each with its fields (one query: a tag may hold 100k). */
export function* tagMembers(db: Db, tagId: number): Generator<TagMember> {
  const rows = db
    .prepare(
      `SELECT c.phone, c.name, f.key, f.value FROM contacts c
       LEFT JOIN contact_fields f ON f.tag_id = c.tag_id AND f.phone = c.phone
       WHERE c.tag_id = ? ORDER BY c.added_at, c.phone`,
    )
    .iterate(tagId) as IterableIterator<{ phone: string; name: string; key: string | null; value: string | null }>;
  let current: TagMember | null = null;
  for (const row of rows) {
    if (!current || current.phone !== row.phone) {
      if (current) yield current;
      current = { phone: row.phone, name: row.name, fields: {} };
    }
    if (row.key !== null && row.value !== null) current.fields[row.key] = row.value;
  }
  if (current) yield current;
}

/** The oldest tag with this title (any case), or null. */
export function tagIdByTitle(db: Db, title: string): number | null {
  const row = db.prepare('SELECT id FROM contact_tags WHERE title = ? COLLATE NOCASE ORDER BY id LIMIT 1').get(title) as
    { id: number } | undefined;
  return row?.id ?? null;
}

/** A tag's contacts (number and name only) in the order they were added: what a newsletter reaches. */
export function tagPeople(db: Db, tagId: number): { phone: string; name: string }[] {
  return db.prepare('SELECT phone, name FROM contacts WHERE tag_id = ? ORDER BY added_at, phone').all(tagId) as {
    phone: string;
    name: string;
  }[];
}
