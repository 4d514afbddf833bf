ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'shipped';

-- Amounts are stored in cents; make the name say so.
ALTER TABLE orders RENAME COLUMN total TO total_cents;
