// The account's contact registry: the API cannot list tags or contacts, so the app remembers what it created
// (or was told about), what each import did, and which columns the user chose for each kind of file.
export const CONTACTS_MIGRATION_SQL = `
  CREATE TABLE contact_tags (
    id           INTEGER PRIMARY KEY,                    -- the gateway's tag id
    title        TEXT    NOT NULL,
    created_here INTEGER NOT NULL CHECK (created_here IN (0, 1)), -- 0: created elsewhere, added by its id
    created_at   INTEGER NOT NULL
  );
  CREATE INDEX contact_tags_by_title ON contact_tags (title COLLATE NOCASE);

  CREATE TABLE contacts (
    tag_id     INTEGER NOT NULL REFERENCES contact_tags (id) ON DELETE CASCADE,
    phone      TEXT    NOT NULL,                         -- E.164
    name       TEXT    NOT NULL DEFAULT '',
    contact_id INTEGER,                                  -- the gateway's id (savecontact's reply)
    job_id     INTEGER,                                  -- the import job that added it
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (tag_id, phone)
  ) WITHOUT ROWID;
  CREATE INDEX contacts_by_job ON contacts (job_id) WHERE job_id IS NOT NULL;

  CREATE TABLE contact_imports (
    id           INTEGER PRIMARY KEY,
    job_id       INTEGER NOT NULL UNIQUE,
    file_name    TEXT    NOT NULL,
    file_size    INTEGER NOT NULL,
    content_hash TEXT    NOT NULL,                       -- sha256 of the file's bytes
    tag_id       INTEGER NOT NULL,
    tag_title    TEXT    NOT NULL,
    rows         INTEGER NOT NULL DEFAULT 0,
    valid        INTEGER NOT NULL DEFAULT 0,
    invalid      INTEGER NOT NULL DEFAULT 0,
    duplicates   INTEGER NOT NULL DEFAULT 0,
    landlines    INTEGER NOT NULL DEFAULT 0,
    imported     INTEGER NOT NULL DEFAULT 0,
    in_tag       INTEGER NOT NULL DEFAULT 0,
    opted_out    INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,
    unknown      INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER
  );
  CREATE INDEX contact_imports_by_created ON contact_imports (created_at);

  CREATE TABLE contact_mappings (
    header_key   TEXT    PRIMARY KEY,                    -- headerSetKey(header): case, accents, spacing ignored
    phone_column INTEGER NOT NULL,
    name_column  INTEGER,
    updated_at   INTEGER NOT NULL
  );
`;

// Each import's report (the rows left out: invalid and repeated, with their lines, reasons and cells), kept
// with the import when it starts, so "Save the report…" works from the history long after the preflight
// closed. Bounded: a cap of rows per import, and only the newest imports keep theirs (import-report.ts).
export const CONTACTS_REPORTS_MIGRATION_SQL = `
  CREATE TABLE contact_import_reports (
    job_id     INTEGER PRIMARY KEY,                      -- the import job (contact_imports.job_id)
    header     TEXT,                                     -- JSON: the file's header cells, or null
    columns    INTEGER NOT NULL,
    rows       INTEGER NOT NULL,                         -- problem rows kept
    left_out   INTEGER NOT NULL DEFAULT 0,               -- problem rows past the cap, not kept
    created_at INTEGER NOT NULL
  );
  CREATE INDEX contact_import_reports_by_created ON contact_import_reports (created_at);

  CREATE TABLE contact_import_problems (
    job_id       INTEGER NOT NULL,
    seq          INTEGER NOT NULL,                       -- file order
    line         INTEGER NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('invalid', 'duplicate')),
    reason_code  TEXT,
    reason_text  TEXT,
    duplicate_of INTEGER,
    cells        TEXT    NOT NULL,                       -- JSON: the row's cells as read
    PRIMARY KEY (job_id, seq)
  ) WITHOUT ROWID;
`;

// The other columns of an import kept as contact fields (city, birthday, order number…): one row per contact
// per field, values bounded; the tag's field names with the header each came from, for the composer and the
// export. The remembered mappings keep every phone column, every name column and the fields kept.
export const CONTACTS_FIELDS_MIGRATION_SQL = `
  CREATE TABLE contact_fields (
    tag_id INTEGER NOT NULL,
    phone  TEXT    NOT NULL,
    key    TEXT    NOT NULL,                             -- the placeholder name: "cidade"
    value  TEXT    NOT NULL CHECK (length(value) BETWEEN 1 AND 500),
    PRIMARY KEY (tag_id, phone, key),
    FOREIGN KEY (tag_id, phone) REFERENCES contacts (tag_id, phone) ON DELETE CASCADE
  ) WITHOUT ROWID;

  CREATE TABLE contact_field_names (
    tag_id   INTEGER NOT NULL REFERENCES contact_tags (id) ON DELETE CASCADE,
    key      TEXT    NOT NULL,
    header   TEXT    NOT NULL,                           -- as the file wrote it: "Cidade"
    position INTEGER NOT NULL,                           -- order of first appearance
    PRIMARY KEY (tag_id, key)
  ) WITHOUT ROWID;

  ALTER TABLE contact_mappings ADD COLUMN phone_columns TEXT;  -- JSON [2, 5]: every phone column, the first one first
  ALTER TABLE contact_mappings ADD COLUMN name_columns  TEXT;  -- JSON [0, 1]: First + Last
  ALTER TABLE contact_mappings ADD COLUMN kept_fields   TEXT;  -- JSON [3, 4]: the columns kept as fields (null: the default)
`;
