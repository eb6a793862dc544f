import type { Statement } from 'better-sqlite3';
import type { Db } from '../db';

// Names for numbers, from the contacts registry (the tags imported here): what the inbox and the Messages
// table show beside a number. A number in several tags takes the name it was given most recently.

/** The digits of a number: "+55 (11) 98765-4321" → "5511987654321". */
const digitsOf = (phone: string): string => phone.replace(/\D+/g, '');

const statements = new WeakMap<Db, Statement>();
/** Prepared once per connection: an export asks once per page of a million rows. */
function namesStatement(db: Db): Statement {
  let statement = statements.get(db);
  if (!statement) {
    statement = db.prepare(
      `SELECT phone, name FROM contacts WHERE phone IN (SELECT value FROM json_each(?)) AND name <> '' ORDER BY added_at, tag_id`,
    );
    statements.set(db, statement);
  }
  return statement;
}

/**
 * Names by the numbers' digits, for at most a page of numbers (one indexed read). Numbers are matched in
 * E.164 ("+" and the digits), as the registry keeps them; numbers without a name are absent from the map.
 */
export function contactNames(db: Db, phones: Iterable<string>): Map<string, string> {
  const wanted = new Set<string>();
  for (const phone of phones) {
    const digits = digitsOf(phone);
    if (digits !== '') wanted.add(`+${digits}`);
  }
  const names = new Map<string, string>();
  if (wanted.size === 0) return names;
  const rows = namesStatement(db).all(JSON.stringify([...wanted])) as { phone: string; name: string }[];
  for (const row of rows) names.set(digitsOf(row.phone), row.name.trim());
  return names;
}
