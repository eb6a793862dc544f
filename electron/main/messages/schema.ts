// The message history mirror's tables, as one migration step (db/migrations.ts orders it among the others).
//
// - Instants are UTC epoch milliseconds with the zone the gateway reported them in beside them, so a row
//   can be shown in local time and in the gateway's zone.
// - `send_to_digits` is the recipient's digits alone: the number filter matches "+44 7700…" and "447700…" alike.
// - One index per filter and per sortable column, each (key, created_ms[, rowid]): a page sorted by any column
//   (ties by creation, then id) is an index walk, never a sort of 100k wide rows. Nullable keys are indexed
//   as IFNULL(x, -1) so sorting and keyset paging treat "none" as one value below every id and instant.
// - The body search looks for the text anywhere in `body_folded` (lower case, accents removed: "ola" finds
//   "Olá"; see fold.ts). Measured at 100k messages under load: that scan answers in ~5–10 ms, while an FTS5
//   trigram index added ~5 s to a 100k sync (~40 index entries per body) and a word index finds no match
//   inside a word ("2345" in "#12345").
// - Sync bookkeeping: the windows read (half-open [from_ms, to_ms) in whole seconds), when each was read,
//   and one row of overall state (how far back the user asked to reach, the last sync).

export const MESSAGES_MIGRATION_SQL = `
  CREATE TABLE messages (
    id                INTEGER PRIMARY KEY,
    send_to           TEXT    NOT NULL,
    send_to_digits    TEXT    NOT NULL,
    body              TEXT    NOT NULL,
    body_folded       TEXT    NOT NULL,
    customer_id       INTEGER,
    status            INTEGER NOT NULL,
    status_title      TEXT    NOT NULL,
    device_id         INTEGER NOT NULL,
    sim               INTEGER NOT NULL,
    urgent            INTEGER NOT NULL CHECK (urgent IN (0, 1)),
    created_ms        INTEGER NOT NULL,
    created_zone      TEXT    NOT NULL,
    sent_ms           INTEGER,
    sent_zone         TEXT,
    send_at_ms        INTEGER,
    send_at_zone      TEXT,
    paket_id          INTEGER,
    paket_title       TEXT,
    paket_body        TEXT,
    status_changed_at INTEGER NOT NULL                -- when the mirror first saw its current status
  );
  CREATE INDEX messages_by_created  ON messages (created_ms);
  CREATE INDEX messages_by_status   ON messages (status, created_ms);
  CREATE INDEX messages_by_device   ON messages (device_id, created_ms);
  CREATE INDEX messages_by_sim      ON messages (sim, created_ms);
  CREATE INDEX messages_by_customer ON messages (IFNULL(customer_id, -1), created_ms);
  CREATE INDEX messages_by_paket    ON messages (IFNULL(paket_id, -1), created_ms);
  CREATE INDEX messages_by_sent     ON messages (IFNULL(sent_ms, -1), created_ms);
  CREATE INDEX messages_by_send_at  ON messages (IFNULL(send_at_ms, -1), created_ms);
  CREATE INDEX messages_by_send_to  ON messages (send_to, created_ms);
  CREATE INDEX messages_by_change   ON messages (status_changed_at);

  CREATE TABLE message_sync_windows (
    from_ms  INTEGER PRIMARY KEY,                     -- windows never overlap
    to_ms    INTEGER NOT NULL CHECK (to_ms > from_ms), -- exclusive
    read_at  INTEGER NOT NULL,                        -- local clock when its getallsms answered
    count    INTEGER NOT NULL                         -- messages the reply held
  );

  CREATE TABLE message_sync_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    reach_from_ms INTEGER,                            -- the oldest instant the user asked the mirror to cover
    last_sync_at  INTEGER,                            -- the end of the last sync that finished
    last_error    TEXT
  );
  INSERT INTO message_sync_state (id) VALUES (1);
`;

// Issue 22, a million messages: totals without counting rows, numbers without testing every row. Both tables
// are kept by MessageStore (store.ts), the one writer of `messages`, in the same transaction as the rows
// (triggers did the same at ~10 µs a row, a quarter of the sync's write cost, for their statement journals).
// - message_tallies: how many messages each (phone, SIM, status) has. A total filtered only by phone, SIM and
//   status (or not at all: "1,000,000 messages") is a sum over a few hundred rows, not a count of a million.
// - message_recipients: each number once with its digits. The number filter scans these few thousand numbers,
//   then reads the matching numbers' messages through messages_by_send_to (a rare number tested every row).
export const MESSAGES_TALLIES_MIGRATION_SQL = `
  CREATE TABLE message_tallies (
    device_id INTEGER NOT NULL,
    sim       INTEGER NOT NULL,
    status    INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (device_id, sim, status)
  ) WITHOUT ROWID;
  INSERT INTO message_tallies (device_id, sim, status, n)
    SELECT device_id, sim, status, COUNT(*) FROM messages GROUP BY device_id, sim, status;

  CREATE TABLE message_recipients (
    send_to TEXT PRIMARY KEY,
    digits  TEXT NOT NULL
  ) WITHOUT ROWID;
  INSERT OR IGNORE INTO message_recipients (send_to, digits) SELECT send_to, send_to_digits FROM messages;
`;
