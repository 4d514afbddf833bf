-- init
-- Converted by pgmend from:
--     001_init.sql (version 001)

-- 001_init.sql:38
DROP INDEX IF EXISTS documents_account_id_idx;

-- 001_init.sql:37
DROP INDEX IF EXISTS attachments_blob_id_idx;

-- 001_init.sql:29
DROP TABLE IF EXISTS attachments;

-- 001_init.sql:21
DROP TABLE IF EXISTS documents;

-- 001_init.sql:12
DROP TABLE IF EXISTS blobs;

-- 001_init.sql:5
DROP TABLE IF EXISTS accounts;

-- 001_init.sql:3
DROP TYPE IF EXISTS storage_class;
