import type { Db } from './index';

// The account's small key-value table (named campaign_meta for history: migration 3 made it for campaigns).
// Cursors and marks that belong to no single row live here: the customerid cursor, the opt-out check's
// cursor, when a campaign's phone last reported. Each user names its keys with its own prefix.

export function metaGet(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM campaign_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function metaSet(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO campaign_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
