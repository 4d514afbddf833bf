BEGIN;

CREATE TABLE storage_quotas (
    storage_class storage_class PRIMARY KEY,
    max_bytes     bigint NOT NULL
);

INSERT INTO storage_quotas (storage_class, max_bytes) VALUES
    ('standard',   10737418240),    -- 10 GiB
    ('infrequent', 107374182400),   -- 100 GiB
    ('archive',    1099511627776);  -- 1 TiB

CREATE VIEW account_usage AS
SELECT a.id                          AS account_id,
       a.email,
       count(DISTINCT att.blob_id)   AS blob_count,
       coalesce(sum(b.size_bytes), 0) AS bytes_used
  FROM accounts a
  LEFT JOIN documents d     ON d.account_id = a.id
  LEFT JOIN attachments att ON att.document_id = d.id
  LEFT JOIN blobs b         ON b.id = att.blob_id
 GROUP BY a.id, a.email;

COMMIT;
