-- The database the migrations in migrations/versions run against, before any of them:
-- schema app belongs to the orders service; schema crm is synced one way from the CRM
-- system and must not be changed here. The service's role uses search_path = app, crm.
CREATE SCHEMA app;
CREATE SCHEMA crm;

CREATE TABLE crm.accounts (
    id        bigint PRIMARY KEY,
    name      text NOT NULL,
    synced_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE crm.contacts (
    id         bigint PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES crm.accounts (id),
    email      text,
    synced_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE crm.lead_sources (
    code  text PRIMARY KEY,
    label text NOT NULL
);

CREATE TABLE app.customers (
    id             bigserial PRIMARY KEY,
    crm_contact_id bigint,
    created_at     timestamptz NOT NULL DEFAULT now()
);
