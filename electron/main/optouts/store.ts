import type { SuppressionEntry } from '../../../shared/ipc';
import type { Db } from '../db';
import { phoneKey } from '../lib/phone-key';

// The opt-out (suppression) list: numbers that asked not to get messages, by reply or by hand. Matched by
// digits, because the gateway may write a number with or without "+".

/** A lookup by digits (the gateway may write a number with or without "+"). */
export function suppressionLookup(db: Db): { has(phone: string): boolean; size: number } {
  const keys = new Set<string>();
  // Entries kept as written nationally ("11987654321", "011987654321": a reply read before its country was
  // known) match any recipient whose number ends with those digits after a 1–3 digit country code.
  const national = new Set<string>();
  for (const row of db.prepare('SELECT phone FROM suppression').iterate() as IterableIterator<{ phone: string }>) {
    const key = phoneKey(row.phone);
    keys.add(key);
    if (!/^\s*(\+|00)/.test(row.phone)) national.add(key.replace(/^0+/, ''));
  }
  const nationally = (key: string) => national.size > 0 && [1, 2, 3].some((cc) => national.has(key.slice(cc)));
  return { has: (phone) => keys.has(phoneKey(phone)) || nationally(phoneKey(phone)), size: keys.size };
}

/**
 * The same lookup, or null on a database without the opt-out table (nothing is opted out there): what the contacts
 * screens ask, so only this module knows the table's name.
 */
export function suppressionLookupIfKept(db: Db): ReturnType<typeof suppressionLookup> | null {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'suppression'").pluck().get();
  return exists === undefined ? null : suppressionLookup(db);
}

export function addSuppressed(
  db: Db,
  entries: { phone: string; source: 'reply' | 'manual'; keyword?: string | null }[],
  now: number,
): number {
  const insert = db.prepare(
    'INSERT INTO suppression (phone, source, keyword, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (phone) DO NOTHING',
  );
  let added = 0;
  db.transaction(() => {
    for (const e of entries) added += insert.run(e.phone, e.source, e.keyword ?? null, now).changes;
  })();
  return added;
}

export function removeSuppressed(db: Db, phones: string[], now: number = Date.now()): number {
  const remove = db.prepare('DELETE FROM suppression WHERE phone = ?');
  // Remembered by digits: a STOP older than this decision, read again by the opt-out check, does not put it back.
  const note = db.prepare(
    'INSERT INTO suppression_removed (phone_key, removed_at) VALUES (?, ?) ON CONFLICT (phone_key) DO UPDATE SET removed_at = excluded.removed_at',
  );
  let removed = 0;
  db.transaction(() => {
    for (const phone of phones) {
      const changes = remove.run(phone).changes;
      removed += changes;
      if (changes > 0) note.run(phoneKey(phone), now);
    }
  })();
  return removed;
}

/** The list's entries for these numbers (by digits), with the reply that opted each out. */
export function suppressionEntries(db: Db, phones: readonly string[]): Map<string, SuppressionEntry> {
  const wanted = new Set(phones.map(phoneKey));
  const found = new Map<string, SuppressionEntry>();
  if (wanted.size === 0) return found;
  for (const row of db
    .prepare('SELECT phone, source, keyword, reply, reply_at AS replyAt, added_at AS addedAt FROM suppression')
    .iterate() as IterableIterator<SuppressionEntry>) {
    const key = phoneKey(row.phone);
    if (wanted.has(key)) found.set(key, row);
  }
  return found;
}

export function listSuppressed(
  db: Db,
  query: { search?: string | undefined; offset: number; limit: number },
): { rows: SuppressionEntry[]; total: number } {
  const like = `%${(query.search ?? '').replace(/[\s%_]/g, '')}%`;
  const total = (db.prepare('SELECT COUNT(*) AS n FROM suppression WHERE phone LIKE ?').get(like) as { n: number }).n;
  const rows = db
    .prepare(
      'SELECT phone, source, keyword, reply, reply_at AS replyAt, added_at AS addedAt FROM suppression WHERE phone LIKE ? ORDER BY added_at DESC, phone LIMIT ? OFFSET ?',
    )
    .all(like, query.limit, query.offset) as SuppressionEntry[];
  return { rows, total };
}
