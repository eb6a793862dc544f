// The opt-out list's later steps (the suppression table itself is migration 3's, in ../campaigns/schema.ts).

// Opt-outs current to the second (migration step 10, see ./opt-out-sync.ts): each entry keeps the reply that put
// it there, and numbers taken off the list by hand are remembered so an old STOP read again does not put them back.
export const OPT_OUT_SYNC_SQL = `
  ALTER TABLE suppression ADD COLUMN reply TEXT;        -- the incoming message that opted the number out
  ALTER TABLE suppression ADD COLUMN reply_at INTEGER;  -- when the phone received it (epoch ms)
  -- Numbers taken off the list by hand (by digits), so an old STOP read again does not put them back.
  CREATE TABLE suppression_removed (
    phone_key  TEXT    PRIMARY KEY,
    removed_at INTEGER NOT NULL
  ) WITHOUT ROWID;
`;
