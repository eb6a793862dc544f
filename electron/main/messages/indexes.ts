import { availableParallelism } from 'node:os';
import type { Db } from '../db';
import { buildDigitsIndexAndSettle, CREATE_MESSAGES_BY_DIGITS } from '../inbox';
import { MESSAGES_MIGRATION_SQL } from './schema';

// A big first sync (months of history, up to a million messages: more than the mirror holds) writes its rows without
// most of the mirror's indexes and builds them once at its end: kept up row by row, each index puts every
// row on another page (the number's index at one of thousands of places), and at a million rows that upkeep
// was most of the sync (measured 300k rows: 10.4 s of the writer's CPU with every index, 5.1 s with the two
// kept here); building an index from the finished table is one sort.
//
// Kept while the sync writes: messages_by_created (the Messages table's default order, and cheap: rows come
// in time order). messages_by_digits goes too, last built: the inbox upkeep reads each replying number's
// newest message by it, so while it is missing the conversations' newest messages wait for it, and building
// it settles them in the same transaction (inbox/upkeep.ts). At a million messages that index and that
// upkeep were half of the writer's work (35.7 → 18.0 s CPU, measured with the history bench).
// A sync stopped half-way (a crash, a quit) leaves the indexes missing, which is how the next sync knows to
// go on without them and to build them when it ends. The definitions are read from the migrations that made
// them (test/integration/messages-sync-thread.test.ts compares the result with a freshly migrated file).

const DEFERRED = [
  'messages_by_status',
  'messages_by_device',
  'messages_by_sim',
  'messages_by_customer',
  'messages_by_paket',
  'messages_by_sent',
  'messages_by_send_at',
  'messages_by_send_to',
  'messages_by_change',
];

/** The indexes a first sync builds at its end, as their migrations created them (their text, to the spaces); the number's last. */
export const DEFERRED_INDEXES: readonly { name: string; sql: string }[] = [
  ...DEFERRED.map((name) => {
    const sql = new RegExp(`CREATE INDEX ${name} [^;]*`).exec(MESSAGES_MIGRATION_SQL)?.[0];
    if (!sql) throw new Error(`messages/schema.ts has no index ${name}`);
    return { name, sql: sql.trimEnd() };
  }),
  { name: 'messages_by_digits', sql: CREATE_MESSAGES_BY_DIGITS },
];

/** The deferred indexes this file lacks (a first sync under way, or stopped before it built them). */
export function missingIndexes(db: Db): string[] {
  const present = new Set(
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'`).pluck().all() as string[],
  );
  return DEFERRED_INDEXES.filter((index) => !present.has(index.name)).map((index) => index.name);
}

/** Drops the deferred indexes (in the caller's transaction, or one of its own). */
export function dropDeferredIndexes(db: Db): void {
  db.transaction(() => {
    for (const index of DEFERRED_INDEXES) db.exec(`DROP INDEX IF EXISTS ${index.name}`);
  })();
}

/**
 * Builds the deferred indexes the file lacks, each in its own transaction (a build stopped half-way keeps the
 * ones done). Returns how many it built.
 */
export function buildDeferredIndexes(db: Db): number {
  const missing = new Set(missingIndexes(db));
  if (missing.size === 0) return 0;
  // The sort spills to a file, not to memory (db/index.ts sets temp_store = MEMORY): at a million rows the
  // number's index held ~60 MB of keys in the process while it was built.
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = FILE');
  // The sort's runs on helper threads: nothing else is left to do at the end of the sync (a million rows' nine
  // builds: 5.1 s → 3.7 s of the writer's own CPU, measured with the history bench).
  db.pragma(`threads = ${Math.max(1, Math.min(4, availableParallelism() - 1))}`);
  try {
    for (const index of DEFERRED_INDEXES) {
      if (!missing.has(index.name)) continue;
      if (index.name === 'messages_by_digits') buildDigitsIndexAndSettle(db);
      else db.transaction(() => db.exec(index.sql))();
    }
  } finally {
    db.pragma(`temp_store = ${tempStore}`);
    db.pragma('threads = 0');
  }
  return missing.size;
}
