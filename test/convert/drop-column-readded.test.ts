/**
 * A column dropped and added again under its name with a new type (Prisma's type change,
 * `DROP COLUMN "id", ADD COLUMN "id" UUID NOT NULL` in one statement, or the same as two), on
 * real Postgres with real Alembic: once that ran, the name holds the new column, and a re-run
 * (or the chain on a database where the SQL was applied by hand) must leave it alone — not drop
 * it with its values, its index and comment, or fail on a view using it. Undone, the old column
 * comes back as before.
 */
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

describe('a column dropped and added again under its name with another type, on real Postgres and Alembic', () => {
  for (const [name, c] of Object.entries({ prisma: PRISMA, one: ONE, two: TWO })) {
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
});
