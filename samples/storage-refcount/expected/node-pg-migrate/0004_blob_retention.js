/*
 * blob retention
 *
 * Converted by pgmend from:
 *     004_blob_retention.sql (version 004)
 *
 * pgm.sql() is called without arguments, so `{name}` in the SQL is not a placeholder.
 */

exports.shorthands = undefined;

exports.up = (pgm) => {
  // 004_blob_retention.sql:2
  // -- Garbage collection of unreferenced blobs needs to know when they were last used.
  pgm.sql(`ALTER TABLE blobs ADD COLUMN IF NOT EXISTS last_referenced_at timestamptz;`);

  // 004_blob_retention.sql:4
  pgm.sql(`DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'blobs_ref_count_nonnegative' AND conrelid = to_regclass('"blobs"')) THEN
ALTER TABLE blobs
    ADD CONSTRAINT blobs_ref_count_nonnegative CHECK (ref_count >= 0);
  END IF;
END
$pgmend$;`);

  // 004_blob_retention.sql:7
  pgm.sql(`CREATE INDEX IF NOT EXISTS blobs_unreferenced_idx ON blobs (last_referenced_at) WHERE ref_count = 0;`);
};

exports.down = (pgm) => {
  // 004_blob_retention.sql:7
  pgm.sql(`DROP INDEX IF EXISTS blobs_unreferenced_idx;`);

  // 004_blob_retention.sql:4
  pgm.sql(`ALTER TABLE blobs DROP CONSTRAINT IF EXISTS blobs_ref_count_nonnegative;`);

  // 004_blob_retention.sql:2
  pgm.sql(`ALTER TABLE blobs DROP COLUMN IF EXISTS last_referenced_at;`);
};
