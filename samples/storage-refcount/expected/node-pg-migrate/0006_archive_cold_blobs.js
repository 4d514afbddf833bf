/*
 * archive cold blobs
 *
 * Converted by pgmend from:
 *     006_archive_cold_blobs.sql (version 006)
 *
 * pgm.sql() is called without arguments, so `{name}` in the SQL is not a placeholder.
 */

exports.shorthands = undefined;

exports.up = (pgm) => {
  // 006_archive_cold_blobs.sql:2
  // -- One-off backfill: blobs nobody references any more move to archive storage.
  pgm.sql(`UPDATE blobs
   SET storage_class = 'archive'
 WHERE ref_count = 0
   AND storage_class <> 'archive';`);
};

exports.down = (pgm) => {
  // 006_archive_cold_blobs.sql:2
  // UPDATE at samples/storage-refcount/migrations/006_archive_cold_blobs.sql:2 changed data; not undone
};
