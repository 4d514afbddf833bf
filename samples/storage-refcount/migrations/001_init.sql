-- 001_init.sql: accounts, documents and the content-addressed blob store.

CREATE TYPE storage_class AS ENUM ('standard', 'infrequent', 'archive');

CREATE TABLE accounts (
    id          bigserial PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per distinct content; ref_count is maintained by triggers (see 002).
CREATE TABLE blobs (
    id            bigserial PRIMARY KEY,
    sha256        bytea NOT NULL UNIQUE,
    size_bytes    bigint NOT NULL CHECK (size_bytes >= 0),
    storage_class storage_class NOT NULL DEFAULT 'standard',
    ref_count     integer NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE documents (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title       text NOT NULL,
    legacy_path text,             -- path in the old NFS share, kept during the migration
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attachments (
    id          bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    blob_id     bigint NOT NULL REFERENCES blobs (id),
    filename    text NOT NULL,
    attached_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ON attachments (blob_id);
CREATE INDEX documents_account_id_idx ON documents (account_id);
