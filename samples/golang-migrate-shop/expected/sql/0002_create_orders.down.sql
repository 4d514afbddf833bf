-- create orders
-- Converted by pgmend from:
--     000002_create_orders.up.sql (version 000002)

-- 000002_create_orders.down.sql:1
DROP TABLE IF EXISTS order_items;

-- 000002_create_orders.down.sql:2
DROP TABLE IF EXISTS orders;

-- 000002_create_orders.down.sql:3
DROP TYPE IF EXISTS order_status;
