/*
 * init
 *
 * Converted by pgmend from:
 *     001_init.sql (version 001)
 *
 * pgm.sql() is called without arguments, so `{name}` in the SQL is not a placeholder.
 */

exports.shorthands = undefined;

exports.up = (pgm) => {
  // 001_init.sql:3
  // -- 001_init.sql: accounts, documents and the content-addressed blob store.
  pgm.sql(`DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'storage_class' AND n.nspname = current_schema()) THEN
CREATE TYPE storage_class AS ENUM ('standard', 'infrequent', 'archive');
  END IF;
END
$pgmend$;`);

  // 001_init.sql:5
  pgm.sql(`CREATE TABLE IF NOT EXISTS accounts (
    id          bigserial PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);`);

  // 001_init.sql:12
  // -- One row per distinct content; ref_count is maintained by triggers (see 002).
  pgm.sql(`CREATE TABLE IF NOT EXISTS blobs (
    id            bigserial PRIMARY KEY,
    sha256        bytea NOT NULL UNIQUE,
    size_bytes    bigint NOT NULL CHECK (size_bytes >= 0),
    storage_class storage_class NOT NULL DEFAULT 'standard',
    ref_count     integer NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now()
);`);

  // 001_init.sql:21
  pgm.sql(`CREATE TABLE IF NOT EXISTS documents (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title       text NOT NULL,
    legacy_path text,             -- path in the old NFS share, kept during the migration
    created_at  timestamptz NOT NULL DEFAULT now()
);`);

  // 001_init.sql:29
  pgm.sql(`CREATE TABLE IF NOT EXISTS attachments (
    id          bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    blob_id     bigint NOT NULL REFERENCES blobs (id),
    filename    text NOT NULL,
    attached_at timestamptz NOT NULL DEFAULT now()
);`);

  // 001_init.sql:37
  pgm.sql(`CREATE INDEX IF NOT EXISTS attachments_blob_id_idx ON attachments (blob_id);`);

  // 001_init.sql:38
  pgm.sql(`CREATE INDEX IF NOT EXISTS documents_account_id_idx ON documents (account_id);`);
};

exports.down = (pgm) => {
  // 001_init.sql:38
  pgm.sql(`DROP INDEX IF EXISTS documents_account_id_idx;`);

  // 001_init.sql:37
  pgm.sql(`DROP INDEX IF EXISTS attachments_blob_id_idx;`);

  // 001_init.sql:29
  pgm.sql(`DROP TABLE IF EXISTS attachments;`);

  // 001_init.sql:21
  pgm.sql(`DROP TABLE IF EXISTS documents;`);

  // 001_init.sql:12
  pgm.sql(`DROP TABLE IF EXISTS blobs;`);

  // 001_init.sql:5
  pgm.sql(`DROP TABLE IF EXISTS accounts;`);

  // 001_init.sql:3
  pgm.sql(`DROP TYPE IF EXISTS storage_class;`);
};
