-- refcount touch
-- Converted by pgmend from:
--     005_refcount_touch.sql (version 005)

-- 005_refcount_touch.sql:2
-- Track the last time a blob gained or lost a reference (used by the GC job).
CREATE OR REPLACE FUNCTION blob_adjust_refcount(p_blob_id bigint, p_delta integer)
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
$$;

-- 005_refcount_touch.sql:17
-- The NFS share is gone.
ALTER TABLE documents DROP COLUMN IF EXISTS legacy_path;
