// The campaigns registry in the account's database (one migration step, ordered in ../db/migrations.ts).
// Chunks keep their customerid and what the read-back found; the job journal (job_steps) keeps the intent.

// Migration 3 made the tables of every sending capability at once (they were one folder then): campaign_meta
// (now db/meta.ts), suppression (optouts/), newsletters (newsletters/), single_sends (sending/). It stays here
// as shipped; later steps live with the capability that owns the table.
export const CAMPAIGNS_MIGRATION_SQL = `
  -- Key/value state of the capability: the account's customerid cursor, the opt-out sync's last read.
  CREATE TABLE campaign_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;

  -- The account's opt-out list. Every import, preview and send leaves these numbers out.
  CREATE TABLE suppression (
    phone    TEXT    PRIMARY KEY,                    -- E.164
    source   TEXT    NOT NULL CHECK (source IN ('reply', 'manual')),
    keyword  TEXT,                                   -- the reply's keyword, for automatic entries
    added_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE newsletters (
    id           INTEGER PRIMARY KEY,
    paket_id     INTEGER NOT NULL,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    tags         TEXT    NOT NULL,                   -- JSON [{id, title}]
    device_id    INTEGER NOT NULL,
    sim          INTEGER NOT NULL,
    send_at      TEXT,                               -- ISO, null = now
    recipients   INTEGER NOT NULL,
    counts       TEXT,                               -- JSON StatusCounts from the last refresh
    refreshed_at INTEGER,
    created_at   INTEGER NOT NULL
  );

  CREATE TABLE campaigns (
    id             INTEGER PRIMARY KEY,
    title          TEXT    NOT NULL,
    fingerprint    TEXT    NOT NULL,                 -- same recipients, bodies and phones = same campaign
    job_id         INTEGER,
    body           TEXT    NOT NULL,                 -- the template as written
    columns        TEXT    NOT NULL,                 -- JSON: the source's headers (for the report)
    phones         TEXT    NOT NULL,                 -- JSON [{deviceId, sim, title}]
    plan           TEXT,                             -- JSON PlanView
    recipients     INTEGER NOT NULL,
    suppressed     INTEGER NOT NULL DEFAULT 0,
    first_customer_id INTEGER NOT NULL,              -- chunk k carries first_customer_id + k
    chunk_count    INTEGER NOT NULL,
    resend_of      INTEGER REFERENCES campaigns (id),
    resend_reason  TEXT CHECK (resend_reason IN ('failures', 'missing')),
    counts         TEXT,                             -- JSON StatusCounts from the last refresh
    refreshed_at   INTEGER,
    stall_notified INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL
  );
  CREATE INDEX campaigns_by_fingerprint ON campaigns (fingerprint);

  CREATE TABLE campaign_chunks (
    campaign_id     INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    chunk           INTEGER NOT NULL,
    customer_id     INTEGER NOT NULL,
    device_id       INTEGER NOT NULL,
    sim             INTEGER NOT NULL,
    first_recipient INTEGER NOT NULL,
    count           INTEGER NOT NULL,
    send_at         INTEGER NOT NULL,                -- epoch ms of the first message's timetosend
    spacing_ms      INTEGER NOT NULL,
    -- planned → sent (the gateway answered) | found (read back: all there) | attention (read back: not all)
    state           TEXT    NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'sent', 'found', 'attention')),
    left_at         INTEGER,                         -- when its request left (the read-back's grace starts here)
    missing         TEXT,                            -- JSON [recipient index] the read-back did not find
    final           INTEGER NOT NULL DEFAULT 0,      -- every message in a final status
    PRIMARY KEY (campaign_id, chunk)
  ) WITHOUT ROWID;
  CREATE INDEX campaign_chunks_by_customer_id ON campaign_chunks (customer_id);

  CREATE TABLE campaign_recipients (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,                    -- position in the plan's order
    chunk       INTEGER NOT NULL,
    phone       TEXT    NOT NULL,
    name        TEXT    NOT NULL DEFAULT '',
    body        TEXT    NOT NULL,
    cells       TEXT    NOT NULL,                    -- JSON: the original row's cells (the report)
    line        INTEGER,                             -- the CSV line, when from a file
    sms_id      INTEGER,
    status      INTEGER,
    PRIMARY KEY (campaign_id, idx)
  ) WITHOUT ROWID;
  CREATE INDEX campaign_recipients_by_chunk ON campaign_recipients (campaign_id, chunk);

  CREATE TABLE single_sends (
    id          INTEGER PRIMARY KEY,
    sendto      TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    device_id   INTEGER NOT NULL,
    sim         INTEGER NOT NULL,
    urgent      INTEGER NOT NULL DEFAULT 0,
    test        INTEGER NOT NULL DEFAULT 0,
    image       TEXT,
    send_at     TEXT,
    customer_id INTEGER,
    sms_id      INTEGER,
    state       TEXT    NOT NULL CHECK (state IN ('sending', 'queued', 'suppressed', 'invalid', 'refused', 'unknown')),
    reason      TEXT,
    status      INTEGER,
    created_at  INTEGER NOT NULL
  );
`;

// Stopping campaigns (migration step 11, see ./stop.ts): a scheduled campaign may be kept in this computer until
// shortly before its time (it can be stopped; the PC must be on), instead of handed to the gateway at once.
// recipients left out at send time (opted out after the campaign was created) are marked, never sent.
export const CAMPAIGN_HOLD_SQL = `
  ALTER TABLE campaigns ADD COLUMN keep_until INTEGER;   -- epoch ms: handed to the gateway then (null: at creation)
  ALTER TABLE campaigns ADD COLUMN hold TEXT CHECK (hold IN ('kept', 'paused', 'cancelled', 'released'));
  ALTER TABLE campaign_recipients ADD COLUMN left_out INTEGER NOT NULL DEFAULT 0;  -- opted out before its chunk left
`;
