-- orders user created index
-- Converted by pgmend from:
--     000003_orders_user_created_index.up.sql (version 000003)

-- pgmend: the statements below must run outside a transaction block.

-- 000003_orders_user_created_index.up.sql:1
DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('"orders_user_id_created_at_idx"') AND NOT indisvalid) THEN
DROP INDEX orders_user_id_created_at_idx;
  END IF;
END
$pgmend$;

-- 000003_orders_user_created_index.up.sql:1
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_created_at_idx ON orders (user_id, created_at DESC);
-- pgmend: end of the part that must run outside a transaction block.
