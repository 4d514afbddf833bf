-- order refunds
-- Converted by pgmend from:
--     000004_order_refunds.up.sql (version 000004)

-- 000004_order_refunds.up.sql:1
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'shipped';

-- 000004_order_refunds.up.sql:4
-- Amounts are stored in cents; make the name say so.
DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"orders"') AND attname = 'total' AND NOT attisdropped) AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"orders"') AND attname = 'total_cents' AND NOT attisdropped) THEN
ALTER TABLE orders RENAME COLUMN total TO total_cents;
  END IF;
END
$pgmend$;
