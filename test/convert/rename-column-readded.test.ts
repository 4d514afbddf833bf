/**
 * A column renamed away and added again under its name with a new type (Prisma's type change:
 * RENAME kind TO kind_old; ADD kind new_type; UPDATE copy; SET NOT NULL; DROP kind_old), on real
 * Postgres with real Alembic: once that ran, the name holds the new column, and a re-run (or
 * the chain on a database where the SQL was applied by hand) must leave it alone — not move
 * it away and rebuild it, losing its index and comment or failing on a view using it.
 */
import { describe, expect, it } from 'vitest';
import { alembicProject } from '../helpers/alembic.js';
import { appliedByHand, convertedProject, schemaSnapshot } from '../helpers/converted.js';
import { fileDatabases, type TestDatabase } from '../helpers/database.js';

const database = fileDatabases();
const snapshot = schemaSnapshot;

async function project(files: Record<string, string>, label: string) {
  const p = await convertedProject(files, database, label);
  return { ...p, ids: p.report.revisions.map((r) => r.id), findings: p.report.findings.map((f) => `${f.severity}[${f.code}]`) };
}

async function byHand(files: Record<string, string>, label: string) {
  const db = await appliedByHand(files, database, label);
  return { db, snap: await snapshot(db) };
}

const SEED = "INSERT INTO item VALUES (1, 'text'), (2, 'bool');\n";

/** The change in one revision, an index and a comment on the new column, and a view using it in the next. */
const SAME = {
  '001_init.sql': `CREATE TABLE item (id int PRIMARY KEY, kind text NOT NULL);\n${SEED}ALTER TABLE item ALTER COLUMN kind SET DEFAULT 'text';\n`,
  '002_kind_enum.sql': `CREATE TYPE item_kind AS ENUM ('text', 'bool');
ALTER TABLE item RENAME COLUMN kind TO kind_old;
ALTER TABLE item ADD COLUMN kind item_kind;
UPDATE item SET kind = CAST(kind_old AS item_kind);
ALTER TABLE item ALTER COLUMN kind SET NOT NULL;
ALTER TABLE item DROP COLUMN kind_old;
CREATE INDEX item_kind_idx ON item (kind);
COMMENT ON COLUMN item.kind IS 'the kind';
`,
  '003_view.sql': 'CREATE VIEW item_kinds AS SELECT id, kind FROM item;\n',
};

/** The rename in one revision, the column added again (and the old one dropped) in the next. */
const LATER = {
  '001_init.sql': `CREATE TABLE item (id int PRIMARY KEY, kind varchar(20) NOT NULL);\n${SEED}`,
  '002_rename.sql': 'ALTER TABLE item RENAME COLUMN kind TO kind_old;\n',
  '003_readd.sql': `ALTER TABLE item ADD COLUMN kind text;
UPDATE item SET kind = upper(kind_old);
ALTER TABLE item ALTER COLUMN kind SET NOT NULL;
ALTER TABLE item DROP COLUMN kind_old;
`,
  // Undoing the revision that drops kind_old would bring it back empty: the last one only makes the view.
  '004_view.sql': 'CREATE VIEW item_kinds AS SELECT id, kind FROM item;\n',
};

describe('a column renamed away and added again under its name, on real Postgres and Alembic', () => {
  for (const [name, files] of Object.entries({ same: SAME, later: LATER })) {
    it(`${name} revision: fresh, re-run, on the SQL applied by hand, and down one and up again`, async () => {
      const { snap: hand } = await byHand(files, `readded-${name}-hand`);
      const fresh = await project(files, `readded-${name}-fresh`);
      expect(fresh.findings.filter((f) => !f.startsWith('info'))).toEqual([]);
      await fresh.alembic.alembic('upgrade', 'head');
      expect(await snapshot(fresh.db)).toEqual(hand);
      const rows = async (db: TestDatabase) => (await db.client.query('SELECT id, kind::text FROM item ORDER BY id')).rows;
      const values = await rows(fresh.db);
      // Run again from the first revision on: nothing changes, the data neither.
      await fresh.alembic.alembic('stamp', fresh.ids[0]!);
      await fresh.alembic.alembic('upgrade', 'head');
      expect(await snapshot(fresh.db)).toEqual(hand);
      expect(await rows(fresh.db)).toEqual(values);
      await fresh.alembic.alembic('downgrade', '-1');
      await fresh.alembic.alembic('upgrade', 'head');
      expect(await snapshot(fresh.db)).toEqual(hand);

      // The SQL applied by hand, then the chain: it finds the new column and leaves it alone
      // (before, revision 2 moved it away and rebuilt it, and the view made DROP COLUMN fail).
      const { db } = await byHand(files, `readded-${name}-chain`);
      const chain = await alembicProject(fresh.versions, db.url);
      const handValues = await rows(db);
      await chain.alembic('upgrade', 'head');
      expect(await snapshot(db)).toEqual(hand);
      expect(await rows(db)).toEqual(handValues);
      await chain.alembic('downgrade', '-1');
      await chain.alembic('upgrade', 'head');
      expect(await snapshot(db)).toEqual(hand);
    });
  }

  it('undone, the old column comes back with the NOT NULL constraint name it kept through its rename (Postgres 18)', async () => {
    const files = { '001_init.sql': 'CREATE TABLE item (id int PRIMARY KEY, kind text NOT NULL);\n', '002_kind_enum.sql': SAME['002_kind_enum.sql'] };
    const { snap: first } = await byHand({ '001_init.sql': files['001_init.sql'] }, 'readded-notnull-hand1');
    const { db, alembic, ids } = await project(files, 'readded-notnull');
    await alembic.alembic('upgrade', 'head');
    await alembic.alembic('downgrade', ids[0]!);
    expect(await snapshot(db)).toEqual(first);
  });
});
