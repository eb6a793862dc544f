import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { storageFault, unwritableFault } from './faults';
import { migrate, MIGRATIONS } from './migrations';
import type { Migration } from './migrations';

// The account's local database: one SQLite file per account, so two accounts (or the practice sandbox and a
// real account) never mix. Two processes share a file (the app and the `relay` CLI): WAL lets readers and one
// writer work together, and busy_timeout makes a writer wait for the other instead of failing at once.

export type Db = Database.Database;
export { migrate, MIGRATIONS, DatabaseTooNewError } from './migrations';
export { storageFault, isStorageFault, isTransientStorageFault } from './faults';
export type { StorageFaultCode } from './faults';
export type { Migration } from './migrations';

export interface AccountRef {
  server: string;
  email: string;
  sandbox: boolean;
}

export interface OpenAccountOptions {
  dataDir: string;
  account: AccountRef;
  /** How long a write waits for another process's write to finish before failing (ms). */
  busyTimeoutMs?: number;
  /** For tests of migrations; the app always uses MIGRATIONS. */
  migrations?: readonly Migration[];
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

function slug(text: string, max: number): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned.slice(0, max).replace(/-+$/g, '') || 'x';
}

/** The server as the user would mean it: scheme and host case, a trailing slash and a default port do not matter. */
function normaliseServer(server: string): string {
  try {
    const url = new URL(server.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return server.trim().toLowerCase();
  }
}

function hostOf(server: string): string {
  try {
    return new URL(server.trim()).hostname;
  } catch {
    return server;
  }
}

/**
 * The account's file name: readable (email and host) for whoever looks in the folder, plus a hash of the exact
 * identity so two accounts never share a file. The sandbox listens on a new port each start, so its name
 * leaves the server out.
 */
export function accountFileName(account: AccountRef): string {
  const email = account.email.trim().toLowerCase();
  const server = account.sandbox ? 'sandbox' : normaliseServer(account.server);
  const digest = createHash('sha256')
    .update(JSON.stringify([server, email, account.sandbox]))
    .digest('hex')
    .slice(0, 16);
  const readable = account.sandbox ? `sandbox-${slug(email, 40)}` : `${slug(email, 40)}-${slug(hostOf(account.server), 40)}`;
  return `${readable}-${digest}.sqlite`;
}

/**
 * Every transaction on an account database is IMMEDIATE: it takes the write lock when it begins. Two processes
 * share the file (the app and `relay`), and a deferred transaction that reads and then writes cannot wait for
 * the other writer: SQLite fails it at once with SQLITE_BUSY (its snapshot went stale), whatever busy_timeout
 * says. An IMMEDIATE one waits its turn at BEGIN, so check-then-insert is one atomic step across processes.
 * `.deferred()` stays available for read-only transactions that want a consistent snapshot.
 */
function immediateByDefault(db: Db): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const tx = transaction(fn);
    const run = (...args: never[]) => tx.immediate(...args);
    return Object.assign(run, { default: tx.immediate, deferred: tx.deferred, immediate: tx.immediate, exclusive: tx.exclusive });
  }) as Db['transaction'];
}

function configure(db: Db, busyTimeoutMs: number): void {
  immediateByDefault(db);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.pragma('journal_mode = WAL');
  // FULL: a journaled intent must survive a power cut, or a step could be sent again after it.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Statement journals (every trigger-touched upsert makes one) in memory, not temp files: the mirror's
  // triggers (inbox summaries) cost about half as much per row.
  db.pragma('temp_store = MEMORY');
}

/** Opens (creating if needed) the account's file under `<dataDir>/accounts/` and brings its schema up to date. */
export function openAccountDatabase(options: OpenAccountOptions): Db {
  const dir = join(options.dataDir, 'accounts');
  const file = join(dir, accountFileName(options.account));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw storageFault(err, file) ?? unwritableFault(file);
  }
  return openDatabaseFile(file, options);
}

/** Opens a database file by path (tests, tools); the app uses openAccountDatabase. */
export function openDatabaseFile(path: string, options: { busyTimeoutMs?: number; migrations?: readonly Migration[] } = {}): Db {
  let db: Db;
  try {
    db = new Database(path);
  } catch (err) {
    throw storageFault(err, path) ?? err;
  }
  try {
    configure(db, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
    migrate(db, options.migrations ?? MIGRATIONS);
    // A damaged file can open and migrate (nothing to do) and fail only on the first real read: check now.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db.close();
    // A full disk, a read-only folder, a damaged or too-new file: one sentence naming the file.
    throw storageFault(err, path) ?? err;
  }
  return db;
}

/** A private in-memory database with the full schema, for tests. */
export function openMemoryDatabase(options: { migrations?: readonly Migration[] } = {}): Db {
  const db = new Database(':memory:');
  immediateByDefault(db);
  db.pragma('foreign_keys = ON');
  migrate(db, options.migrations ?? MIGRATIONS);
  return db;
}

/** Closes the file; safe to call twice. WAL is folded back into the main file when the last connection closes. */
export function closeDatabase(db: Db): void {
  if (db.open) db.close();
}
