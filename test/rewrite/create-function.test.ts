import { describe, expect, it } from 'vitest';
import { rewriteScript } from '../helpers/rewrite.js';
import { rewriteTwice } from './rewrite-again.js';

describe('create-function rule', () => {
  it('adds OR REPLACE and keeps comments, layout and a $$ body with ; byte for byte', async () => {
    const sql = `CREATE /* keep */ FUNCTION public.bump_refcount()
  RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  -- ; inside the body, and a tag-like $pgmend$ text
  UPDATE blobs SET refcount = refcount + 1 WHERE id = NEW.blob_id; -- '$pgmend$'
  RETURN NEW;
END
$$`;
    const { rewrites, up, down } = await rewriteTwice(sql);
    expect(up).toEqual([sql.replace('CREATE /* keep */', 'CREATE OR REPLACE /* keep */')]);
    expect(down).toEqual(['DROP FUNCTION IF EXISTS public.bump_refcount()']);
    expect(rewrites[0]!.fate).toBe('idempotent');
  });

  it('keeps the letter case of the statement and $function$ tags', async () => {
    const sql = `create function "Billing"."Total"(a int, b text default 'x') returns int language sql as $function$ select $1 $function$`;
    const { up, down } = await rewriteTwice(sql);
    expect(up).toEqual([sql.replace('create function', 'create or replace function')]);
    expect(down).toEqual(['DROP FUNCTION IF EXISTS "Billing"."Total"(integer, text)']);
  });

  it('drops by input argument types only: OUT and TABLE parameters are left out, VARIADIC by its array type', async () => {
    const { down } = await rewriteScript(
      `CREATE FUNCTION s.f(IN a varchar(20), OUT b text, INOUT c double precision, VARIADIC d numeric[]) AS 'select 1' LANGUAGE sql;
       CREATE FUNCTION s.g(x timestamptz[]) RETURNS TABLE (id bigint, name text) AS 'select 1, 2' LANGUAGE sql`,
    );
    expect(down).toEqual([
      'DROP FUNCTION IF EXISTS s.g(timestamp with time zone[])',
      'DROP FUNCTION IF EXISTS s.f(character varying, double precision, numeric[])',
    ]);
  });

  it('handles procedures and LANGUAGE sql BEGIN ATOMIC bodies', async () => {
    const sql = `CREATE PROCEDURE archive(days integer)
LANGUAGE sql
BEGIN ATOMIC
  DELETE FROM events WHERE created < now() - make_interval(days => days);
  INSERT INTO audit(note) VALUES ('archived;');
END`;
    const { up, down } = await rewriteTwice(sql);
    expect(up).toEqual([sql.replace('CREATE PROCEDURE', 'CREATE OR REPLACE PROCEDURE')]);
    expect(down).toEqual(['DROP PROCEDURE IF EXISTS archive(integer)']);
  });

  it('keeps CREATE OR REPLACE as written', async () => {
    const sql = `CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql`;
    const { rewrites, up } = await rewriteTwice(sql);
    expect(up).toEqual([sql]);
    expect(rewrites[0]!.fate).toBe('kept');
  });

  it('restores the earlier definition on down when a function is redefined', async () => {
    const v1 = `CREATE FUNCTION f(a int) RETURNS int AS $$ SELECT a $$ LANGUAGE sql`;
    const v2 = `CREATE OR REPLACE FUNCTION public.f(a integer) RETURNS int AS $$ SELECT a + 1 $$ LANGUAGE sql`;
    const { rewrites, down } = await rewriteScript(`${v1};\n${v2}`);
    expect(rewrites[1]!.down).toEqual([{ kind: 'sql', sql: v1.replace('CREATE', 'CREATE OR REPLACE'), checkedBody: true }]);
    expect(down).toEqual([v1.replace('CREATE', 'CREATE OR REPLACE'), 'DROP FUNCTION IF EXISTS f(integer)']);
  });

  it('drops and recreates, with a warning, when the return type changes', async () => {
    const v1 = `CREATE FUNCTION f(a int) RETURNS int AS $$ SELECT a $$ LANGUAGE sql`;
    const v2 = `CREATE FUNCTION f(a int) RETURNS bigint AS $$ SELECT a::bigint $$ LANGUAGE sql`;
    const { rewrites } = await rewriteScript(`${v1};\n${v2}`);
    const r = rewrites[1]!;
    expect(r.up.map((s) => s.sql)).toEqual(['DROP FUNCTION IF EXISTS f(integer)', v2.replace('CREATE', 'CREATE OR REPLACE')]);
    expect(r.down).toEqual([
      { kind: 'sql', sql: 'DROP FUNCTION IF EXISTS f(integer)' },
      { kind: 'sql', sql: v1.replace('CREATE', 'CREATE OR REPLACE'), checkedBody: true },
    ]);
    expect(r.findings.map((f) => [f.code, f.severity, f.location?.line])).toEqual([['function-recreated', 'warning', 2]]);
    await rewriteTwice(`${v1};\n${v2}`); // the DROP it wrote makes the second pass see no redefinition
  });

  it('treats a change of OUT parameters as a result change, but not a body change', async () => {
    const { rewrites } = await rewriteScript(
      `CREATE FUNCTION f(a int, OUT b int) AS 'select 1' LANGUAGE sql;
       CREATE FUNCTION f(a int, OUT c int) AS 'select 1' LANGUAGE sql;
       CREATE FUNCTION f(a int, OUT c int) AS 'select 2' LANGUAGE sql`,
    );
    expect(rewrites.map((r) => r.up.length)).toEqual([1, 2, 1]);
  });
});
