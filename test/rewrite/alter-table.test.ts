import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

const TABLE = `CREATE TABLE app.users (id int PRIMARY KEY, email text NOT NULL DEFAULT 'x', bio varchar(20), CONSTRAINT bio_chk CHECK (bio <> ''))`;
const guard = (condition: string, statement: string) => `DO $pgmend$\nBEGIN\n  IF ${condition} THEN\n${statement};\n  END IF;\nEND\n$pgmend$`;
const hasConstraint = (name: string) => `SELECT 1 FROM pg_constraint WHERE conname = '${name}' AND conrelid = to_regclass('"app"."users"')`;

describe('alter-table rule', () => {
  it('adds IF NOT EXISTS / IF EXISTS to ADD and DROP COLUMN, keeping comments', async () => {
    const sql = `ALTER TABLE ONLY app.users
  ADD COLUMN age int, -- years
  ADD nick text,
  DROP COLUMN bio`;
    const { up, down } = await rewriteAfter(TABLE, sql);
    expect(up).toEqual([`ALTER TABLE ONLY app.users
  ADD COLUMN IF NOT EXISTS age int, -- years
  ADD IF NOT EXISTS nick text,
  DROP COLUMN IF EXISTS bio`]);
    expect(down).toEqual([
      guard(`NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"app"."users"') AND attname = 'bio' AND NOT attisdropped)`, 'ALTER TABLE ONLY app.users ADD COLUMN bio varchar(20)'),
      'ALTER TABLE ONLY app.users DROP COLUMN IF EXISTS nick',
      'ALTER TABLE ONLY app.users DROP COLUMN IF EXISTS age',
    ]);
  });

  it('guards ADD CONSTRAINT on pg_constraint, naming an unnamed one, and splits it from plain subcommands', async () => {
    const sql = `ALTER TABLE IF EXISTS app.users ADD COLUMN org int, ADD CHECK (org > 0), ADD CONSTRAINT org_fk FOREIGN KEY (org) REFERENCES orgs (id), ALTER COLUMN email SET DEFAULT 'y'`;
    const { up, down, rewrites } = await rewriteAfter(TABLE, sql);
    expect(up).toEqual([
      'ALTER TABLE IF EXISTS app.users ADD COLUMN IF NOT EXISTS org int',
      guard(`NOT EXISTS (${hasConstraint('users_org_check')})`, 'ALTER TABLE IF EXISTS app.users ADD CONSTRAINT users_org_check CHECK (org > 0)'),
      guard(`NOT EXISTS (${hasConstraint('org_fk')})`, 'ALTER TABLE IF EXISTS app.users ADD CONSTRAINT org_fk FOREIGN KEY (org) REFERENCES orgs (id)'),
      `ALTER TABLE IF EXISTS app.users ALTER COLUMN email SET DEFAULT 'y'`,
    ]);
    expect(down).toEqual([
      `ALTER TABLE IF EXISTS app.users ALTER COLUMN email SET DEFAULT 'x'`,
      'ALTER TABLE IF EXISTS app.users DROP CONSTRAINT IF EXISTS org_fk',
      'ALTER TABLE IF EXISTS app.users DROP CONSTRAINT IF EXISTS users_org_check',
      'ALTER TABLE IF EXISTS app.users DROP COLUMN IF EXISTS org',
    ]);
    expect(rewrites[0]!.findings.map((f) => f.code)).toEqual(['constraint-named']);
  });

  it('guards ADD COLUMN with inline constraints on pg_attribute (Postgres evaluates them even when the column exists)', async () => {
    const { up } = await rewriteAfter(TABLE, 'ALTER TABLE app.users ADD COLUMN code text UNIQUE');
    expect(up).toEqual([
      guard(`NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"app"."users"') AND attname = 'code' AND NOT attisdropped)`, 'ALTER TABLE app.users ADD COLUMN code text UNIQUE'),
    ]);
  });

  it('restores the recorded type, default and NOT NULL on the way down', async () => {
    const sql = `ALTER TABLE app.users ALTER COLUMN bio TYPE text USING bio::text, ALTER email DROP DEFAULT, ALTER COLUMN email DROP NOT NULL`;
    const { up, down, rewrites } = await rewriteAfter(TABLE, sql);
    expect(up).toEqual([sql]);
    expect(rewrites[0]!.fate).toBe('kept');
    expect(down).toEqual([
      'ALTER TABLE app.users ALTER COLUMN email SET NOT NULL',
      `ALTER TABLE app.users ALTER COLUMN email SET DEFAULT 'x'`,
      'ALTER TABLE app.users ALTER COLUMN bio TYPE varchar(20) USING bio::varchar(20)',
    ]);
  });

  it('re-adds a dropped constraint from its definition, and fails the downgrade for one never seen', async () => {
    const { rewrites } = await rewriteAfter(TABLE, 'ALTER TABLE app.users DROP CONSTRAINT bio_chk, DROP CONSTRAINT mystery');
    expect(rewrites[0]!.up).toEqual([{ sql: 'ALTER TABLE app.users DROP CONSTRAINT IF EXISTS bio_chk, DROP CONSTRAINT IF EXISTS mystery' }]);
    expect(rewrites[0]!.down).toEqual([
      { kind: 'fail', message: 'cannot undo DROP CONSTRAINT mystery at test.sql:1: pgmend never saw its earlier definition' },
      { kind: 'sql', sql: guard(`NOT EXISTS (${hasConstraint('bio_chk')})`, `ALTER TABLE app.users ADD CONSTRAINT bio_chk CHECK (bio <> '')`) },
    ]);
  });

  it('finds the subcommands after any relation name, even a keyword', async () => {
    const { up, down } = await rewriteAfter('', 'ALTER TABLE type ADD COLUMN view int;\nALTER MATERIALIZED VIEW IF EXISTS s.mv OWNER TO bob');
    expect(up).toEqual(['ALTER TABLE type ADD COLUMN IF NOT EXISTS view int', 'ALTER MATERIALIZED VIEW IF EXISTS s.mv OWNER TO bob']);
    expect(down).toEqual(['ALTER TABLE type DROP COLUMN IF EXISTS view']);
  });

  it('guards ADD IDENTITY and ATTACH PARTITION, which fail when run twice', async () => {
    const { up, down } = await rewriteAfter('', 'ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;\nALTER TABLE m ATTACH PARTITION m_2024 FOR VALUES IN (2024)');
    expect(up).toEqual([
      guard(`NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"t"') AND attname = 'id' AND NOT attisdropped AND attidentity <> '')`, 'ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY'),
      guard(`NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass('"m_2024"') AND inhparent = to_regclass('"m"'))`, 'ALTER TABLE m ATTACH PARTITION m_2024 FOR VALUES IN (2024)'),
    ]);
    expect(down).toEqual(['ALTER TABLE m DETACH PARTITION m_2024', 'ALTER TABLE t ALTER COLUMN id DROP IDENTITY IF EXISTS']);
  });

  it('guards DETACH PARTITION on pg_inherits; CONCURRENTLY runs outside the transaction, flagged (no guard can hold it)', async () => {
    const { rewrites } = await rewriteAfter('', 'ALTER TABLE m DETACH PARTITION m_2024;\nALTER TABLE m DETACH PARTITION m_2025 CONCURRENTLY');
    expect(rewrites[0]!.up).toEqual([{ sql: guard(`EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass('"m_2024"') AND inhparent = to_regclass('"m"'))`, 'ALTER TABLE m DETACH PARTITION m_2024') }]);
    expect(rewrites[0]!.down).toEqual([{ kind: 'fail', message: 'cannot attach m_2024 to m again, detached at test.sql:1: its partition bounds are not recorded' }]);
    expect(rewrites[1]).toMatchObject({ fate: 'review', up: [{ sql: 'ALTER TABLE m DETACH PARTITION m_2025 CONCURRENTLY', nonTransactional: true }], findings: [{ code: 'needs-review' }] });
  });

  it("a default recorded as an enum label follows the label's rename, so the downgrade sets what the column really had", async () => {
    const earlier = "CREATE TYPE app_role AS ENUM ('employee', 'admin');\nCREATE TABLE profiles (role app_role DEFAULT 'employee');\nALTER TYPE app_role RENAME VALUE 'employee' TO 'person'";
    const { down } = await rewriteAfter(earlier, "ALTER TABLE profiles ALTER COLUMN role SET DEFAULT 'admin'");
    expect(down).toEqual(["ALTER TABLE profiles ALTER COLUMN role SET DEFAULT 'person'"]);
  });

  it('a dropped column comes back with the indexes that used it', async () => {
    const earlier = "CREATE TABLE obj (id int PRIMARY KEY, tsv tsvector, name text);\nCREATE INDEX obj_tsv_idx ON obj USING gin (tsv);\nCREATE INDEX obj_name_idx ON obj (name) WHERE name <> 'tsv'";
    const { down, defs } = await rewriteAfter(earlier, 'ALTER TABLE obj DROP COLUMN IF EXISTS tsv');
    expect(down.at(-1)).toBe('CREATE INDEX IF NOT EXISTS obj_tsv_idx ON obj USING gin (tsv)');
    expect(down.filter((d) => d.includes('obj_name_idx'))).toEqual([]);
    expect(defs.has('index', 'public.obj_tsv_idx')).toBe(false); // gone with the column
  });

  it('a detached partition is attached again on the way down with the bounds an earlier statement gave it', async () => {
    const earlier = 'CREATE TABLE m (y int) PARTITION BY LIST (y);\nCREATE TABLE m_2024 PARTITION OF m FOR VALUES IN (2024) WITH (fillfactor = 90);\nCREATE TABLE m_2025 (y int);\nALTER TABLE m ATTACH PARTITION m_2025 FOR VALUES IN (2025)';
    const { down } = await rewriteAfter(earlier, 'ALTER TABLE m DETACH PARTITION m_2024;\nALTER TABLE m DETACH PARTITION m_2025');
    const attached = (p: string) => `NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass('"${p}"') AND inhparent = to_regclass('"m"'))`;
    expect(down).toEqual([
      guard(attached('m_2025'), 'ALTER TABLE m ATTACH PARTITION m_2025 FOR VALUES IN (2025)'),
      guard(attached('m_2024'), 'ALTER TABLE m ATTACH PARTITION m_2024 FOR VALUES IN (2024)'),
    ]);
  });

  it('re-adds a dropped NOT NULL column without a default nullable, and NOT NULL again only on an empty table', async () => {
    const earlier = `CREATE TABLE segs (id int PRIMARY KEY, segment_key varchar(255) NOT NULL, code text CONSTRAINT code_nn NOT NULL DEFAULT 'x', tag text);
ALTER TABLE segs ALTER COLUMN tag SET NOT NULL`;
    const { rewrites } = await rewriteAfter(earlier, 'ALTER TABLE segs DROP COLUMN segment_key, DROP COLUMN code, DROP COLUMN tag');
    const absent = (c: string) => `NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"segs"') AND attname = '${c}' AND NOT attisdropped)`;
    const empty = `NOT EXISTS (SELECT 1 FROM segs)`;
    expect(rewrites[0]!.down).toEqual([
      { kind: 'sql', sql: guard(absent('tag'), 'ALTER TABLE segs ADD COLUMN tag text') },
      { kind: 'sql', sql: guard(empty, 'ALTER TABLE segs ALTER COLUMN tag SET NOT NULL') },
      { kind: 'note', text: 'column tag comes back empty: its data is not restored; it is NOT NULL again only if segs has no rows' },
      // A default fills the rows: NOT NULL comes back as written.
      { kind: 'sql', sql: guard(absent('code'), `ALTER TABLE segs ADD COLUMN code text CONSTRAINT code_nn NOT NULL DEFAULT 'x'`) },
      { kind: 'note', text: 'column code comes back empty: its data is not restored' },
      { kind: 'sql', sql: guard(absent('segment_key'), 'ALTER TABLE segs ADD COLUMN segment_key varchar(255)') },
      { kind: 'sql', sql: guard(empty, 'ALTER TABLE segs ALTER COLUMN segment_key SET NOT NULL') },
      { kind: 'note', text: 'column segment_key comes back empty: its data is not restored; it is NOT NULL again only if segs has no rows' },
    ]);
  });

  it('re-adds a dropped primary key column without a default without its key, and the key again only on an empty table', async () => {
    const earlier = 'CREATE TABLE a (id int PRIMARY KEY, n int);\nCREATE TABLE b (code text CONSTRAINT b_code_pk PRIMARY KEY DEFERRABLE NOT NULL, x int)';
    const absent = (t: string, c: string) => `NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"${t}"') AND attname = '${c}' AND NOT attisdropped)`;
    const a = await rewriteAfter(earlier, 'ALTER TABLE a DROP COLUMN id');
    expect(a.rewrites[0]!.down).toEqual([
      { kind: 'sql', sql: guard(absent('a', 'id'), 'ALTER TABLE a ADD COLUMN id int') },
      { kind: 'sql', sql: guard('NOT EXISTS (SELECT 1 FROM a)', 'ALTER TABLE a ADD PRIMARY KEY (id)') },
      { kind: 'note', text: 'column id comes back empty: its data is not restored; it is NOT NULL and the primary key again only if a has no rows' },
    ]);
    const b = await rewriteAfter(earlier, 'ALTER TABLE b DROP COLUMN code');
    expect(b.down).toEqual([
      guard(absent('b', 'code'), 'ALTER TABLE b ADD COLUMN code text'),
      guard('NOT EXISTS (SELECT 1 FROM b)', 'ALTER TABLE b ADD CONSTRAINT b_code_pk PRIMARY KEY (code) DEFERRABLE'),
    ]);
  });

  it('records a serial column as its integer type whose default reads its sequence', async () => {
    const earlier = 'CREATE TABLE "Doc" (id SERIAL NOT NULL, n bigserial, CONSTRAINT doc_pkey PRIMARY KEY (id))';
    const { down } = await rewriteAfter(earlier, 'ALTER TABLE "Doc" ALTER COLUMN id DROP DEFAULT, ALTER COLUMN id SET DATA TYPE TEXT, ALTER COLUMN n TYPE int');
    expect(down).toEqual([
      'ALTER TABLE "Doc" ALTER COLUMN n TYPE bigint USING n::bigint',
      'ALTER TABLE "Doc" ALTER COLUMN id TYPE integer USING id::integer',
      `ALTER TABLE "Doc" ALTER COLUMN id SET DEFAULT nextval('"Doc_id_seq"'::regclass)`,
    ]);
    // Dropped, it comes back as written: the serial makes its sequence and fills the rows.
    const dropped = await rewriteAfter(earlier, 'ALTER TABLE "Doc" DROP COLUMN n');
    expect(dropped.down).toEqual([guard(`NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"Doc"') AND attname = 'n' AND NOT attisdropped)`, 'ALTER TABLE "Doc" ADD COLUMN n bigserial')]);
  });

  it('inverts row level security and flags what it cannot prove re-runnable', async () => {
    const { rewrites } = await rewriteAfter('', 'ALTER TABLE t ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;\nALTER TABLE t INHERIT base');
    expect(rewrites[0]!.down).toEqual([
      { kind: 'sql', sql: 'ALTER TABLE t NO FORCE ROW LEVEL SECURITY' },
      { kind: 'sql', sql: 'ALTER TABLE t DISABLE ROW LEVEL SECURITY' },
    ]);
    expect(rewrites[0]!.fate).toBe('kept');
    expect(rewrites[1]).toMatchObject({ fate: 'review', findings: [{ code: 'needs-review', location: { line: 2 } }] });
  });
});

describe('SET NOT NULL on a primary key column', () => {
  it('is undone by nothing: the key keeps the column NOT NULL, and Postgres refuses DROP NOT NULL (pgq)', async () => {
    const { down } = await rewriteAfter('CREATE TABLE t (a int, b int, CONSTRAINT t_pkey PRIMARY KEY (a))', 'ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER COLUMN b SET NOT NULL');
    expect(down).toEqual(['ALTER TABLE t ALTER COLUMN b DROP NOT NULL', 'ALTER TABLE t ALTER COLUMN a SET NOT NULL']);
  });
});

describe('a column dropped and added again', () => {
  const isNew = (col: string, now: string, old: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"t"') AND attname = '${col}' AND NOT attisdropped AND atttypid = to_regtype('${now}') AND atttypid IS DISTINCT FROM to_regtype('${old}'))`;

  it('with another type: the drop runs only while the column is the old one (told apart by the types)', async () => {
    const { up, down, rewrites } = await rewriteAfter('CREATE TABLE t (id int PRIMARY KEY, a int)', 'ALTER TABLE t DROP COLUMN a;\nALTER TABLE t ADD COLUMN a text');
    expect(rewrites[0]).toMatchObject({ fate: 'idempotent', findings: [] });
    expect(rewrites[1]!.fate).toBe('idempotent');
    expect(up).toEqual([guard(isNew('a', 'text', 'integer'), 'ALTER TABLE t DROP COLUMN IF EXISTS a'), 'ALTER TABLE t ADD COLUMN IF NOT EXISTS a text']);
    // Down as before: the new column goes, the old one comes back.
    const absent = `NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"t"') AND attname = 'a' AND NOT attisdropped)`;
    expect(down).toEqual(['ALTER TABLE t DROP COLUMN IF EXISTS a', guard(absent, 'ALTER TABLE t ADD COLUMN a int')]);
  });

  it('in one statement, as Prisma writes a type change (hatchet v0_7_0): split, the drop guarded, the rest as written', async () => {
    const sql = 'ALTER TABLE t DROP CONSTRAINT t_pkey,\nDROP COLUMN id,\nADD COLUMN id UUID NOT NULL,\nADD CONSTRAINT t_pkey PRIMARY KEY (id)';
    const { up, rewrites } = await rewriteAfter('CREATE TABLE t (id serial, a int, CONSTRAINT t_pkey PRIMARY KEY (id))', sql);
    expect(rewrites[0]).toMatchObject({ fate: 'idempotent', findings: [] });
    expect(up[1]).toBe(guard(isNew('id', 'uuid', 'integer'), 'ALTER TABLE t DROP COLUMN IF EXISTS id'));
    expect(up).toHaveLength(4);
  });

  it('with the same type (or one pgmend never saw): still needs review, saying why', async () => {
    const same = await rewriteAfter('CREATE TABLE t (id int PRIMARY KEY, a varchar(10))', 'ALTER TABLE t DROP COLUMN a,\nADD COLUMN a varchar(20)');
    expect(same.rewrites[0]).toMatchObject({ fate: 'review', findings: [{ code: 'column-recreated', severity: 'warning', message: expect.stringContaining('cannot be told apart') }] });
    expect(same.up).toEqual(['ALTER TABLE t DROP COLUMN IF EXISTS a,\nADD COLUMN IF NOT EXISTS a varchar(20)']);
    const unknown = await rewriteAfter('CREATE TABLE other (id int)', 'ALTER TABLE t DROP COLUMN a;\nALTER TABLE t ADD COLUMN a text');
    expect(unknown.rewrites[0]).toMatchObject({ fate: 'review', findings: [{ code: 'column-recreated', message: expect.stringContaining('never saw the type of a') }] });
  });
});
