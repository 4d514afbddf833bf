-- archive cold blobs
-- Converted by pgmend from:
--     006_archive_cold_blobs.sql (version 006)

-- 006_archive_cold_blobs.sql:2
-- One-off backfill: blobs nobody references any more move to archive storage.
UPDATE blobs
   SET storage_class = 'archive'
 WHERE ref_count = 0
   AND storage_class <> 'archive';
