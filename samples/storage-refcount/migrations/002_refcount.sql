-- 002_refcount.sql: keep blobs.ref_count in step with attachments.
\i shared/refcount_functions.sql

CREATE TRIGGER attachments_refcount
    AFTER INSERT OR DELETE ON attachments
    FOR EACH ROW EXECUTE FUNCTION attachments_refcount_trigger();

COMMENT ON COLUMN blobs.ref_count IS 'Number of attachments pointing at this blob; 0 means it can be garbage-collected.';
