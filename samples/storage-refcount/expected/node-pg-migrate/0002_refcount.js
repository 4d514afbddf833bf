/*
 * refcount
 *
 * Converted by pgmend from:
 *     002_refcount.sql (version 002)
 *
 * pgm.sql() is called without arguments, so `{name}` in the SQL is not a placeholder.
 */

exports.shorthands = undefined;

exports.up = (pgm) => {
  // shared/refcount_functions.sql:4
  // -- Shared reference-counting helpers. Included by 002_refcount.sql with \i;
  // -- not a migration on its own.
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

  // shared/refcount_functions.sql:17
  pgm.sql(`CREATE OR REPLACE FUNCTION attachments_refcount_trigger()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM blob_adjust_refcount(NEW.blob_id, 1);
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM blob_adjust_refcount(OLD.blob_id, -1);
        RETURN OLD;
    END IF;
    RETURN NULL;
END;
$$;`);

  // 002_refcount.sql:4
  // -- 002_refcount.sql: keep blobs.ref_count in step with attachments.
  pgm.sql(`CREATE OR REPLACE TRIGGER attachments_refcount
    AFTER INSERT OR DELETE ON attachments
    FOR EACH ROW EXECUTE FUNCTION attachments_refcount_trigger();`);

  // 002_refcount.sql:8
  pgm.sql(`COMMENT ON COLUMN blobs.ref_count IS 'Number of attachments pointing at this blob; 0 means it can be garbage-collected.';`);
};

exports.down = (pgm) => {
  // 002_refcount.sql:8
  pgm.sql(`COMMENT ON COLUMN blobs.ref_count IS NULL;`);

  // 002_refcount.sql:4
  pgm.sql(`DROP TRIGGER IF EXISTS attachments_refcount ON attachments;`);

  // shared/refcount_functions.sql:17
  pgm.sql(`DROP FUNCTION IF EXISTS attachments_refcount_trigger();`);

  // shared/refcount_functions.sql:4
  pgm.sql(`DROP FUNCTION IF EXISTS blob_adjust_refcount(bigint, integer);`);
};
