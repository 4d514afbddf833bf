-- order refunds
-- Converted by pgmend from:
--     000004_order_refunds.up.sql (version 000004)

-- 000004_order_refunds.down.sql:1
DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"orders"') AND attname = 'total_cents' AND NOT attisdropped) AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"orders"') AND attname = 'total' AND NOT attisdropped) THEN
ALTER TABLE orders RENAME COLUMN total_cents TO total;
  END IF;
END
$pgmend$;
