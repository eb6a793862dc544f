// The newsletters table's later steps (the table itself is migration 3's, in ../campaigns/schema.ts).

// Newsletters written exactly once and watched like campaigns (migration step 7). A row is recorded as
// 'creating' before savepaket leaves (paket_id 0 until the gateway answers); 'unknown' when the reply was lost
// (it may have been created: someone has to look at the phone); 'campaign' when the user chose to send it as a
// personalised bulk send without the opted-out contacts (campaign_id).
export const NEWSLETTERS_ONCE_MIGRATION_SQL = `
  ALTER TABLE newsletters ADD COLUMN state TEXT NOT NULL DEFAULT 'created' CHECK (state IN ('creating', 'created', 'unknown', 'campaign'));
  ALTER TABLE newsletters ADD COLUMN fingerprint TEXT;             -- title, tags, body, phone: "the same newsletter"
  ALTER TABLE newsletters ADD COLUMN opted_out INTEGER NOT NULL DEFAULT 0;  -- opted-out contacts in its tags when created
  ALTER TABLE newsletters ADD COLUMN opted_out_decision TEXT CHECK (opted_out_decision IN ('include', 'send-as-campaign'));
  ALTER TABLE newsletters ADD COLUMN campaign_id INTEGER;          -- sent as this campaign instead
  ALTER TABLE newsletters ADD COLUMN failures TEXT;                -- JSON FailureGroupView[] from the last refresh
  ALTER TABLE newsletters ADD COLUMN reported_at INTEGER;          -- when its messages' statuses last moved
  ALTER TABLE newsletters ADD COLUMN stall_notified INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX newsletters_by_fingerprint ON newsletters (fingerprint);
`;
