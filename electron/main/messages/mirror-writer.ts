import { openDatabaseFile } from '../db';
import type { Db } from '../db';
import type { Message } from '../../../shared/domain';
import { buildDeferredIndexes, dropDeferredIndexes } from './indexes';
import { messageStore } from './store';
import type { UpsertResult } from './store';
import type { RecordedWindow } from './windows';

// A big sync's writes on the mirror's thread (reader-worker.ts): its own connection, and replies that arrive
// one after the other share a transaction. A commit costs about as much as a few hundred rows (the number
// indexes put each row on another page, and every page a transaction touched goes to the log again): at a
// million messages, writes of 20,000 rows a commit took ~35% less CPU than 1,000 (measured 300k rows, load ~15).
//
// The transaction is committed as soon as no write waits (the next turn of this thread's loop finds none),
// or once it holds COMMIT_ROWS rows, or when the sync says it is done (flush). So the write lock is held only
// while the sync keeps this thread busy: a write by the window's thread (marking a conversation read) waits
// at most about COMMIT_ROWS rows' time. A window's record stays in the transaction of its rows, as on the
// window's thread; a crash loses both, and the window is read again.

/**
 * Pages kept at hand: the number indexes take each row at a different place, and SQLite's default is 2 MB.
 * Bounded by the process's memory (the history bench's peak RSS stays under 500 MB at a million).
 */
const CACHE_KB = 16 * 1024;
/** The cache while the deferred indexes are left out (indexes.ts), and while they are built (the sort's memory). */
const BULK_CACHE_KB = 4 * 1024;
/** WAL pages before a commit copies them back into the file: each sync commit adds hundreds. */
const CHECKPOINT_PAGES = 4_096;
/** Most rows one transaction holds before it commits, writes still waiting or not. */
const COMMIT_ROWS = 5_000;

export class MirrorWriter {
  private db: Db | null = null;
  private rows = 0;
  private commitQueued = false;

  constructor(private readonly path: string) {}

  private connection(): Db {
    if (!this.db) {
      const db = openDatabaseFile(this.path);
      db.pragma(`cache_size = -${CACHE_KB}`);
      db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
      // Only the mirror is written here, and it can be read again from the gateway (see relaxedCommits).
      db.pragma('synchronous = NORMAL');
      this.db = db;
    }
    return this.db;
  }

  write(messages: Message[], now: number, maxChanges: number, window: RecordedWindow | null): UpsertResult {
    const db = this.connection();
    if (!db.inTransaction) {
      db.exec('BEGIN IMMEDIATE');
      // Written once at the commit (flush) rather than by every write: no one else writes while this holds the lock.
      messageStore(db).holdConversations();
    }
    // A nested transaction (a savepoint): a write that fails takes back only its own rows.
    const result = messageStore(db).upsertWindowRows(messages, now, maxChanges, window);
    this.rows += messages.length;
    if (this.rows >= COMMIT_ROWS) this.flush();
    else if (!this.commitQueued) {
      this.commitQueued = true;
      setImmediate(() => {
        this.commitQueued = false;
        this.flush();
      });
    }
    return result;
  }

  flush(): void {
    const db = this.db;
    if (!db?.inTransaction) return;
    try {
      messageStore(db).releaseConversations();
    } catch (error) {
      // Rows without their conversations must not commit: all goes back, windows included (read again).
      db.exec('ROLLBACK');
      this.rows = 0;
      messageStore(db).outerRolledBack();
      throw error;
    }
    db.exec('COMMIT');
    this.rows = 0;
    messageStore(db).outerCommitted();
  }

  /** Drops the indexes a first sync builds at its end (indexes.ts). */
  deferIndexes(): void {
    this.flush();
    const db = this.connection();
    dropDeferredIndexes(db);
    // Two indexes left to keep up: a smaller cache does (a million-message first sync peaked near 500 MB).
    db.pragma(`cache_size = -${BULK_CACHE_KB}`);
  }

  /** Builds the deferred indexes this file lacks; how many. */
  buildIndexes(): number {
    this.flush();
    const db = this.connection();
    db.pragma(`cache_size = -${BULK_CACHE_KB}`);
    try {
      return buildDeferredIndexes(db);
    } finally {
      db.pragma(`cache_size = -${CACHE_KB}`);
    }
  }

  close(): void {
    this.flush();
    this.db?.close();
    this.db = null;
  }
}
