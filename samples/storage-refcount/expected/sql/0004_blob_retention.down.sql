-- blob retention
-- Converted by pgmend from:
--     004_blob_retention.sql (version 004)

-- 004_blob_retention.sql:7
DROP INDEX IF EXISTS blobs_unreferenced_idx;

-- 004_blob_retention.sql:4
ALTER TABLE blobs DROP CONSTRAINT IF EXISTS blobs_ref_count_nonnegative;

-- 004_blob_retention.sql:2
ALTER TABLE blobs DROP COLUMN IF EXISTS last_referenced_at;
