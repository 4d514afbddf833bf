CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');

CREATE TABLE orders (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id),
    status      order_status NOT NULL DEFAULT 'pending',
    total       integer NOT NULL CHECK (total >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_items (
    order_id    bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    sku         text NOT NULL,
    quantity    integer NOT NULL CHECK (quantity > 0),
    unit_price  integer NOT NULL,
    PRIMARY KEY (order_id, sku)
);
