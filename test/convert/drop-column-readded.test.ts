/**
 * A column dropped and added again under its name with a new type (Prisma's type change,
 * `DROP COLUMN "id", ADD COLUMN "id" UUID NOT NULL` in one statement, or the same as two), on
 * real Postgres with real Alembic: once that ran, the name holds the new column, and a re-run
 * (or the chain on a database where the SQL was applied by hand) must leave it alone — not drop
 * it with its values, its index and comment, or fail on a view using it. Undone, the old column
 * comes back as before.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alembicProject } from '../helpers/alembic.js';
import { appliedByHand, convertedProject, schemaSnapshot } from '../helpers/converted.js';
import { fileDatabases, type TestDatabase } from '../helpers/database.js';

const database = fileDatabases();
const snapshot = schemaSnapshot;
const withoutPositions = (snap: Awaited<ReturnType<typeof snapshot>>) => ({
  ...snap,
  columns: (snap as unknown as { columns: string[] }).columns.map((c) => JSON.stringify({ ...JSON.parse(c), position: undefined })).sort(),
});

async function project(files: Record<string, string>, label: string) {
  const p = await convertedProject(files, database, label);
  return { ...p, ids: p.report.revisions.map((r) => r.id), findings: p.report.findings.map((f) => `${f.severity}[${f.code}]`) };
}

interface Case {
  files: Record<string, string>;
  /** Rows put in once the new column is there (a NOT NULL column without default is added to an empty table). */
  fill: string;
  rows: string;
}

/** Prisma's change of an id to UUID: the primary key dropped and made again on the new column, an index on it below. */
const PRISMA: Case = {
  files: {
    '001_init.sql': 'CREATE TABLE "User" ("id" SERIAL NOT NULL, "name" TEXT, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n',
    '002_uuid.sql': `ALTER TABLE "User" DROP CONSTRAINT "User_pkey",
DROP COLUMN "id",
ADD COLUMN     "id" UUID NOT NULL,
ADD CONSTRAINT "User_pkey" PRIMARY KEY ("id");
CREATE INDEX "User_id_name_idx" ON "User"("id", "name");
`,
    '003_view.sql': 'CREATE VIEW "UserNames" AS SELECT "id", "name" FROM "User";\n',
  },
  fill: `INSERT INTO "User" ("id", "name") VALUES ('6f1c2a52-7d3e-4a4e-9a53-0d0c1f6f2b11', 'ann'), ('0b7e9d1e-2f43-4c55-8a0e-6a1d8f3e4c22', NULL)`,
  rows: 'SELECT "id"::text, "name" FROM "User" ORDER BY "id"',
};

const SEEDED = "CREATE TABLE o (id int PRIMARY KEY, tok text);\nINSERT INTO o VALUES (1, 'a'), (2, 'b');\n";
const BELOW = "CREATE INDEX o_tok_idx ON o (tok);\nCOMMENT ON COLUMN o.tok IS 'the token';\n";

/** The same in one statement and in two (hatchet), on a table with rows: the new column is nullable. */
const ONE: Case = {
  files: { '001_init.sql': SEEDED, '002_bytea.sql': `ALTER TABLE o DROP COLUMN tok,\nADD COLUMN tok bytea;\n${BELOW}`, '003_view.sql': 'CREATE VIEW toks AS SELECT id, tok FROM o;\n' },
  fill: "UPDATE o SET tok = decode('0102', 'hex')",
  rows: 'SELECT id, encode(tok, \'hex\') AS tok FROM o ORDER BY id',
};
const TWO: Case = { ...ONE, files: { ...ONE.files, '002_bytea.sql': `ALTER TABLE o DROP COLUMN tok;\nALTER TABLE o ADD COLUMN tok bytea;\n${BELOW}` } };
/** Dropped in one revision, added again under its name with another type two revisions later. */
const LATER: Case = {
  ...ONE,
  files: {
    '001_init.sql': SEEDED,
    '002_drop.sql': 'ALTER TABLE o DROP COLUMN tok;\n',
    '003_other.sql': 'CREATE TABLE note (id int PRIMARY KEY, body text);\n',
    '004_bytea.sql': `ALTER TABLE o ADD COLUMN tok bytea;\n${BELOW}`,
    '005_view.sql': 'CREATE VIEW toks AS SELECT id, tok FROM o;\n',
  },
};
/** The same without the view (the last revision makes an index elsewhere): nothing makes the drop fail, it would take the new column's values. */
const LATER_NO_VIEW: Case = { ...LATER, files: { ...LATER.files, '005_view.sql': 'CREATE INDEX note_body_idx ON note (body);\n' } };

/** The upgrade function of the revision made from `file`. */
async function upgradeOf(versions: string, file: string): Promise<string> {
  const texts = await Promise.all((await readdir(versions)).filter((n) => n.endsWith('.py')).map((n) => readFile(path.join(versions, n), 'utf8')));
  const ups = texts.map((t) => t.split('def downgrade')[0]!).filter((up) => up.includes(`# ${file}:`));
  expect(ups).toHaveLength(1);
  return ups[0]!;
}

describe('a column dropped and added again under its name with another type, on real Postgres and Alembic', () => {
  for (const [name, c] of Object.entries({ prisma: PRISMA, one: ONE, two: TWO, later: LATER, laterNoView: LATER_NO_VIEW })) {
    it(`${name}: fresh, down one and up again, re-run, and on the SQL applied by hand: the new column keeps its values`, async () => {
      const { files } = c;
      const hand = await snapshot(await appliedByHand(files, database, `dropreadd-${name}-hand`));
      const fresh = await project(files, `dropreadd-${name}-fresh`);
      expect(fresh.findings.filter((f) => !f.startsWith('info'))).toEqual([]);
      await fresh.alembic.alembic('upgrade', 'head');
      expect(await snapshot(fresh.db)).toEqual(hand);
      await fresh.alembic.alembic('downgrade', '-1');
      await fresh.alembic.alembic('upgrade', 'head');
      expect(await snapshot(fresh.db)).toEqual(hand);
      const rows = async (db: TestDatabase) => (await db.client.query(c.rows)).rows;
      await fresh.db.client.query(c.fill);
      const values = await rows(fresh.db);
      expect(values.length).toBeGreaterThan(0);
      // Run again from the first revision on: nothing changes, the data neither.
      await fresh.alembic.alembic('stamp', fresh.ids[0]!);
      await fresh.alembic.alembic('upgrade', 'head');
      expect(await snapshot(fresh.db)).toEqual(hand);
      expect(await rows(fresh.db)).toEqual(values);

      // The SQL applied by hand, rows in the new column, then the chain: it leaves the column alone
      // (before, the drop ran again: the values were gone, or the view made it fail).
      const db = await appliedByHand(files, database, `dropreadd-${name}-chain`);
      await db.client.query(c.fill);
      const handValues = await rows(db);
      const chain = await alembicProject(fresh.versions, db.url);
      await chain.alembic('upgrade', 'head');
      expect(await snapshot(db)).toEqual(hand);
      expect(await rows(db)).toEqual(handValues);
    });

    it(`${name}: undone to the first revision, the old column is back`, async () => {
      const first = await snapshot(await appliedByHand(c.files, database, `dropreadd-${name}-hand1`, 1));
      const { db, alembic, ids } = await project(c.files, `dropreadd-${name}-undo`);
      await alembic.alembic('upgrade', 'head');
      await alembic.alembic('downgrade', ids[0]!);
      // A column added back goes last: the columns compared without their positions.
      expect(withoutPositions(await snapshot(db))).toEqual(withoutPositions(first));
    });
  }

  it('the same type under the name: still flagged for review (the drop cannot tell the new column from the old one)', async () => {
    const files = { '001_init.sql': SEEDED, '002_again.sql': 'ALTER TABLE o DROP COLUMN tok,\nADD COLUMN tok text;\n' };
    const { report } = await project(files, 'dropreadd-same');
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'column-recreated', message: expect.stringContaining('cannot be told apart') })]));
  });

  it('in a later revision: each revision undone and done again in turn matches the SQL applied by hand up to it', async () => {
    const files = LATER.files;
    const { db, alembic, ids } = await project(files, 'dropreadd-later-steps');
    await alembic.alembic('upgrade', 'head');
    // Down one revision at a time: after revision k, the schema the first k files build (columns compared without positions).
    for (let k = ids.length - 1; k >= 1; k--) {
      await alembic.alembic('downgrade', '-1');
      const hand = await snapshot(await appliedByHand(files, database, `dropreadd-later-step${k}`, k));
      expect(withoutPositions(await snapshot(db))).toEqual(withoutPositions(hand));
    }
    await alembic.alembic('upgrade', 'head');
    // Columns added back go last: positions (and the column numbers comments are keyed by) differ.
    const unnumbered = (snap: Awaited<ReturnType<typeof snapshot>>) => {
      const s = withoutPositions(snap) as unknown as { comments: string[] };
      return { ...s, comments: s.comments.map((c) => JSON.stringify({ ...JSON.parse(c), objsubid: JSON.parse(c).objsubid > 0 })).sort() };
    };
    expect(unnumbered(await snapshot(db))).toEqual(unnumbered(await snapshot(await appliedByHand(files, database, 'dropreadd-later-all'))));
  });

  it('in a later revision with the same type: flagged for review, not dropped silently', async () => {
    const files = { '001_init.sql': SEEDED, '002_drop.sql': 'ALTER TABLE o DROP COLUMN tok;\n', '003_again.sql': 'ALTER TABLE o ADD COLUMN tok text;\n' };
    const { report } = await project(files, 'dropreadd-later-same');
    expect(report.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'column-recreated', severity: 'warning', message: expect.stringContaining('cannot be told apart') })]),
    );
  });

  it('never added again: a plain DROP COLUMN IF EXISTS, no finding', async () => {
    const files = { '001_init.sql': SEEDED, '002_drop.sql': 'ALTER TABLE o DROP COLUMN tok;\n', '003_other.sql': 'ALTER TABLE o ADD COLUMN other text;\n' };
    const { report, versions, findings } = await project(files, 'dropreadd-never');
    expect(report.findings.filter((f) => f.code === 'column-recreated')).toEqual([]);
    expect(findings.filter((f) => !f.startsWith('info'))).toEqual([]);
    const up = await upgradeOf(versions, '002_drop.sql');
    expect(up).toContain('ALTER TABLE o DROP COLUMN IF EXISTS tok');
    expect(up).not.toContain('to_regtype');
  });
});
