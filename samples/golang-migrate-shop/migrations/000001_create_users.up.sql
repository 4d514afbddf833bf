CREATE TABLE IF NOT EXISTS users (
    id          bigserial PRIMARY KEY,
    email       varchar(255) NOT NULL,
    full_name   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX IF NOT EXISTS users_email_lower_key ON users (lower(email));
