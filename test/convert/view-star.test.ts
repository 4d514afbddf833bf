/**
 * Views selecting `t.*`, which Postgres expands when CREATE VIEW runs, on real Postgres with
 * real Alembic (Lemmy's post_view and comment_view, rebuilt when their table gains a column).
 *
 * Redefined later with other columns: pgmend cannot list the columns of a star, so it cannot
 * tell whether OR REPLACE of the first definition can replace the later one; on a database
 * that already has the later one (the SQL applied by hand, or a re-run) it cannot ("cannot
 * drop columns from view"), so the first, plain CREATE VIEW runs only while the view is
 * missing (written with OR REPLACE, as the first definition these files make: the same in a later
 * revision; in the same one it is dropped and made again). A definition after the first is
 * replaced only while the view has not got a column only the later definition gives it.
 *
 * Rebuilt after a column is added: the derived downgrade puts the earlier view back after the
 * column is dropped again, or its star takes the column in and the drop fails.
 *
 * Given a column by OR REPLACE: the downgrade drops the view before it puts the earlier one back.
 */
import { describe, expect, it } from 'vitest';
import { alembicProject } from '../helpers/alembic.js';
import { appliedByHand, convertedProject, schemaSnapshot } from '../helpers/converted.js';
import { fileDatabases } from '../helpers/database.js';

const database = fileDatabases();

const FIRST = 'CREATE TABLE post (id int PRIMARY KEY, name text);\nCREATE VIEW post_view AS SELECT p.*, 0 AS score FROM post p;\n';
const FIRST_OR_REPLACE = FIRST.replace('CREATE VIEW', 'CREATE OR REPLACE VIEW');
const SECOND = 'CREATE OR REPLACE VIEW post_view AS SELECT p.*, 0 AS score, 1 AS rank FROM post p;\n';
const LATER = 'DROP VIEW post_view;\nCREATE VIEW post_view AS SELECT p.*, true AS community_deleted, 0 AS score FROM post p;\n';

/** Label, files, and the lines of the definitions the later one makes `redefined-later`. */
const CASES: Record<string, [label: string, files: Record<string, string>, lines: number[]]> = {
  'a later revision': ['later', { '001_init.sql': FIRST, '002_deleted.sql': LATER }, [2]],
  'further on in the same revision': ['same', { '001_init.sql': FIRST + LATER }, [2]],
  // Langfuse's observations_view: first made with OR REPLACE, later dropped and made with other columns.
  'a later revision, first made with OR REPLACE': ['replace', { '001_init.sql': FIRST_OR_REPLACE, '002_deleted.sql': LATER }, [2]],
  'further on in the same revision, first made with OR REPLACE': ['replace-same', { '001_init.sql': FIRST_OR_REPLACE + LATER }, [2]],
  // Langfuse's observations_view_cte: replaced once more before the later revision.
  'a later revision, after a second definition': ['second', { '001_init.sql': FIRST, '002_rank.sql': SECOND, '003_deleted.sql': LATER }, [2, 1]],
};

describe('a SELECT * view redefined later, on real Postgres and Alembic', () => {
  for (const [name, [label, files, lines]] of Object.entries(CASES)) {
    it(`${name}: the chain runs where the SQL was applied by hand, and re-runs`, async () => {
      const hand = await schemaSnapshot(await appliedByHand(files, database, `star-${label}-hand`));
      const fresh = await convertedProject(files, database, `star-${label}-fresh`);
      await fresh.alembic.alembic('upgrade', 'head');
      expect(await schemaSnapshot(fresh.db)).toEqual(hand);
      await fresh.alembic.alembic('stamp', 'base');
      await fresh.alembic.alembic('upgrade', 'head');
      expect(await schemaSnapshot(fresh.db)).toEqual(hand);

      // Before, the first revision's CREATE OR REPLACE VIEW failed here on the later view's columns.
      const db = await appliedByHand(files, database, `star-${label}-chain`);
      const chain = await alembicProject(fresh.versions, db.url);
      await chain.alembic('upgrade', 'head');
      expect(await schemaSnapshot(db)).toEqual(hand);
      await chain.alembic('downgrade', 'base');
      await chain.alembic('upgrade', 'head');
      expect(await schemaSnapshot(db)).toEqual(hand);
      expect(fresh.report.findings.filter((f) => f.code === 'redefined-later').map((f) => f.location?.line)).toEqual(lines);
    });
  }
});

/** A column added, and the views over the table rebuilt on it (one reading the other), as Lemmy's add_delete_columns does. */
const REBUILT = {
  '001_init.sql': 'CREATE TABLE post (id int PRIMARY KEY, name text);\nCREATE VIEW post_view AS SELECT p.*, 0 AS score FROM post p;\nCREATE VIEW post_ids AS SELECT id FROM post_view;\n',
  '002_deleted.sql': `ALTER TABLE post ADD COLUMN deleted boolean NOT NULL DEFAULT false;
DROP VIEW post_ids;
DROP VIEW post_view;
CREATE VIEW post_view AS SELECT p.*, 0 AS score FROM post p;
CREATE VIEW post_ids AS SELECT id FROM post_view WHERE NOT deleted;
`,
};

describe('a SELECT * view rebuilt after its table gains a column, derived downgrade on real Postgres and Alembic', () => {
  it('downgrade -1 drops the column before the earlier view comes back, and leaves the schema as the first file made it', async () => {
    const first = await schemaSnapshot(await appliedByHand(REBUILT, database, 'star-rebuilt-hand1', 1));
    const hand = await schemaSnapshot(await appliedByHand(REBUILT, database, 'star-rebuilt-hand'));
    const { db, alembic } = await convertedProject(REBUILT, database, 'star-rebuilt');
    await alembic.alembic('upgrade', 'head');
    expect(await schemaSnapshot(db)).toEqual(hand);
    // Before, the earlier post_view came back first, took `deleted` into its `p.*`, and DROP COLUMN failed.
    await alembic.alembic('downgrade', '-1');
    expect(await schemaSnapshot(db)).toEqual(first);
    await alembic.alembic('downgrade', 'base');
    expect(await schemaSnapshot(db)).toEqual(await schemaSnapshot(await database('star-rebuilt-empty')));
    await alembic.alembic('upgrade', 'head');
    expect(await schemaSnapshot(db)).toEqual(hand);
  });
});

/** OR REPLACE appending a column, which is what it may do: undone, the earlier view has one column fewer. */
const APPENDED = {
  '001_init.sql': 'CREATE TABLE post (id int PRIMARY KEY, name text);\nCREATE VIEW post_view AS SELECT p.* FROM post p;\n',
  '002_score.sql': 'CREATE OR REPLACE VIEW post_view AS SELECT p.*, 0 AS score FROM post p;\n',
};

describe('a SELECT * view given a column by OR REPLACE, derived downgrade on real Postgres and Alembic', () => {
  it('downgrade -1 drops the view before it restores the earlier one, which OR REPLACE cannot narrow', async () => {
    const first = await schemaSnapshot(await appliedByHand(APPENDED, database, 'star-appended-hand1', 1));
    const hand = await schemaSnapshot(await appliedByHand(APPENDED, database, 'star-appended-hand'));
    const { db, alembic } = await convertedProject(APPENDED, database, 'star-appended');
    await alembic.alembic('upgrade', 'head');
    expect(await schemaSnapshot(db)).toEqual(hand);
    // Before, the downgrade ran CREATE OR REPLACE with the earlier definition: "cannot drop columns from view".
    await alembic.alembic('downgrade', '-1');
    expect(await schemaSnapshot(db)).toEqual(first);
    await alembic.alembic('upgrade', 'head');
    expect(await schemaSnapshot(db)).toEqual(hand);
  });
});
