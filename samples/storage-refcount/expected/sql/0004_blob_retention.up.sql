-- blob retention
-- Converted by pgmend from:
--     004_blob_retention.sql (version 004)

-- 004_blob_retention.sql:2
-- Garbage collection of unreferenced blobs needs to know when they were last used.
ALTER TABLE blobs ADD COLUMN IF NOT EXISTS last_referenced_at timestamptz;

-- 004_blob_retention.sql:4
DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'blobs_ref_count_nonnegative' AND conrelid = to_regclass('"blobs"')) THEN
ALTER TABLE blobs
    ADD CONSTRAINT blobs_ref_count_nonnegative CHECK (ref_count >= 0);
  END IF;
END
$pgmend$;

-- 004_blob_retention.sql:7
CREATE INDEX IF NOT EXISTS blobs_unreferenced_idx ON blobs (last_referenced_at) WHERE ref_count = 0;
