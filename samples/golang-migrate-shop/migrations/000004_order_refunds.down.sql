ALTER TABLE orders RENAME COLUMN total_cents TO total;
-- Postgres cannot drop an enum value: 'refunded' stays in order_status.
