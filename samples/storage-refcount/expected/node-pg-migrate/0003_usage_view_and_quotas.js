/*
 * usage view and quotas
 *
 * Converted by pgmend from:
 *     003_usage_view_and_quotas.sql (version 003)
 *
 * pgm.sql() is called without arguments, so `{name}` in the SQL is not a placeholder.
 */

exports.shorthands = undefined;

exports.up = (pgm) => {
  // 003_usage_view_and_quotas.sql:3
  pgm.sql(`CREATE TABLE IF NOT EXISTS storage_quotas (
    storage_class storage_class PRIMARY KEY,
    max_bytes     bigint NOT NULL
);`);

  // 003_usage_view_and_quotas.sql:8
  pgm.sql(`INSERT INTO storage_quotas (storage_class, max_bytes) VALUES
    ('standard',   10737418240),    -- 10 GiB
    ('infrequent', 107374182400),   -- 100 GiB
    ('archive',    1099511627776)
ON CONFLICT DO NOTHING;`);

  // 003_usage_view_and_quotas.sql:13
  pgm.sql(`CREATE OR REPLACE VIEW account_usage AS
SELECT a.id                          AS account_id,
       a.email,
       count(DISTINCT att.blob_id)   AS blob_count,
       coalesce(sum(b.size_bytes), 0) AS bytes_used
  FROM accounts a
  LEFT JOIN documents d     ON d.account_id = a.id
  LEFT JOIN attachments att ON att.document_id = d.id
  LEFT JOIN blobs b         ON b.id = att.blob_id
 GROUP BY a.id, a.email;`);
};

exports.down = (pgm) => {
  // 003_usage_view_and_quotas.sql:13
  pgm.sql(`DROP VIEW IF EXISTS account_usage;`);

  // 003_usage_view_and_quotas.sql:8
  pgm.sql(`DELETE FROM storage_quotas WHERE storage_class IN ('standard', 'infrequent', 'archive');`);

  // 003_usage_view_and_quotas.sql:3
  pgm.sql(`DROP TABLE IF EXISTS storage_quotas;`);
};
