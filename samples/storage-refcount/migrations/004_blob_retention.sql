-- Garbage collection of unreferenced blobs needs to know when they were last used.
ALTER TABLE blobs ADD COLUMN last_referenced_at timestamptz;

ALTER TABLE blobs
    ADD CONSTRAINT blobs_ref_count_nonnegative CHECK (ref_count >= 0);

CREATE INDEX blobs_unreferenced_idx ON blobs (last_referenced_at) WHERE ref_count = 0;
