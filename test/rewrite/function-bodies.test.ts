/**
 * Which steps create a function whose body Postgres checks at creation (LANGUAGE sql with a
 * string body): those run with check_function_bodies off (test/convert/function-bodies.test.ts
 * runs them on real Postgres). SQL-standard bodies are guarded on the columns they read instead.
 */
import { describe, expect, it } from 'vitest';
import { Definitions, rewriteStatement } from '../../src/rewrite/index.js';
import { ensureParser } from '../../src/sql/parser.js';
import { splitSql, type SqlStatement } from '../../src/sql/split.js';
import { SourceText } from '../../src/source.js';
import { rewriteScript } from '../helpers/rewrite.js';

/** For each statement: are its up steps marked, and which of its down steps are. */
async function marks(sql: string) {
  const { rewrites } = await rewriteScript(sql);
  return rewrites.map((r) => ({ up: r.up.map((s) => Boolean(s.checkedBody)), down: r.down.map((d) => d.kind === 'sql' && Boolean(d.checkedBody)) }));
}

describe('steps run with check_function_bodies off', () => {
  it('every up step of a LANGUAGE sql function or procedure with a string body; not PL/pgSQL, not SQL-standard bodies', async () => {
    const found = await marks(`
      CREATE FUNCTION a() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
      create function b() returns int as 'select 1' language 'SQL';
      CREATE PROCEDURE c() LANGUAGE SQL AS $$ DELETE FROM t $$;
      CREATE FUNCTION d() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
      CREATE FUNCTION e() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
      CREATE FUNCTION f() RETURNS int RETURN 1;
      CREATE FUNCTION a() RETURNS bigint LANGUAGE sql AS $$ SELECT 2 $$`);
    expect(found.map((m) => m.up)).toEqual([[true], [true], [true], [false], [false], [false], [true, true]]);
  });

  it('a DO block recognised as guarding itself, when it creates one', async () => {
    const block = (fn: string) => `DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_class WHERE relname = 't') THEN ${fn}; END IF; END $$`;
    const found = await marks(`${block("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT c FROM t'")};
      ${block("CREATE OR REPLACE FUNCTION g() RETURNS int LANGUAGE plpgsql AS 'BEGIN RETURN 1; END'")}`);
    expect(found.map((m) => m.up)).toEqual([[true], [false]]);
  });

  it('down steps that put a LANGUAGE sql definition back: the body replaced, the function dropped, its attributes altered', async () => {
    const found = await marks(`
      CREATE FUNCTION a(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;
      CREATE OR REPLACE FUNCTION a(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 1 $$;
      ALTER FUNCTION a(int) IMMUTABLE;
      CREATE FUNCTION a(x int) RETURNS bigint LANGUAGE sql AS $$ SELECT 2 $$;
      DROP FUNCTION a(int);
      CREATE FUNCTION p() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
      DROP FUNCTION p()`);
    // The second is defined again below with another result: dropped first, the DROP unmarked both ways.
    expect(found.map((m) => m.down)).toEqual([[false], [false, true], [true], [false, true], [true], [false], [false]]);
  });

  it('none where the migration turned the check off for the session already (pg_dump), and again where it turned it back on', async () => {
    const fn = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$';
    const up = async (sql: string) => (await marks(sql)).map((m) => m.up.some(Boolean));
    expect(await up(`SET check_function_bodies = false; ${fn}`)).toEqual([false, false]);
    expect(await up(`SELECT pg_catalog.set_config('check_function_bodies', 'off', false); ${fn}`)).toEqual([false, false]);
    expect(await up(`SET check_function_bodies = 0; ${fn}; RESET check_function_bodies; ${fn}`)).toEqual([false, false, false, true]);
    expect(await up(`SET check_function_bodies = off; ${fn}; SET check_function_bodies TO on; ${fn}`)).toEqual([false, false, false, true]);
    expect(await up(`SET check_function_bodies = false; RESET ALL; ${fn}`)).toEqual([false, false, true]);
    // SET LOCAL does nothing outside a transaction, set_config(…, true) neither.
    expect(await up(`SET LOCAL check_function_bodies = false; ${fn}`)).toEqual([false, true]);
    expect(await up(`SELECT set_config('check_function_bodies', 'off', true); ${fn}`)).toEqual([false, true]);
  });

  it('looks for that setting only in the statement’s own migration when several run as one revision (squashed)', async () => {
    await ensureParser();
    const stmts = splitSql(new SourceText('m.sql', 'SET check_function_bodies = false;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$')).filter((i): i is SqlStatement => i.kind === 'statement');
    const at = (start: number) => rewriteStatement(stmts[1]!, { pgVersion: 14, defs: new Definitions(), migration: { statements: stmts, index: 1, start } });
    expect(at(0).up[0]!.checkedBody).toBeUndefined();
    expect(at(1).up[0]!.checkedBody).toBe(true);
  });
});

describe('SQL-standard bodies (bound at creation whatever the setting)', () => {
  const column = (table: string, name: string) => `SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"${table}"') AND attname = '${name}' AND NOT attisdropped`;

  it('run only while the columns they read are there, when a later statement renames or drops one', async () => {
    const { up } = await rewriteScript(`CREATE FUNCTION total(lim int) RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT sum(t.c) FROM t WHERE id < lim; END;
CREATE FUNCTION first_c() RETURNS int RETURN (SELECT c FROM t LIMIT 1);
ALTER TABLE t RENAME COLUMN c TO d`);
    expect(up[0]).toContain(`IF EXISTS (${column('t', 'c')}) THEN\nCREATE OR REPLACE FUNCTION total`);
    expect(up[1]).toContain(`IF EXISTS (${column('t', 'c')}) THEN\nCREATE OR REPLACE FUNCTION first_c`);
  });

  it('a parameter is not a column: a column of that name dropped later does not keep the function from being created', async () => {
    const { up } = await rewriteScript(`CREATE FUNCTION count_in(status text) RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM t WHERE t.state = status AND count_in.status <> ''; END;
ALTER TABLE t ADD COLUMN status text;
ALTER TABLE t DROP COLUMN status`);
    expect(up[0]).toBe(`CREATE OR REPLACE FUNCTION count_in(status text) RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM t WHERE t.state = status AND count_in.status <> ''; END`);
  });
});
