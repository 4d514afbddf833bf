-- refcount
-- Converted by pgmend from:
--     002_refcount.sql (version 002)

-- 002_refcount.sql:8
COMMENT ON COLUMN blobs.ref_count IS NULL;

-- 002_refcount.sql:4
DROP TRIGGER IF EXISTS attachments_refcount ON attachments;

-- shared/refcount_functions.sql:17
DROP FUNCTION IF EXISTS attachments_refcount_trigger();

-- shared/refcount_functions.sql:4
DROP FUNCTION IF EXISTS blob_adjust_refcount(bigint, integer);
