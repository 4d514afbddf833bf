-- create users
-- Converted by pgmend from:
--     000001_create_users.up.sql (version 000001)

-- 000001_create_users.up.sql:1
CREATE TABLE IF NOT EXISTS users (
    id          bigserial PRIMARY KEY,
    email       varchar(255) NOT NULL,
    full_name   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- 000001_create_users.up.sql:8
CREATE UNIQUE INDEX IF NOT EXISTS users_email_lower_key ON users (lower(email));
