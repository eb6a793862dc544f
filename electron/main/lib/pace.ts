// Pacing long work on the main thread, and commits that may skip their fsync.

/**
 * The main thread's CPU time in ms (the clock where the runtime cannot tell). Long work measures its pace in
 * CPU time: on a busy machine the clock also counts the time the OS gave to other processes, which would
 * shrink every slice to a few rows and multiply the commits (each has a fixed cost).
 */
export const threadCpuMs: () => number =
  typeof process.threadCpuUsage === 'function'
    ? () => {
        const used = process.threadCpuUsage();
        return (used.user + used.system) / 1000;
      }
    : () => performance.now();

/** What relaxedCommits needs of a better-sqlite3 connection. */
export interface SynchronousSetting {
  readonly inTransaction: boolean;
  pragma(source: string, options: { simple: true }): unknown;
  exec(source: string): unknown;
}

/**
 * Runs `write` (its own transactions) with `synchronous = NORMAL`: in WAL mode its commits skip the fsync
 * that FULL pays on each (~2 ms), and a power cut may lose them but never tear one. Only for data that can
 * be rebuilt (the history mirror, a job's plan before it is marked planned). The setting is restored at
 * once, and the next FULL commit (a journaled intent…) syncs the log with these commits in it.
 */
export function relaxedCommits<T>(db: SynchronousSetting, write: () => T): T {
  if (db.inTransaction) return write(); // the setting cannot change inside a transaction
  const previous = db.pragma('synchronous', { simple: true }) as number;
  if (previous <= 1) return write();
  // exec, not a prepared statement: SQLite applies a PRAGMA's value when the statement is compiled.
  db.exec('PRAGMA synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.exec(`PRAGMA synchronous = ${previous}`);
  }
}
