/*
 * refcount touch
 *
 * Converted by pgmend from:
 *     005_refcount_touch.sql (version 005)
 *
 * pgm.sql() is called without arguments, so `{name}` in the SQL is not a placeholder.
 */

exports.shorthands = undefined;

exports.up = (pgm) => {
  // 005_refcount_touch.sql:2
  // -- Track the last time a blob gained or lost a reference (used by the GC job).
  pgm.sql(`CREATE OR REPLACE FUNCTION blob_adjust_refcount(p_blob_id bigint, p_delta integer)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE blobs
       SET ref_count = ref_count + p_delta,
           last_referenced_at = now()
     WHERE id = p_blob_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'blob % does not exist', p_blob_id;
    END IF;
END;
$$;`);

  // 005_refcount_touch.sql:17
  // -- The NFS share is gone.
  pgm.sql(`ALTER TABLE documents DROP COLUMN IF EXISTS legacy_path;`);
};

exports.down = (pgm) => {
  // 005_refcount_touch.sql:17
  pgm.sql(`DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"documents"') AND attname = 'legacy_path' AND NOT attisdropped) THEN
ALTER TABLE documents ADD COLUMN legacy_path text;
  END IF;
END
$pgmend$;`);

  // 005_refcount_touch.sql:17
  // column legacy_path comes back empty: its data is not restored

  // 005_refcount_touch.sql:2
  pgm.sql(`CREATE OR REPLACE FUNCTION blob_adjust_refcount(p_blob_id bigint, p_delta integer)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE blobs
       SET ref_count = ref_count + p_delta
     WHERE id = p_blob_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'blob % does not exist', p_blob_id;
    END IF;
END;
$$;`);
};
