/**
 * Whole revisions that create something and later, in the same revision, rename or drop it,
 * on real Postgres 18 and 13. Each revision runs the way Alembic runs it: one transaction,
 * with non-transactional steps between commits. Re-running the whole revision must change
 * nothing; its downgrade must undo it; and it must run again after that.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Definitions, rewriteStatement, type Rewrite } from '../../src/rewrite/index.js';
import { ensureParser } from '../../src/sql/parser.js';
import { splitSql, type SqlStatement } from '../../src/sql/split.js';
import { SourceText } from '../../src/source.js';
import { catalogSnapshot, rowCounts } from '../helpers/catalog.js';
import { testDatabase, type TestDatabase } from '../helpers/database.js';
import { rewriteScript, runAll } from '../helpers/rewrite.js';

/** An earlier revision: what the revision under test finds. */
const EARLIER = `
CREATE TABLE legacy (id int PRIMARY KEY, note text);
CREATE TYPE status AS ENUM ('new', 'done');
CREATE TABLE tasks (id int PRIMARY KEY, state status NOT NULL DEFAULT 'new');
CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL, plan text);
INSERT INTO accounts (id, email, plan) VALUES (1, 'a@example.com', '1'), (2, 'b@example.com', '2');
`;

/** One revision: creates a table, indexes, a type and columns, then renames, drops and alters them. */
const REVISION = `
CREATE TYPE mood AS ENUM ('sad', 'ok');
ALTER TYPE mood ADD VALUE 'glad';
CREATE TABLE draft (id int PRIMARY KEY, title text, body text, score int);
CREATE INDEX draft_title_idx ON draft (title);
CREATE VIEW draft_summaries AS SELECT d.id, d.title FROM draft d;
CREATE TABLE notes (id int PRIMARY KEY, txt text);
CREATE VIEW note_texts AS SELECT n.id, n.txt FROM notes n;
CREATE INDEX ON draft (lower(body));
CREATE INDEX ON draft (score);
ALTER TABLE draft ADD COLUMN feeling mood, ADD COLUMN summary text;
ALTER TABLE draft ALTER COLUMN body SET DEFAULT '', ALTER COLUMN score TYPE bigint;
ALTER TABLE draft ADD CONSTRAINT draft_score_check CHECK (score >= 0);
ALTER TABLE draft ADD CONSTRAINT draft_title_key UNIQUE (title);
COMMENT ON COLUMN draft.summary IS 'one line';
COMMENT ON TABLE public.draft IS 'work in progress';
CREATE TABLE staging (id int, note text);
INSERT INTO staging (id, note) VALUES (1, 'first'), (2, 'second');
INSERT INTO draft (id, title, summary) SELECT id, note, note FROM staging;
DROP TABLE staging;
ALTER TABLE legacy ADD COLUMN extra int;
ALTER TABLE legacy RENAME TO archive;
ALTER TABLE draft RENAME COLUMN summary TO abstract;
ALTER TABLE draft RENAME COLUMN title TO heading;
ALTER TABLE notes RENAME COLUMN txt TO body;
ALTER TABLE draft DROP COLUMN score;
ALTER TABLE draft RENAME CONSTRAINT draft_title_key TO draft_heading_key;
ALTER INDEX draft_title_idx RENAME TO draft_heading_idx;
ALTER TYPE mood RENAME TO feeling;
ALTER TABLE draft RENAME TO post;
CREATE VIEW recent AS SELECT id, heading, abstract FROM post;
CREATE TABLE accounts_new (id bigint PRIMARY KEY, email text NOT NULL, plan text);
INSERT INTO accounts_new (id, email, plan) SELECT id, email, plan FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_new RENAME TO accounts;
ALTER TABLE accounts ADD COLUMN plan_no int;
UPDATE accounts SET plan_no = plan::int;
ALTER TABLE accounts DROP COLUMN plan;
ALTER TABLE accounts RENAME COLUMN plan_no TO plan;
`;

/** Alembic's usual way to change an enum: swap in a new type under the same name. */
const ENUM_SWAP = `
ALTER TYPE status RENAME TO status_old;
CREATE TYPE status AS ENUM ('new', 'doing', 'done');
ALTER TABLE tasks ALTER COLUMN state DROP DEFAULT, ALTER COLUMN state TYPE status USING state::text::status, ALTER COLUMN state SET DEFAULT 'new';
DROP TYPE status_old;
`;

/** Hasura-style replacement: the old table renamed and moved to an archive schema, a new one made. */
const MOVE_AWAY = `
CREATE SCHEMA IF NOT EXISTS deleted;
ALTER TABLE legacy RENAME TO legacy_1;
ALTER TABLE legacy_1 SET SCHEMA deleted;
CREATE TABLE legacy (id bigint PRIMARY KEY, note text, kept boolean);
INSERT INTO legacy (id, note, kept) VALUES (7, 'new', true);
`;

/** A revision that adds an enum label and uses it: the label must be committed first. */
const ENUM_REVISION = `
ALTER TYPE status ADD VALUE 'blocked' BEFORE 'done';
INSERT INTO tasks (id, state) VALUES (1, 'blocked');
`;

interface Step {
  sql: string;
  nonTransactional?: boolean;
}

/** Alembic's way: one transaction, committed around each step that cannot run inside one. */
async function runRevision(client: pg.Client, steps: Step[]): Promise<void> {
  let open = false;
  for (const step of steps) {
    if (open === Boolean(step.nonTransactional)) {
      await client.query(open ? 'COMMIT' : 'BEGIN');
      open = !open;
    }
    try {
      await client.query(step.sql);
    } catch (e) {
      if (open) await client.query('ROLLBACK');
      throw new Error(`${(e as Error).message}\n--- while running:\n${step.sql}`);
    }
  }
  if (open) await client.query('COMMIT');
}

/** Each statement rewritten on its own, without the context of its migration. */
async function rewriteStatements(sql: string, pgVersion: number, defs: Definitions): Promise<{ rewrites: Rewrite[] }> {
  await ensureParser();
  const stmts = splitSql(new SourceText('test.sql', sql)).filter((i): i is SqlStatement => i.kind === 'statement');
  return { rewrites: stmts.map((s) => rewriteStatement(s, { pgVersion, defs })) };
}

/** Runs the revision twice (no change), downgrades (back to `before`), runs it again (the same), downgrades. */
async function roundTrip(client: pg.Client, rewrites: Rewrite[], before: Awaited<ReturnType<typeof catalogSnapshot>>): Promise<void> {
  await runRevision(client, up(rewrites));
  const once = await catalogSnapshot(client);
  await runRevision(client, up(rewrites));
  expect(await catalogSnapshot(client)).toEqual(once);
  await runRevision(client, down(rewrites));
  expect(await catalogSnapshot(client)).toEqual(before);
  await runRevision(client, up(rewrites));
  expect(await catalogSnapshot(client)).toEqual(once);
  await runRevision(client, down(rewrites));
}

const up = (rewrites: Rewrite[]): Step[] => rewrites.flatMap((r) => r.up);
const down = (rewrites: Rewrite[]): Step[] => [...rewrites].reverse().flatMap((r) => r.down.flatMap((d) => (d.kind === 'sql' ? [d] : [])));

describe.each([18, 13] as const)('a revision that renames and drops what it created, on Postgres %i', (version) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase(`rewrite-lookahead-${version}`, version);
  });
  afterAll(() => db?.drop());

  it('runs twice without change, downgrades, and runs again', async () => {
    const defs = new Definitions();
    const earlier = await rewriteScript(EARLIER, version, defs);
    const { rewrites } = await rewriteScript(REVISION, version, defs);
    await runAll(db.client, earlier.up);
    const before = await catalogSnapshot(db.client);

    await runRevision(db.client, up(rewrites));
    const once = await catalogSnapshot(db.client);
    const rows = await rowCounts(db.client);
    expect(once.relations!.join('\n')).toContain('"archive"');
    expect(rows).toMatchObject({ 'public.post': 2, 'public.accounts': 2 });
    expect(once.columns!.join('\n')).toMatch(/"relname":"accounts","attname":"plan","position":"3","type":"integer"/);
    expect(rewrites.flatMap((r) => r.findings).filter((f) => f.code === 'rerun-replaces')).toHaveLength(1);

    await runRevision(db.client, up(rewrites));
    expect(await catalogSnapshot(db.client)).toEqual(once);
    expect(await rowCounts(db.client)).toEqual(rows);

    await runRevision(db.client, down(rewrites));
    expect(await catalogSnapshot(db.client)).toEqual(before);

    await runRevision(db.client, up(rewrites));
    expect(await catalogSnapshot(db.client)).toEqual(once);
    await runRevision(db.client, down(rewrites));
    await runAll(db.client, earlier.down);
  });

  it('fails on the second run without looking ahead, as the rules did before', async () => {
    const defs = new Definitions();
    const earlier = await rewriteScript(EARLIER, version, defs);
    const blind = await rewriteStatements(REVISION, version, defs);
    await runAll(db.client, earlier.up);
    await runRevision(db.client, up(blind.rewrites));
    await expect(runRevision(db.client, up(blind.rewrites))).rejects.toThrow();
    await runRevision(db.client, down(blind.rewrites));
    await runAll(db.client, earlier.down);
  });

  it('a view or function defined again further on in a way the first cannot replace: runs twice, downgrades, runs again', async () => {
    const defs = new Definitions();
    const earlier = await rewriteScript(EARLIER, version, defs);
    await runAll(db.client, earlier.up);
    // legacy_view exists from an earlier revision: that first definition is dropped and recreated.
    await runAll(db.client, (await rewriteScript('CREATE VIEW legacy_view AS SELECT id FROM legacy', version, defs)).up);
    const before = await catalogSnapshot(db.client);
    const { rewrites } = await rewriteScript(
      `CREATE VIEW post_view AS SELECT id FROM legacy;
CREATE OR REPLACE VIEW post_view AS SELECT id, note FROM legacy;
CREATE FUNCTION pick(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;
DROP FUNCTION pick(int);
CREATE FUNCTION pick(x int) RETURNS bigint LANGUAGE sql AS $$ SELECT x::bigint $$;
CREATE OR REPLACE VIEW legacy_view AS SELECT id, note FROM legacy;
CREATE OR REPLACE VIEW legacy_view AS SELECT id, note, 1 AS one FROM legacy;`,
      version,
      defs,
    );
    expect(rewrites.map((r) => r.how)).toEqual([
      'created only while missing (defined again further on)',
      'already CREATE OR REPLACE',
      'created only while missing (defined again further on)',
      'added IF EXISTS',
      'added OR REPLACE',
      'dropped and recreated (defined again further on)',
      'already CREATE OR REPLACE',
    ]);
    await roundTrip(db.client, rewrites, before);
    await db.client.query('DROP VIEW legacy_view');
    await runAll(db.client, earlier.down);
  });

  it('DROP TYPE IF EXISTS, CREATE TYPE, then a column of that type: runs twice (the drop waits while the type is used), downgrades, runs again', async () => {
    const defs = new Definitions();
    const earlier = await rewriteScript('CREATE TABLE members (id int, role text)', version, defs);
    await runAll(db.client, earlier.up);
    const before = await catalogSnapshot(db.client);
    const { rewrites } = await rewriteScript(
      "DROP TYPE IF EXISTS member_role;\nCREATE TYPE member_role AS ENUM ('user', 'admin');\nALTER TABLE members ALTER COLUMN role TYPE member_role USING role::member_role",
      version,
      defs,
    );
    expect(rewrites[0]!.how).toContain('skipped while something uses the type');
    await roundTrip(db.client, rewrites, before);
    await runAll(db.client, earlier.down);
  });

  it('re-runs an enum swap without change', async () => {
    const defs = new Definitions();
    const earlier = await rewriteScript(EARLIER, version, defs);
    const { rewrites } = await rewriteScript(ENUM_SWAP, version, defs);
    await runAll(db.client, earlier.up);
    await runRevision(db.client, up(rewrites));
    const once = await catalogSnapshot(db.client);
    expect(once.types!.join('\n')).toContain('"labels":"new,doing,done"');
    await runRevision(db.client, up(rewrites));
    expect(await catalogSnapshot(db.client)).toEqual(once);
    await db.client.query('DROP TABLE tasks, legacy, accounts; DROP TYPE status');
  });

  it('a table renamed and moved away, then made again under its name: run again, the new table stays', async () => {
    const defs = new Definitions();
    const earlier = await rewriteScript(EARLIER, version, defs);
    const { rewrites } = await rewriteScript(MOVE_AWAY, version, defs);
    await runAll(db.client, earlier.up);
    await db.client.query(`INSERT INTO legacy VALUES (1, 'old')`);
    await runRevision(db.client, up(rewrites));
    const once = await catalogSnapshot(db.client);
    const rows = await rowCounts(db.client);
    expect(rows).toMatchObject({ 'public.legacy': 1, 'deleted.legacy_1': 1 });
    await runRevision(db.client, up(rewrites));
    expect(await catalogSnapshot(db.client)).toEqual(once);
    expect(await rowCounts(db.client)).toEqual(rows);
    await runRevision(db.client, down(rewrites));
    expect((await db.client.query(`SELECT note FROM legacy`)).rows).toEqual([{ note: 'old' }]);
    await db.client.query('DROP TABLE tasks, legacy, accounts; DROP TYPE status; DROP SCHEMA IF EXISTS deleted');
  });

  it('commits a new enum label before a later statement of the revision uses it', async () => {
    const defs = new Definitions();
    const earlier = await rewriteScript(EARLIER, version, defs);
    const { rewrites } = await rewriteScript(ENUM_REVISION, version, defs);
    await runAll(db.client, earlier.up);
    expect(rewrites[0]!.up.map((s) => Boolean(s.nonTransactional))).toEqual([true]);
    expect(rewrites[0]!.findings.map((f) => f.code)).toContain('enum-value-committed-first');

    // The same steps in one transaction fail: that is what the marking avoids.
    const inOne = up(rewrites).map((s) => ({ sql: s.sql }));
    await expect(runRevision(db.client, inOne)).rejects.toThrow(/unsafe use of new value/);

    await runRevision(db.client, up(rewrites));
    const once = await catalogSnapshot(db.client);
    await runRevision(db.client, up(rewrites));
    expect(await catalogSnapshot(db.client)).toEqual(once);
    const { rows } = await db.client.query<{ state: string }>('SELECT state::text FROM tasks');
    expect(rows).toEqual([{ state: 'blocked' }]);
  });
});
