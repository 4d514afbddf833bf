-- archive cold blobs
-- Converted by pgmend from:
--     006_archive_cold_blobs.sql (version 006)

-- 006_archive_cold_blobs.sql:2
-- UPDATE at samples/storage-refcount/migrations/006_archive_cold_blobs.sql:2 changed data; not undone
