import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

describe('create-table rule', () => {
  it('inserts IF NOT EXISTS and keeps comments and layout', async () => {
    const sql = `create  TEMPORARY table "Odd"."Name" (  -- keep me
  id int, /* and me */ v text
)`;
    const { up, down, rewrites } = await rewriteAfter('', sql);
    expect(up).toEqual([`create  TEMPORARY table IF NOT EXISTS "Odd"."Name" (  -- keep me
  id int, /* and me */ v text
)`]);
    expect(down).toEqual(['DROP TABLE IF EXISTS "Odd"."Name"']);
    expect(rewrites[0]).toMatchObject({ fate: 'idempotent', how: 'added IF NOT EXISTS', findings: [] });
  });

  it('keeps a statement that already has IF NOT EXISTS', async () => {
    const { up, rewrites } = await rewriteAfter('', 'CREATE TABLE IF NOT EXISTS t (a int)');
    expect(up).toEqual(['CREATE TABLE IF NOT EXISTS t (a int)']);
    expect(rewrites[0]!.fate).toBe('kept');
  });

  it('records columns, their type, default and NOT NULL, and constraints under Postgres names', async () => {
    const { defs } = await rewriteAfter(
      '',
      `CREATE TABLE s.users (
  id bigserial PRIMARY KEY,
  email varchar(200) NOT NULL DEFAULT '' UNIQUE,
  org int REFERENCES orgs (id) ON DELETE SET NULL,
  score numeric(5, 2) CHECK (score > 0),
  CONSTRAINT named CHECK (email <> ''),
  UNIQUE (org, email)
)`,
    );
    expect(defs.names('column', 's.users.')).toEqual(['s.users.id', 's.users.email', 's.users.org', 's.users.score']);
    expect(defs.get('column', 's.users.email')).toBe(`email varchar(200) NOT NULL DEFAULT '' UNIQUE`);
    expect(defs.get('column-type', 's.users.score')).toBe('numeric(5, 2)');
    expect(defs.get('column-default', 's.users.email')).toBe(`''`);
    expect(defs.get('column-not-null', 's.users.email')).toBe('true');
    expect(defs.get('column-not-null', 's.users.org')).toBe('false');
    expect(Object.fromEntries(defs.names('constraint', 's.users.').map((k) => [k, defs.get('constraint', k)]))).toEqual({
      's.users.users_pkey': 'PRIMARY KEY (id)',
      's.users.users_email_key': 'UNIQUE (email)',
      's.users.users_org_fkey': 'FOREIGN KEY (org) REFERENCES orgs (id) ON DELETE SET NULL',
      's.users.users_score_check': 'CHECK (score > 0)',
      's.users.named': `CHECK (email <> '')`,
      's.users.users_org_email_key': 'UNIQUE (org, email)',
    });
    expect(defs.has('sequence', 's.users_id_seq')).toBe(true);
  });

  it('records the idempotent text for a later DROP TABLE to restore', async () => {
    const { defs } = await rewriteAfter('', 'CREATE TABLE t (a int)');
    expect(defs.get('table', 'public.t')).toBe('CREATE TABLE IF NOT EXISTS t (a int)');
  });
});

describe('frozen defaults', () => {
  it("warns about DEFAULT 'now()' on a date/time column and in SET DEFAULT, not about the text 'now'", async () => {
    const { rewrites } = await rewriteAfter('', "CREATE TABLE t (a timestamptz DEFAULT 'now()', b date DEFAULT 'today'::date, c timestamptz DEFAULT now(), d text DEFAULT 'now')");
    expect(rewrites[0]!.findings.filter((f) => f.code === 'frozen-default').map((f) => f.message.split(' is ')[0])).toEqual(["DEFAULT 'now()'", "DEFAULT 'today'"]);
    const { rewrites: alter } = await rewriteAfter('CREATE TABLE t (a timestamptz, d text)', "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'now()', ALTER COLUMN d SET DEFAULT 'now'");
    expect(alter[0]!.findings.filter((f) => f.code === 'frozen-default')).toHaveLength(1);
  });
});
