import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';
import { GUARD_TABLES, GUARD_TESTED, GUARD_UNTESTED, guardBlock } from './do-guard-cases.js';

const TABLES = 'CREATE TABLE users (id text PRIMARY KEY);\nCREATE TABLE posts (id text PRIMARY KEY, user_id text);';

describe('self-guarded DO blocks', () => {
  it("Drizzle's foreign key, ignoring duplicate_object: kept, undone by dropping the constraint", async () => {
    const sql = `DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$`;
    const { up, down, rewrites } = await rewriteAfter(TABLES, sql);
    expect(up).toEqual([sql]);
    expect(rewrites[0]).toMatchObject({ fate: 'kept', how: 'DO block that ignores duplicate_object', findings: [] });
    expect(down).toEqual(['ALTER TABLE posts DROP CONSTRAINT IF EXISTS posts_user_id_fk']);
  });

  it('IF NOT EXISTS around several statements: kept; undone in reverse, and what they define is recorded', async () => {
    const sql = `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
    CREATE TYPE mood AS ENUM ('happy', 'sad');
    ALTER TABLE posts ADD COLUMN mood mood;
  END IF;
END $$`;
    const { down, rewrites, defs } = await rewriteAfter(TABLES, sql);
    expect(rewrites[0]).toMatchObject({ fate: 'kept', how: 'DO block guarded by IF NOT EXISTS' });
    expect(down).toEqual(['ALTER TABLE posts DROP COLUMN IF EXISTS mood', 'DROP TYPE IF EXISTS mood']);
    expect(defs.has('column', 'public.posts.mood')).toBe(true);
  });

  it('a RAISE NOTICE beside the guarded DDL only reports: the block is still recognised; RAISE EXCEPTION is not', async () => {
    const sql = `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'posts_user_fk') THEN
    ALTER TABLE posts ADD CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
    RAISE NOTICE 'added posts_user_fk';
  END IF;
END $$`;
    const { down, rewrites } = await rewriteAfter(TABLES, sql);
    expect(rewrites[0]).toMatchObject({ fate: 'kept', how: 'DO block guarded by IF NOT EXISTS' });
    expect(down).toEqual(['ALTER TABLE posts DROP CONSTRAINT IF EXISTS posts_user_fk']);
    const failing = await rewriteAfter(TABLES, sql.replace("RAISE NOTICE 'added posts_user_fk'", "RAISE EXCEPTION 'stop'"));
    expect(failing.rewrites[0]!.fate).toBe('review');
  });

  it('statements that can run twice as written, under IF EXISTS or a handler that only warns: kept, undone under the same test', async () => {
    const sql = "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN GRANT SELECT ON posts TO anon; END IF; END $$";
    const { rewrites, down } = await rewriteAfter(TABLES, sql);
    expect(rewrites[0]).toMatchObject({ fate: 'kept', how: 'DO block guarded by IF EXISTS' });
    expect(down).toEqual([`DO $pgmend$\nBEGIN\n  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN\nREVOKE SELECT ON posts FROM anon;\n  END IF;\nEND\n$pgmend$`]);
    const owner = await rewriteAfter(TABLES, "DO $$ BEGIN ALTER TABLE posts OWNER TO app; EXCEPTION WHEN OTHERS THEN RAISE WARNING 'could not'; END $$");
    expect(owner.rewrites[0]).toMatchObject({ fate: 'kept', how: 'DO block that ignores others' });
  });

  it('a role created inside a DO block gets the warning CREATE ROLE gets: the downgrade drops a cluster-wide role the block may not have made', async () => {
    const sql = "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'app') THEN CREATE ROLE app LOGIN PASSWORD 'x'; END IF; END $$";
    const { rewrites, down } = await rewriteAfter('', sql);
    expect(rewrites[0]).toMatchObject({ fate: 'kept', findings: [{ code: 'role-cluster-global', severity: 'warning', message: expect.stringContaining('creates it only when it is missing') }] });
    expect(down).toEqual(['DROP ROLE IF EXISTS app']);
    const ignored = await rewriteAfter('', 'DO $$ BEGIN CREATE ROLE app; EXCEPTION WHEN duplicate_object THEN null; END $$');
    expect(ignored.rewrites[0]!.findings.map((f) => f.code)).toEqual(['role-cluster-global']);
  });

  it('IF NOT EXISTS with a handler that only notes errors: the guard is read as without the handler', async () => {
    const sql = `DO $do$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'windmill_user') THEN
    CREATE ROLE windmill_user;
  END IF;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'error creating the windmill_user role: %', SQLERRM;
END
$do$`;
    const { rewrites, down } = await rewriteAfter('', sql);
    expect(rewrites[0]).toMatchObject({ fate: 'kept', how: 'DO block guarded by IF NOT EXISTS that ignores others', findings: [{ code: 'role-cluster-global' }] });
    expect(down).toEqual(['DROP ROLE IF EXISTS windmill_user']);
    // The IF must still test what the block creates, and a handler that acts is still no guard.
    const untested = sql.replace("rolname = 'windmill_user'", "rolname = 'someone_else'");
    expect((await rewriteAfter('', untested)).rewrites[0]).toMatchObject({ fate: 'review', findings: [{ code: 'do-block' }, { code: 'role-cluster-global' }] });
    const acting = sql.replace("RAISE NOTICE 'error creating the windmill_user role: %', SQLERRM;", 'DELETE FROM pg_temp.x;');
    expect((await rewriteAfter('', acting)).rewrites[0]).toMatchObject({ fate: 'review', findings: [{ code: 'do-block' }] });
  });

  it('other shapes stay for review: IF EXISTS around what cannot run twice, a handler that acts, an exception other than "already there", DML inside', async () => {
    for (const sql of [
      "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN CREATE TABLE t (id int); END IF; END $$",
      'DO $$ BEGIN ALTER TABLE posts ADD COLUMN x int; EXCEPTION WHEN duplicate_column THEN UPDATE posts SET x = 1; END $$',
      'DO $$ BEGIN ALTER TABLE posts ADD COLUMN x int; EXCEPTION WHEN others THEN null; END $$',
      "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM posts) THEN INSERT INTO posts VALUES ('1', NULL); UPDATE posts SET user_id = user_id || 'x'; END IF; END $$",
      "DO $$ BEGIN EXECUTE 'CREATE TABLE t (id int)'; EXCEPTION WHEN duplicate_table THEN null; END $$",
    ]) {
      const { rewrites } = await rewriteAfter(TABLES, sql);
      expect([sql, rewrites[0]!.fate]).toEqual([sql, 'review']);
    }
  });

  it('a condition in redundant parentheses is the same guard (temporal: IF ( NOT EXISTS (…) ) THEN, also under DO LANGUAGE)', async () => {
    const ext = "select extname from pg_extension where extname = 'btree_gin'";
    for (const [head, cond] of [
      ["DO LANGUAGE 'plpgsql' $$", `( NOT EXISTS (${ext}) )`],
      ['DO $$', `( NOT EXISTS (${ext}) )`],
      ['DO $$', `((NOT (EXISTS (${ext}))))`],
      ['DO $$', `NOT (EXISTS (${ext}))`],
      ['DO $$', `(NOT EXISTS (${ext})) AND (to_regclass('nothing') IS NULL)`],
      ['DO $$', `to_regnamespace('x') IS NULL AND NOT EXISTS (${ext})`],
    ]) {
      const sql = `${head}\n    BEGIN\n        IF ${cond} THEN\n            CREATE EXTENSION btree_gin;\n        END IF;\n    END;\n$$`;
      const { up, down, rewrites } = await rewriteAfter('', sql);
      expect([cond, rewrites[0]!.fate, rewrites[0]!.how, rewrites[0]!.findings]).toEqual([cond, 'kept', 'DO block guarded by IF NOT EXISTS', []]);
      expect(up).toEqual([sql]);
      expect(down).toEqual(['DROP EXTENSION IF EXISTS btree_gin']);
    }
    const present = "DO $$ BEGIN IF ( EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') ) THEN GRANT SELECT ON posts TO anon; END IF; END $$";
    expect((await rewriteAfter(TABLES, present)).rewrites[0]).toMatchObject({ fate: 'kept', how: 'DO block guarded by IF EXISTS' });
    // Not a test of absence: OR, a count.
    for (const cond of [`NOT EXISTS (${ext}) OR true`, `(SELECT count(*) FROM pg_extension WHERE extname = 'btree_gin') = 0`]) {
      const { rewrites } = await rewriteAfter('', `DO $$ BEGIN IF ${cond} THEN CREATE EXTENSION btree_gin; END IF; END $$`);
      expect([cond, rewrites[0]!.fate]).toEqual([cond, 'review']);
    }
  });

  it('IF NOT EXISTS counts as a guard only if its condition tests what the block creates', async () => {
    for (const [cond, ddl] of GUARD_TESTED) {
      const { rewrites } = await rewriteAfter(GUARD_TABLES, guardBlock(cond, ddl));
      expect([cond, rewrites[0]!.fate, rewrites[0]!.findings]).toEqual([cond, 'kept', []]);
    }
    for (const [cond, ddl, why] of GUARD_UNTESTED) {
      const { rewrites, down } = await rewriteAfter(GUARD_TABLES, guardBlock(cond, ddl));
      expect([cond, rewrites[0]!.fate, rewrites[0]!.how, rewrites[0]!.findings.map((f) => f.code)]).toEqual([cond, 'review', 'DO block, review', ['do-block']]);
      expect(rewrites[0]!.findings[0]!.message).toContain('DO block, review: its IF condition does not test the object it creates: ');
      expect(rewrites[0]!.findings[0]!.message).toContain(why);
      expect(rewrites[0]!.findings[0]!.message).toMatch(/so a second run would run its DDL again$/);
      // Its downgrade is still that of the DDL inside (an enum label's is a note).
      expect([cond, down.length + rewrites[0]!.down.filter((d) => d.kind === 'note' && /label/.test(d.text)).length]).toEqual([cond, 1]);
    }
  });

  it('the condition need only test one of the objects the block creates; statements that run twice anyway need no test', async () => {
    const sql = `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
    CREATE TABLE feelings (id int);
    CREATE TYPE mood AS ENUM ('happy');
  END IF;
END $$`;
    expect((await rewriteAfter(TABLES, sql)).rewrites[0]!.fate).toBe('kept');
    const grant = "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nobody') THEN GRANT SELECT ON posts TO PUBLIC; END IF; END $$";
    expect((await rewriteAfter(TABLES, grant)).rewrites[0]!.fate).toBe('kept');
  });
});
