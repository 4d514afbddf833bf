/**
 * The rules for statistics, rules, event triggers, publications, casts, sequences, session
 * settings, composite type attributes and statements that are re-runnable as written, on real Postgres: each revision
 * runs twice (objects exist once, no catalog change), then its downgrade leaves the catalogs as
 * they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSnapshot } from '../helpers/catalog.js';
import { testDatabase, type TestDatabase } from '../helpers/database.js';
import { Definitions } from '../../src/rewrite/index.js';
import { rewriteScript, runAll } from '../helpers/rewrite.js';

const SETUP = `
CREATE SCHEMA app;
CREATE TABLE app.events (id int, kind text, at date);
CREATE TYPE app.level AS ENUM ('low', 'high');
CREATE SCHEMA archive;
CREATE DOMAIN app.posint AS int CHECK (VALUE > 0);
CREATE TYPE app.address AS (street text, zip text);
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_touch BEFORE INSERT ON app.events FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE POLICY p_all ON app.events USING (true);
CREATE FUNCTION app.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
`;

const SCRIPT = `
SET search_path = app, public;
SELECT pg_catalog.set_config('statement_timeout', '0', false);
CREATE STATISTICS app.events_kind_at (dependencies) ON kind, at FROM events;
CREATE RULE no_delete AS ON DELETE TO events DO INSTEAD NOTHING;
CREATE EVENT TRIGGER "pgmend ddl log" ON ddl_command_end EXECUTE PROCEDURE app.log_ddl();
CREATE PUBLICATION "pgmend events" FOR TABLE events;
CREATE CAST (text AS app.level) WITH INOUT;
CREATE SEQUENCE events_id_seq;
ALTER SEQUENCE events_id_seq OWNED BY events.id;
ALTER SEQUENCE events_id_seq INCREMENT BY 5;
ALTER FUNCTION app.log_ddl() SET work_mem = '8MB';
ALTER FUNCTION app.log_ddl() OWNER TO CURRENT_USER;
ANALYZE events;
CREATE TABLE moved (a int);
ALTER TABLE moved SET SCHEMA archive;
ALTER DOMAIN posint SET SCHEMA archive;
CREATE AGGREGATE app.text_concat (text) (sfunc = textcat, stype = text, initcond = '');
CREATE COLLATION app.plain FROM "C";
CREATE TEXT SEARCH DICTIONARY app.simple_dict (TEMPLATE = simple);
CREATE TEXT SEARCH CONFIGURATION app.plain_fts (COPY = english);
CREATE OPERATOR app.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);
ALTER DOMAIN archive.posint ADD CONSTRAINT posint_small CHECK (VALUE < 1000);
ALTER DOMAIN archive.posint SET DEFAULT 1;
CREATE FOREIGN DATA WRAPPER pgmend_dummy;
CREATE SERVER pgmend_server FOREIGN DATA WRAPPER pgmend_dummy;
CREATE USER MAPPING FOR CURRENT_USER SERVER pgmend_server;
CREATE FOREIGN TABLE app.remote (a int) SERVER pgmend_server;
ALTER TRIGGER t_touch ON events RENAME TO events_touch;
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_stamp BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION stamp();
ALTER FUNCTION stamp() RENAME TO stamp_row;
ALTER TRIGGER t_stamp ON events RENAME TO events_stamp;
ALTER FUNCTION touch() RENAME TO touch_row;
ALTER POLICY p_all ON events RENAME TO events_all;
ALTER TYPE address RENAME ATTRIBUTE zip TO postcode;
ALTER TYPE address ADD ATTRIBUTE city text, ADD ATTRIBUTE "Country" varchar(2);
`;

const COUNT = `SELECT
  (SELECT count(*) FROM pg_statistic_ext WHERE stxname = 'events_kind_at') AS stats,
  (SELECT count(*) FROM pg_rewrite WHERE rulename = 'no_delete') AS rules,
  (SELECT count(*) FROM pg_event_trigger WHERE evtname = 'pgmend ddl log') AS event_triggers,
  (SELECT count(*) FROM pg_publication WHERE pubname = 'pgmend events') AS publications,
  (SELECT count(*) FROM pg_cast WHERE casttarget = to_regtype('app.level')) AS casts,
  (SELECT count(*) FROM pg_depend WHERE objid = to_regclass('app.events_id_seq') AND deptype = 'a') AS owned,
  (SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('app.address') AND attnum > 0 AND NOT attisdropped) AS attributes,
  (SELECT count(*) FROM pg_class WHERE relname = 'moved' AND relnamespace = 'archive'::regnamespace)
    + (SELECT count(*) FROM pg_type WHERE typname = 'posint' AND typnamespace = 'archive'::regnamespace) AS moved,
  (SELECT count(*) FROM pg_aggregate WHERE aggfnoid = to_regproc('app.text_concat'))
    + (SELECT count(*) FROM pg_collation WHERE collname = 'plain')
    + (SELECT count(*) FROM pg_ts_dict WHERE dictname = 'simple_dict')
    + (SELECT count(*) FROM pg_ts_config WHERE cfgname = 'plain_fts')
    + (SELECT count(*) FROM pg_operator WHERE oprname = '===')
    + (SELECT count(*) FROM pg_constraint WHERE conname = 'posint_small')
    + (SELECT count(*) FROM pg_foreign_data_wrapper WHERE fdwname = 'pgmend_dummy')
    + (SELECT count(*) FROM pg_foreign_server WHERE srvname = 'pgmend_server')
    + (SELECT count(*) FROM pg_user_mappings WHERE srvname = 'pgmend_server')
    + (SELECT count(*) FROM pg_class WHERE relname = 'remote') AS defined,
  (SELECT string_agg(n, ',' ORDER BY n) FROM (SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal UNION ALL SELECT polname FROM pg_policy
    UNION ALL SELECT proname FROM pg_proc WHERE pronamespace = 'app'::regnamespace UNION ALL SELECT attname FROM pg_attribute WHERE attrelid = to_regclass('app.address') AND NOT attisdropped) x(n)) AS names`;

describe.each([18, 13] as const)('rewrite rules C on Postgres %i', (version) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase('rewrite-c', version);
    await db.client.query(SETUP);
  });
  afterAll(async () => {
    await db?.client.query(`DROP EVENT TRIGGER IF EXISTS "pgmend ddl log"; DROP PUBLICATION IF EXISTS "pgmend events"`);
    await db?.drop();
  });

  it('runs twice, counts each object once, and rolls back to the catalogs before', async () => {
    const rev = await rewriteScript(SCRIPT, db.serverVersion);
    expect(rev.rewrites.map((r) => r.fate)).not.toContain('review');
    const counts = async () => (await db.client.query(COUNT)).rows[0];
    const before = await catalogSnapshot(db.client);
    await runAll(db.client, rev.up);
    const once = await catalogSnapshot(db.client);
    await runAll(db.client, rev.up);
    expect(await catalogSnapshot(db.client)).toEqual(once);
    expect(await counts()).toEqual({ stats: '1', rules: '1', event_triggers: '1', publications: '1', casts: '1', owned: '1', attributes: '4', moved: '2', defined: '10', names: 'Country,city,events_all,events_stamp,events_touch,log_ddl,postcode,stamp_row,street,text_concat,touch_row' });
    await runAll(db.client, rev.down);
    expect(await counts()).toEqual({ stats: '0', rules: '0', event_triggers: '0', publications: '0', casts: '0', owned: '0', attributes: '2', moved: '0', defined: '0', names: 'log_ddl,p_all,street,t_touch,touch,zip' });
    // ALTER FUNCTION … SET is left as it is on the way down (its downgrade is a note).
    expect(rev.rewrites.find((r) => r.up[0]!.sql.includes('work_mem'))!.down).toEqual([{ kind: 'note', text: 'ALTER FUNCTION at test.sql:12 is left as it is' }]);
    // So is ALTER DOMAIN … SET DEFAULT.
    await db.client.query('RESET search_path; ALTER FUNCTION app.log_ddl() RESET work_mem; ALTER DOMAIN app.posint DROP DEFAULT');
    expect(await catalogSnapshot(db.client)).toEqual(before);
  });

  it('moves a function overload to another schema and drops a role: twice without change, then back', async () => {
    const role = `pgmend_r_${process.pid}`;
    const defs = new Definitions();
    const earlier = await rewriteScript(
      `CREATE SCHEMA fn_a; CREATE SCHEMA fn_b; CREATE FUNCTION fn_a.f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;\nCREATE FUNCTION fn_a.f(a text) RETURNS text LANGUAGE sql AS $$ SELECT a $$;\nCREATE ROLE ${role} NOLOGIN`,
      db.serverVersion,
      defs,
    );
    await runAll(db.client, earlier.up);
    const before = await catalogSnapshot(db.client);
    const rev = await rewriteScript(`ALTER FUNCTION fn_a.f(int) SET SCHEMA fn_b;\nDROP ROLE ${role}`, db.serverVersion, defs);
    expect(rev.rewrites.map((r) => r.fate)).toEqual(['idempotent', 'idempotent']);
    const where = async () => (await db.client.query(`SELECT p.oid::regprocedure::text AS f FROM pg_proc p WHERE proname = 'f' ORDER BY 1`)).rows.map((r) => r.f);
    const roles = async () => Number((await db.client.query(`SELECT count(*) FROM pg_roles WHERE rolname = $1`, [role])).rows[0].count);
    await runAll(db.client, rev.up);
    await runAll(db.client, rev.up);
    expect(await where()).toEqual(['fn_a.f(text)', 'fn_b.f(integer)']);
    expect(await roles()).toBe(0);
    await runAll(db.client, rev.down);
    expect(await where()).toEqual(['fn_a.f(integer)', 'fn_a.f(text)']);
    expect(await roles()).toBe(1);
    expect(await catalogSnapshot(db.client)).toEqual(before);
    await runAll(db.client, earlier.down);
  });

  it('ALTER POLICY runs twice, and its downgrade puts back the policy as created; a later DROP POLICY restores the altered one', async () => {
    const defs = new Definitions();
    const earlier = await rewriteScript('CREATE TABLE app.docs (owner text);\nCREATE POLICY own ON app.docs FOR SELECT TO PUBLIC USING (owner = current_user)', db.serverVersion, defs);
    await runAll(db.client, earlier.up);
    const policy = async () => (await db.client.query(`SELECT polcmd, pg_get_expr(polqual, polrelid) AS qual FROM pg_policy WHERE polname = 'own'`)).rows;
    const before = await catalogSnapshot(db.client);
    const rev = await rewriteScript('ALTER POLICY own ON app.docs USING (true)', db.serverVersion, defs);
    expect(rev.rewrites[0]!.fate).toBe('kept');
    await runAll(db.client, rev.up);
    await runAll(db.client, rev.up);
    expect(await policy()).toEqual([{ polcmd: 'r', qual: 'true' }]);
    const dropped = await rewriteScript('DROP POLICY own ON app.docs', db.serverVersion, defs);
    await runAll(db.client, dropped.up);
    await runAll(db.client, dropped.down);
    expect(await policy()).toEqual([{ polcmd: 'r', qual: 'true' }]);
    await runAll(db.client, rev.down);
    expect(await policy()).toEqual([{ polcmd: 'r', qual: '(owner = CURRENT_USER)' }]);
    expect(await catalogSnapshot(db.client)).toEqual(before);
    await runAll(db.client, earlier.down);
  });

  it('a dropped serial sequence comes back owned by its renamed column and continues after its values; a dropped key column comes back on a table with rows', async () => {
    for (const rows of [3, 0]) {
      const defs = new Definitions();
      const created = await rewriteScript(`CREATE TABLE app.items_${rows} (sku int PRIMARY KEY, id serial, name text)`, db.serverVersion, defs);
      await runAll(db.client, created.up);
      await db.client.query(`INSERT INTO app.items_${rows} (sku, name) SELECT g, 'n' FROM generate_series(1, ${rows}) g`);
      const later = await rewriteScript(
        // Renamed first: the sequence's OWNED BY must follow the table and column.
        `ALTER TABLE app.items_${rows} RENAME TO stock_${rows};\nALTER TABLE app.stock_${rows} RENAME COLUMN id TO item_id;\n` +
          `ALTER TABLE app.stock_${rows} DROP COLUMN sku;\nALTER TABLE app.stock_${rows} ALTER COLUMN item_id DROP DEFAULT;\nDROP SEQUENCE app.items_${rows}_id_seq`,
        db.serverVersion,
        defs,
      );
      await runAll(db.client, later.up);
      await runAll(db.client, later.down);
      const { rows: inserted } = await db.client.query(`INSERT INTO app.items_${rows} (sku, name) VALUES (100, 'x') RETURNING id`);
      expect(inserted[0].id).toBe(rows + 1);
      const { rows: key } = await db.client.query(`SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'app.items_${rows}'::regclass AND contype = 'p'`);
      expect(key[0].n).toBe(rows ? 0 : 1); // the key needs the values the drop lost
    }
  });
});
