--
-- PostgreSQL database dump
--

\restrict Xq7kVb2mRz9TfL4pWn8sYc3HdJ6gUa1eKo5iNtB0rMvQwEyZxCuPjGlDhSaIfR3w

-- Dumped from database version 16.10 (Debian 16.10-1.pgdg120+1)
-- Dumped by pg_dump version 17.6 (Debian 17.6-1.pgdg120+1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: app; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app;


--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;


--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';


--
-- Name: order_status; Type: TYPE; Schema: app; Owner: -
--

CREATE TYPE app.order_status AS ENUM (
    'pending',
    'paid',
    'shipped',
    'cancelled'
);


--
-- Name: set_updated_at(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: customers; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.customers (
    id bigint NOT NULL,
    email public.citext NOT NULL,
    display_name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE customers; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.customers IS 'People who can place orders.';


--
-- Name: customers_id_seq; Type: SEQUENCE; Schema: app; Owner: -
--

CREATE SEQUENCE app.customers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: customers_id_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: -
--

ALTER SEQUENCE app.customers_id_seq OWNED BY app.customers.id;


--
-- Name: orders; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.orders (
    id integer NOT NULL,
    customer_id bigint NOT NULL,
    status app.order_status DEFAULT 'pending'::app.order_status NOT NULL,
    total_cents integer NOT NULL,
    placed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT orders_total_cents_check CHECK ((total_cents >= 0))
);


--
-- Name: COLUMN orders.total_cents; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.orders.total_cents IS 'Order total in euro cents, taxes included.';


--
-- Name: customer_order_totals; Type: VIEW; Schema: app; Owner: -
--

CREATE VIEW app.customer_order_totals AS
 SELECT c.id AS customer_id,
    c.email,
    count(o.id) AS order_count,
    COALESCE(sum(o.total_cents), (0)::bigint) AS total_cents
   FROM (app.customers c
     LEFT JOIN app.orders o ON ((o.customer_id = c.id)))
  GROUP BY c.id, c.email;


--
-- Name: orders_id_seq; Type: SEQUENCE; Schema: app; Owner: -
--

CREATE SEQUENCE app.orders_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: orders_id_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: -
--

ALTER SEQUENCE app.orders_id_seq OWNED BY app.orders.id;


--
-- Name: customers id; Type: DEFAULT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.customers ALTER COLUMN id SET DEFAULT nextval('app.customers_id_seq'::regclass);


--
-- Name: orders id; Type: DEFAULT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.orders ALTER COLUMN id SET DEFAULT nextval('app.orders_id_seq'::regclass);


--
-- Name: customers customers_email_key; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.customers
    ADD CONSTRAINT customers_email_key UNIQUE (email);


--
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- Name: orders_customer_id_placed_at_idx; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX orders_customer_id_placed_at_idx ON app.orders USING btree (customer_id, placed_at DESC);


--
-- Name: orders_status_idx; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX orders_status_idx ON app.orders USING btree (status) WHERE (status = ANY (ARRAY['pending'::app.order_status, 'paid'::app.order_status]));


--
-- Name: customers customers_set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER customers_set_updated_at BEFORE UPDATE ON app.customers FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();


--
-- Name: orders orders_customer_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app.customers(id) ON DELETE RESTRICT;


--
-- Name: SCHEMA app; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA app TO PUBLIC;


--
-- Name: TABLE customer_order_totals; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.customer_order_totals TO PUBLIC;


--
-- PostgreSQL database dump complete
--

\unrestrict Xq7kVb2mRz9TfL4pWn8sYc3HdJ6gUa1eKo5iNtB0rMvQwEyZxCuPjGlDhSaIfR3w

