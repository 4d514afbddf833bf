-- create orders
-- Converted by pgmend from:
--     000002_create_orders.up.sql (version 000002)

-- 000002_create_orders.up.sql:1
DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'order_status' AND n.nspname = current_schema()) THEN
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');
  END IF;
END
$pgmend$;

-- 000002_create_orders.up.sql:3
CREATE TABLE IF NOT EXISTS orders (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id),
    status      order_status NOT NULL DEFAULT 'pending',
    total       integer NOT NULL CHECK (total >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- 000002_create_orders.up.sql:11
CREATE TABLE IF NOT EXISTS order_items (
    order_id    bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    sku         text NOT NULL,
    quantity    integer NOT NULL CHECK (quantity > 0),
    unit_price  integer NOT NULL,
    PRIMARY KEY (order_id, sku)
);
