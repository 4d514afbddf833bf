"""schema

Revision ID: 6cd3190b1156
Revises: 
Create Date: 2000-01-01 00:00:00

Converted by pgmend from:
    schema.sql (version schema)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "6cd3190b1156"
down_revision = None
branch_labels = None
depends_on = None


def run_sql(sql: str) -> None:
    """Runs one statement exactly as written.

    Not op.execute(): it passes text through SQLAlchemy text(), which reads ":name" as a
    bind parameter. exec_driver_sql without parameters hands the text to the driver as it
    is (psycopg2 reads "%" only when parameters are given). `alembic upgrade --sql` prints it.
    """
    context = op.get_context()
    if context.as_sql:
        context.impl.static_output(sql + ("\n;" if "--" in sql.rsplit("\n", 1)[-1] else ";"))
    else:
        op.get_bind().exec_driver_sql(sql, execution_options={"no_parameters": True})


def upgrade() -> None:
    # schema.sql:10
    run_sql("""-- pgmend: save the session settings this migration changes
SELECT
    set_config('pgmend.saved_check_function_bodies', current_setting('check_function_bodies', true), false),
    set_config('pgmend.saved_client_encoding', current_setting('client_encoding', true), false),
    set_config('pgmend.saved_client_min_messages', current_setting('client_min_messages', true), false),
    set_config('pgmend.saved_default_table_access_method', current_setting('default_table_access_method', true), false),
    set_config('pgmend.saved_default_tablespace', current_setting('default_tablespace', true), false),
    set_config('pgmend.saved_idle_in_transaction_session_timeout', current_setting('idle_in_transaction_session_timeout', true), false),
    set_config('pgmend.saved_lock_timeout', current_setting('lock_timeout', true), false),
    set_config('pgmend.saved_row_security', current_setting('row_security', true), false),
    set_config('pgmend.saved_search_path', current_setting('search_path', true), false),
    set_config('pgmend.saved_standard_conforming_strings', current_setting('standard_conforming_strings', true), false),
    set_config('pgmend.saved_statement_timeout', current_setting('statement_timeout', true), false),
    set_config('pgmend.saved_xmloption', current_setting('xmloption', true), false)""")

    # schema.sql:10
    # -- PostgreSQL database dump
    # -- Dumped from database version 16.10 (Debian 16.10-1.pgdg120+1)
    # -- Dumped by pg_dump version 17.6 (Debian 17.6-1.pgdg120+1)
    run_sql("""SET statement_timeout = 0""")

    # schema.sql:11
    run_sql("""SET lock_timeout = 0""")

    # schema.sql:12
    run_sql("""SET idle_in_transaction_session_timeout = 0""")

    # schema.sql:13
    run_sql("""SET client_encoding = 'UTF8'""")

    # schema.sql:14
    run_sql("""SET standard_conforming_strings = on""")

    # schema.sql:15
    run_sql("""SELECT pg_catalog.set_config('search_path', '', false)""")

    # schema.sql:16
    run_sql("""SET check_function_bodies = false""")

    # schema.sql:17
    run_sql("""SET xmloption = content""")

    # schema.sql:18
    run_sql("""SET client_min_messages = warning""")

    # schema.sql:19
    run_sql("""SET row_security = off""")

    # schema.sql:25
    # -- Name: app; Type: SCHEMA; Schema: -; Owner: -
    run_sql("""CREATE SCHEMA IF NOT EXISTS app""")

    # schema.sql:32
    # -- Name: citext; Type: EXTENSION; Schema: -; Owner: -
    run_sql("""CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public""")

    # schema.sql:39
    # -- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner:
    run_sql("""COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings'""")

    # schema.sql:46
    # -- Name: order_status; Type: TYPE; Schema: app; Owner: -
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'order_status' AND n.nspname = 'app') THEN
CREATE TYPE app.order_status AS ENUM (
    'pending',
    'paid',
    'shipped',
    'cancelled'
);
  END IF;
END
$pgmend$""")

    # schema.sql:58
    # -- Name: set_updated_at(); Type: FUNCTION; Schema: app; Owner: -
    run_sql("""CREATE OR REPLACE FUNCTION app.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$""")

    # schema.sql:68
    run_sql("""SET default_tablespace = ''""")

    # schema.sql:70
    run_sql("""SET default_table_access_method = heap""")

    # schema.sql:76
    # -- Name: customers; Type: TABLE; Schema: app; Owner: -
    run_sql("""CREATE TABLE IF NOT EXISTS app.customers (
    id bigint NOT NULL,
    email public.citext NOT NULL,
    display_name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
)""")

    # schema.sql:89
    # -- Name: TABLE customers; Type: COMMENT; Schema: app; Owner: -
    run_sql("""COMMENT ON TABLE app.customers IS 'People who can place orders.'""")

    # schema.sql:96
    # -- Name: customers_id_seq; Type: SEQUENCE; Schema: app; Owner: -
    run_sql("""CREATE SEQUENCE IF NOT EXISTS app.customers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1""")

    # schema.sql:108
    # -- Name: customers_id_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: -
    run_sql("""ALTER SEQUENCE app.customers_id_seq OWNED BY app.customers.id""")

    # schema.sql:115
    # -- Name: orders; Type: TABLE; Schema: app; Owner: -
    run_sql("""CREATE TABLE IF NOT EXISTS app.orders (
    id integer NOT NULL,
    customer_id bigint NOT NULL,
    status app.order_status DEFAULT 'pending'::app.order_status NOT NULL,
    total_cents integer NOT NULL,
    placed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT orders_total_cents_check CHECK ((total_cents >= 0))
)""")

    # schema.sql:129
    # -- Name: COLUMN orders.total_cents; Type: COMMENT; Schema: app; Owner: -
    run_sql("""COMMENT ON COLUMN app.orders.total_cents IS 'Order total in euro cents, taxes included.'""")

    # schema.sql:136
    # -- Name: customer_order_totals; Type: VIEW; Schema: app; Owner: -
    run_sql("""CREATE OR REPLACE VIEW app.customer_order_totals AS
 SELECT c.id AS customer_id,
    c.email,
    count(o.id) AS order_count,
    COALESCE(sum(o.total_cents), (0)::bigint) AS total_cents
   FROM (app.customers c
     LEFT JOIN app.orders o ON ((o.customer_id = c.id)))
  GROUP BY c.id, c.email""")

    # schema.sql:150
    # -- Name: orders_id_seq; Type: SEQUENCE; Schema: app; Owner: -
    run_sql("""CREATE SEQUENCE IF NOT EXISTS app.orders_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1""")

    # schema.sql:163
    # -- Name: orders_id_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: -
    run_sql("""ALTER SEQUENCE app.orders_id_seq OWNED BY app.orders.id""")

    # schema.sql:170
    # -- Name: customers id; Type: DEFAULT; Schema: app; Owner: -
    run_sql("""ALTER TABLE ONLY app.customers ALTER COLUMN id SET DEFAULT nextval('app.customers_id_seq'::regclass)""")

    # schema.sql:177
    # -- Name: orders id; Type: DEFAULT; Schema: app; Owner: -
    run_sql("""ALTER TABLE ONLY app.orders ALTER COLUMN id SET DEFAULT nextval('app.orders_id_seq'::regclass)""")

    # schema.sql:184
    # -- Name: customers customers_email_key; Type: CONSTRAINT; Schema: app; Owner: -
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'customers_email_key' AND conrelid = to_regclass('"app"."customers"')) AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'customers_email_key' AND relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = to_regclass('"app"."customers"'))) THEN
ALTER TABLE ONLY app.customers
    ADD CONSTRAINT customers_email_key UNIQUE (email);
  END IF;
END
$pgmend$""")

    # schema.sql:192
    # -- Name: customers customers_pkey; Type: CONSTRAINT; Schema: app; Owner: -
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'customers_pkey' AND conrelid = to_regclass('"app"."customers"')) AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'customers_pkey' AND relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = to_regclass('"app"."customers"'))) THEN
ALTER TABLE ONLY app.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
  END IF;
END
$pgmend$""")

    # schema.sql:200
    # -- Name: orders orders_pkey; Type: CONSTRAINT; Schema: app; Owner: -
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_pkey' AND conrelid = to_regclass('"app"."orders"')) AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'orders_pkey' AND relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = to_regclass('"app"."orders"'))) THEN
ALTER TABLE ONLY app.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
  END IF;
END
$pgmend$""")

    # schema.sql:208
    # -- Name: orders_customer_id_placed_at_idx; Type: INDEX; Schema: app; Owner: -
    run_sql("""CREATE INDEX IF NOT EXISTS orders_customer_id_placed_at_idx ON app.orders USING btree (customer_id, placed_at DESC)""")

    # schema.sql:215
    # -- Name: orders_status_idx; Type: INDEX; Schema: app; Owner: -
    run_sql("""CREATE INDEX IF NOT EXISTS orders_status_idx ON app.orders USING btree (status) WHERE (status = ANY (ARRAY['pending'::app.order_status, 'paid'::app.order_status]))""")

    # schema.sql:222
    # -- Name: customers customers_set_updated_at; Type: TRIGGER; Schema: app; Owner: -
    run_sql("""CREATE OR REPLACE TRIGGER customers_set_updated_at BEFORE UPDATE ON app.customers FOR EACH ROW EXECUTE FUNCTION app.set_updated_at()""")

    # schema.sql:229
    # -- Name: orders orders_customer_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_customer_id_fkey' AND conrelid = to_regclass('"app"."orders"')) THEN
ALTER TABLE ONLY app.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app.customers(id) ON DELETE RESTRICT;
  END IF;
END
$pgmend$""")

    # schema.sql:237
    # -- Name: SCHEMA app; Type: ACL; Schema: -; Owner: -
    run_sql("""GRANT USAGE ON SCHEMA app TO PUBLIC""")

    # schema.sql:244
    # -- Name: TABLE customer_order_totals; Type: ACL; Schema: app; Owner: -
    run_sql("""GRANT SELECT ON TABLE app.customer_order_totals TO PUBLIC""")

    # schema.sql:10
    run_sql("""-- pgmend: restore the session settings saved above
SELECT
    set_config('check_function_bodies', coalesce(nullif(current_setting('pgmend.saved_check_function_bodies', true), ''), current_setting('check_function_bodies', true), ''), false),
    set_config('client_encoding', coalesce(nullif(current_setting('pgmend.saved_client_encoding', true), ''), current_setting('client_encoding', true), ''), false),
    set_config('client_min_messages', coalesce(nullif(current_setting('pgmend.saved_client_min_messages', true), ''), current_setting('client_min_messages', true), ''), false),
    set_config('default_table_access_method', coalesce(nullif(current_setting('pgmend.saved_default_table_access_method', true), ''), current_setting('default_table_access_method', true), ''), false),
    set_config('default_tablespace', coalesce(nullif(current_setting('pgmend.saved_default_tablespace', true), ''), current_setting('default_tablespace', true), ''), false),
    set_config('idle_in_transaction_session_timeout', coalesce(nullif(current_setting('pgmend.saved_idle_in_transaction_session_timeout', true), ''), current_setting('idle_in_transaction_session_timeout', true), ''), false),
    set_config('lock_timeout', coalesce(nullif(current_setting('pgmend.saved_lock_timeout', true), ''), current_setting('lock_timeout', true), ''), false),
    set_config('row_security', coalesce(nullif(current_setting('pgmend.saved_row_security', true), ''), current_setting('row_security', true), ''), false),
    set_config('search_path', coalesce(nullif(current_setting('pgmend.saved_search_path', true), ''), current_setting('search_path', true), ''), false),
    set_config('standard_conforming_strings', coalesce(nullif(current_setting('pgmend.saved_standard_conforming_strings', true), ''), current_setting('standard_conforming_strings', true), ''), false),
    set_config('statement_timeout', coalesce(nullif(current_setting('pgmend.saved_statement_timeout', true), ''), current_setting('statement_timeout', true), ''), false),
    set_config('xmloption', coalesce(nullif(current_setting('pgmend.saved_xmloption', true), ''), current_setting('xmloption', true), ''), false)""")


def downgrade() -> None:
    # schema.sql:10
    run_sql("""-- pgmend: save the session settings this migration changes
SELECT
    set_config('pgmend.saved_check_function_bodies', current_setting('check_function_bodies', true), false),
    set_config('pgmend.saved_client_encoding', current_setting('client_encoding', true), false),
    set_config('pgmend.saved_client_min_messages', current_setting('client_min_messages', true), false),
    set_config('pgmend.saved_default_table_access_method', current_setting('default_table_access_method', true), false),
    set_config('pgmend.saved_default_tablespace', current_setting('default_tablespace', true), false),
    set_config('pgmend.saved_idle_in_transaction_session_timeout', current_setting('idle_in_transaction_session_timeout', true), false),
    set_config('pgmend.saved_lock_timeout', current_setting('lock_timeout', true), false),
    set_config('pgmend.saved_row_security', current_setting('row_security', true), false),
    set_config('pgmend.saved_search_path', current_setting('search_path', true), false),
    set_config('pgmend.saved_standard_conforming_strings', current_setting('standard_conforming_strings', true), false),
    set_config('pgmend.saved_statement_timeout', current_setting('statement_timeout', true), false),
    set_config('pgmend.saved_xmloption', current_setting('xmloption', true), false)""")

    # schema.sql:10
    run_sql("""SET statement_timeout = 0""")

    # schema.sql:11
    run_sql("""SET lock_timeout = 0""")

    # schema.sql:12
    run_sql("""SET idle_in_transaction_session_timeout = 0""")

    # schema.sql:13
    run_sql("""SET client_encoding = 'UTF8'""")

    # schema.sql:14
    run_sql("""SET standard_conforming_strings = on""")

    # schema.sql:15
    run_sql("""SELECT pg_catalog.set_config('search_path', '', false)""")

    # schema.sql:16
    run_sql("""SET check_function_bodies = false""")

    # schema.sql:17
    run_sql("""SET xmloption = content""")

    # schema.sql:18
    run_sql("""SET client_min_messages = warning""")

    # schema.sql:19
    run_sql("""SET row_security = off""")

    # schema.sql:68
    run_sql("""SET default_tablespace = ''""")

    # schema.sql:70
    run_sql("""SET default_table_access_method = heap""")

    # schema.sql:244
    run_sql("""REVOKE SELECT ON TABLE app.customer_order_totals FROM PUBLIC""")

    # schema.sql:237
    run_sql("""REVOKE USAGE ON SCHEMA app FROM PUBLIC""")

    # schema.sql:229
    run_sql("""ALTER TABLE ONLY app.orders DROP CONSTRAINT IF EXISTS orders_customer_id_fkey""")

    # schema.sql:222
    run_sql("""DROP TRIGGER IF EXISTS customers_set_updated_at ON app.customers""")

    # schema.sql:215
    run_sql("""DROP INDEX IF EXISTS app.orders_status_idx""")

    # schema.sql:208
    run_sql("""DROP INDEX IF EXISTS app.orders_customer_id_placed_at_idx""")

    # schema.sql:200
    run_sql("""ALTER TABLE ONLY app.orders DROP CONSTRAINT IF EXISTS orders_pkey""")

    # schema.sql:192
    run_sql("""ALTER TABLE ONLY app.customers DROP CONSTRAINT IF EXISTS customers_pkey""")

    # schema.sql:184
    run_sql("""ALTER TABLE ONLY app.customers DROP CONSTRAINT IF EXISTS customers_email_key""")

    # schema.sql:177
    run_sql("""ALTER TABLE ONLY app.orders ALTER COLUMN id DROP DEFAULT""")

    # schema.sql:170
    run_sql("""ALTER TABLE ONLY app.customers ALTER COLUMN id DROP DEFAULT""")

    # schema.sql:163
    run_sql("""ALTER SEQUENCE IF EXISTS app.orders_id_seq OWNED BY NONE""")

    # schema.sql:150
    run_sql("""DROP SEQUENCE IF EXISTS app.orders_id_seq""")

    # schema.sql:136
    run_sql("""DROP VIEW IF EXISTS app.customer_order_totals""")

    # schema.sql:129
    run_sql("""COMMENT ON COLUMN app.orders.total_cents IS NULL""")

    # schema.sql:115
    run_sql("""DROP TABLE IF EXISTS app.orders""")

    # schema.sql:108
    run_sql("""ALTER SEQUENCE IF EXISTS app.customers_id_seq OWNED BY NONE""")

    # schema.sql:96
    run_sql("""DROP SEQUENCE IF EXISTS app.customers_id_seq""")

    # schema.sql:89
    run_sql("""COMMENT ON TABLE app.customers IS NULL""")

    # schema.sql:76
    run_sql("""DROP TABLE IF EXISTS app.customers""")

    # schema.sql:58
    run_sql("""-- pgmend: restore the session settings this statement ran under
SELECT
    set_config('default_table_access_method', coalesce(nullif(current_setting('pgmend.saved_default_table_access_method', true), ''), current_setting('default_table_access_method', true), ''), false),
    set_config('default_tablespace', coalesce(nullif(current_setting('pgmend.saved_default_tablespace', true), ''), current_setting('default_tablespace', true), ''), false)""")

    # schema.sql:10
    run_sql("""SET statement_timeout = 0""")

    # schema.sql:11
    run_sql("""SET lock_timeout = 0""")

    # schema.sql:12
    run_sql("""SET idle_in_transaction_session_timeout = 0""")

    # schema.sql:13
    run_sql("""SET client_encoding = 'UTF8'""")

    # schema.sql:14
    run_sql("""SET standard_conforming_strings = on""")

    # schema.sql:15
    run_sql("""SELECT pg_catalog.set_config('search_path', '', false)""")

    # schema.sql:16
    run_sql("""SET check_function_bodies = false""")

    # schema.sql:17
    run_sql("""SET xmloption = content""")

    # schema.sql:18
    run_sql("""SET client_min_messages = warning""")

    # schema.sql:19
    run_sql("""SET row_security = off""")

    # schema.sql:58
    run_sql("""DROP FUNCTION IF EXISTS app.set_updated_at()""")

    # schema.sql:46
    run_sql("""DROP TYPE IF EXISTS app.order_status""")

    # schema.sql:39
    run_sql("""COMMENT ON EXTENSION citext IS NULL""")

    # schema.sql:32
    run_sql("""DROP EXTENSION IF EXISTS citext""")

    # schema.sql:25
    run_sql("""DROP SCHEMA IF EXISTS app""")

    # schema.sql:10
    run_sql("""-- pgmend: restore the session settings saved above
SELECT
    set_config('check_function_bodies', coalesce(nullif(current_setting('pgmend.saved_check_function_bodies', true), ''), current_setting('check_function_bodies', true), ''), false),
    set_config('client_encoding', coalesce(nullif(current_setting('pgmend.saved_client_encoding', true), ''), current_setting('client_encoding', true), ''), false),
    set_config('client_min_messages', coalesce(nullif(current_setting('pgmend.saved_client_min_messages', true), ''), current_setting('client_min_messages', true), ''), false),
    set_config('default_table_access_method', coalesce(nullif(current_setting('pgmend.saved_default_table_access_method', true), ''), current_setting('default_table_access_method', true), ''), false),
    set_config('default_tablespace', coalesce(nullif(current_setting('pgmend.saved_default_tablespace', true), ''), current_setting('default_tablespace', true), ''), false),
    set_config('idle_in_transaction_session_timeout', coalesce(nullif(current_setting('pgmend.saved_idle_in_transaction_session_timeout', true), ''), current_setting('idle_in_transaction_session_timeout', true), ''), false),
    set_config('lock_timeout', coalesce(nullif(current_setting('pgmend.saved_lock_timeout', true), ''), current_setting('lock_timeout', true), ''), false),
    set_config('row_security', coalesce(nullif(current_setting('pgmend.saved_row_security', true), ''), current_setting('row_security', true), ''), false),
    set_config('search_path', coalesce(nullif(current_setting('pgmend.saved_search_path', true), ''), current_setting('search_path', true), ''), false),
    set_config('standard_conforming_strings', coalesce(nullif(current_setting('pgmend.saved_standard_conforming_strings', true), ''), current_setting('standard_conforming_strings', true), ''), false),
    set_config('statement_timeout', coalesce(nullif(current_setting('pgmend.saved_statement_timeout', true), ''), current_setting('statement_timeout', true), ''), false),
    set_config('xmloption', coalesce(nullif(current_setting('pgmend.saved_xmloption', true), ''), current_setting('xmloption', true), ''), false)""")
