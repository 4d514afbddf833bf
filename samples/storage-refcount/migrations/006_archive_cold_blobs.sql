-- One-off backfill: blobs nobody references any more move to archive storage.
UPDATE blobs
   SET storage_class = 'archive'
 WHERE ref_count = 0
   AND storage_class <> 'archive';
