import type { Database } from 'better-sqlite3';
import { AppFailure } from '../../../shared/errors';
import { CAMPAIGNS_MIGRATION_SQL, CAMPAIGN_HOLD_SQL } from '../campaigns/schema';
import { NEWSLETTERS_ONCE_MIGRATION_SQL } from '../newsletters/schema';
import { OPT_OUT_SYNC_SQL } from '../optouts/schema';
import { CONTACTS_FIELDS_MIGRATION_SQL, CONTACTS_MIGRATION_SQL, CONTACTS_REPORTS_MIGRATION_SQL } from '../contacts/schema';
import { INBOX_MIGRATION_SQL, INBOX_UPKEEP_MIGRATION_SQL } from '../inbox/schema';
import { MESSAGES_MIGRATION_SQL, MESSAGES_TALLIES_MIGRATION_SQL } from '../messages/schema';

// The account database's schema, as an ordered list of pure SQL steps. `PRAGMA user_version` records the last
// step applied. To add tables for a capability, append a step with the next version number; never edit or
// reorder a step that has shipped (files in the field were built by it). A capability may keep its SQL in its
// own folder and import it here, so this list stays the one place that orders them.

export interface Migration {
  /** 1, 2, 3… with no gaps: the value `user_version` takes once this step is applied. */
  version: number;
  /** What the step adds, for logs and errors. */
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'job tables',
    sql: `
      CREATE TABLE jobs (
        id              INTEGER PRIMARY KEY,
        kind            TEXT    NOT NULL,
        title           TEXT    NOT NULL,
        input           TEXT    NOT NULL,                  -- JSON handed to the kind's plan and steps
        writes          INTEGER NOT NULL CHECK (writes IN (0, 1)),
        state           TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'needs-attention',
                                                          'interrupted', 'done', 'failed', 'cancelled')),
        planned         INTEGER NOT NULL DEFAULT 0,        -- 1 once every step is inserted
        total           INTEGER NOT NULL DEFAULT 0,
        done_count      INTEGER NOT NULL DEFAULT 0,        -- counters kept with each step change: no COUNT(*)
        failed_count    INTEGER NOT NULL DEFAULT 0,        --   over a million rows per progress event
        unknown_count   INTEGER NOT NULL DEFAULT 0,
        error           TEXT,
        summary         TEXT,                              -- JSON from the kind's finish hook
        dedupe_key      TEXT,                              -- the same work started again resumes this job
        lock_owner      TEXT,                              -- the process running it (owner id) …
        lock_expires_at INTEGER,                           -- … until then, unless its heartbeat renews it
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
      );
      CREATE INDEX jobs_by_state ON jobs (state);
      CREATE INDEX jobs_by_dedupe_key ON jobs (kind, dedupe_key) WHERE dedupe_key IS NOT NULL;

      CREATE TABLE job_steps (
        job_id     INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,                       -- plan order, from 0
        key        TEXT    NOT NULL,                       -- the kind's name for the step, unique in its job
        payload    TEXT    NOT NULL,                       -- JSON
        state      TEXT    NOT NULL DEFAULT 'pending'
                           CHECK (state IN ('pending', 'intent', 'done', 'failed', 'unknown')),
        attempts   INTEGER NOT NULL DEFAULT 0,             -- how many times its request was about to leave
        error      TEXT,
        result     TEXT,                                   -- JSON from the step (an id the gateway gave…)
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (job_id, seq)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX job_steps_by_key ON job_steps (job_id, key);
      CREATE INDEX job_steps_by_state ON job_steps (job_id, state, seq);
    `,
  },
  {
    version: 2,
    name: 'job decisions',
    // What the user decided about a job (resume a write job, send unknown steps again, dismiss them, cancel):
    // sending something twice must be traceable to a choice someone made.
    sql: `
      CREATE TABLE job_decisions (
        id       INTEGER PRIMARY KEY,
        job_id   INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        decision TEXT    NOT NULL CHECK (decision IN ('resume', 'pause', 'cancel', 'retry-unknown', 'dismiss-unknown')),
        steps    INTEGER NOT NULL DEFAULT 0,               -- how many steps the decision changed
        at       INTEGER NOT NULL
      );
      CREATE INDEX job_decisions_by_job ON job_decisions (job_id);
    `,
  },
  {
    version: 3,
    name: 'message history mirror',
    sql: MESSAGES_MIGRATION_SQL,
  },
  {
    version: 4,
    name: 'campaigns registry',
    sql: CAMPAIGNS_MIGRATION_SQL,
  },
  {
    version: 5,
    name: 'contacts registry',
    sql: CONTACTS_MIGRATION_SQL,
  },
  {
    version: 6,
    name: 'messages: when the mirror saw a delivery',
    // The API gives no delivery time: the mirror notes when it saw a known message move to delivered (7).
    sql: `ALTER TABLE messages ADD COLUMN delivered_seen_at INTEGER;`,
  },
  {
    version: 7,
    name: 'contacts: each import keeps its report',
    sql: CONTACTS_REPORTS_MIGRATION_SQL,
  },
  {
    version: 8,
    name: 'newsletters: exactly once, opt-out decisions, watched like campaigns',
    sql: NEWSLETTERS_ONCE_MIGRATION_SQL,
  },
  {
    version: 9,
    name: 'inbox: one conversation per customer who replied, kept by triggers on the mirror',
    sql: INBOX_MIGRATION_SQL,
  },
  {
    version: 10,
    name: 'opt-outs: the reply that opted out, numbers taken off by hand',
    sql: OPT_OUT_SYNC_SQL,
  },
  {
    version: 11,
    name: 'campaigns: kept here until shortly before their time, recipients left out at send time',
    sql: CAMPAIGN_HOLD_SQL,
  },
  {
    version: 12,
    name: 'messages: totals kept by phone, SIM and status; each recipient number once',
    sql: MESSAGES_TALLIES_MIGRATION_SQL,
  },
  {
    version: 13,
    name: 'contacts: the other columns kept as fields; mappings with several phone and name columns',
    sql: CONTACTS_FIELDS_MIGRATION_SQL,
  },
  {
    version: 14,
    name: "inbox: conversations kept by the mirror's writer a batch at a time, not by a trigger per row",
    sql: INBOX_UPKEEP_MIGRATION_SQL,
  },
];

/** Thrown when the file was written by a newer app: opening it could damage data this version does not know. */
export class DatabaseTooNewError extends AppFailure {
  constructor(
    readonly fileVersion: number,
    readonly knownVersion: number,
    readonly file: string | null = null,
  ) {
    super(
      'storage-too-new',
      `This account's data file${file ? ` ${file}` : ''} was written by a newer version of Relay Desk (database version ${fileVersion}; this version knows up to ${knownVersion}). Update Relay Desk to open it; the file was not changed.`,
      undefined,
      { file: file ?? 'this account' },
    );
    this.name = 'DatabaseTooNewError';
  }
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}; expected ${index + 1} (versions run 1, 2, 3… with no gaps).`,
      );
    }
  });
}

/**
 * Brings the file up to the last step, each step in its own transaction (a failing step leaves the file at
 * the previous version). Safe when two processes open the same file at once: the version is read again
 * inside each write transaction. Returns the version the file is at.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  checkOrder(migrations);
  const known = migrations.length;
  const version = (): number => db.pragma('user_version', { simple: true }) as number;
  if (version() > known) throw new DatabaseTooNewError(version(), known);
  for (const migration of migrations) {
    db.transaction(() => {
      const current = version();
      if (current > known) throw new DatabaseTooNewError(current, known);
      if (current >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return version();
}
