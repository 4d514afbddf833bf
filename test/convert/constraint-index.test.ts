/**
 * ADD CONSTRAINT of a UNIQUE / PRIMARY KEY / EXCLUDE constraint on real Postgres with real
 * Alembic: its index takes the constraint's name in the table's schema, so the guard must see
 * that name taken as a relation too — on a fresh database, run again right after itself, and on
 * a database where every file was applied by hand (a later file dropped the constraint and made
 * an index of that name, or renamed the index), with each revision its own and squashed.
 */
import { describe, expect, it } from 'vitest';
import { appliedByHand, convertedProject, schemaSnapshot } from '../helpers/converted.js';
import { fileDatabases } from '../helpers/database.js';

const database = fileDatabases();

const snapshot = schemaSnapshot;

/** Converts the files into an Alembic project on a fresh database. */
async function project(files: Record<string, string>, label: string, squash = false) {
  return convertedProject(files, database, label, { squash });
}

/** The catalog of the first `count` files applied by hand on a database of their own. */
async function byHand(files: Record<string, string>, count: number, label: string) {
  return schemaSnapshot(await appliedByHand(files, database, label, count));
}

/** concourse: a UNIQUE constraint dropped later and replaced by a unique index of the same name. */
const REPLACED = {
  '001_init.sql': 'CREATE TABLE t (a text);\nALTER TABLE ONLY t ADD CONSTRAINT t_a_key UNIQUE (a);\n',
  '002_index.sql': 'ALTER TABLE t DROP CONSTRAINT t_a_key;\nCREATE UNIQUE INDEX t_a_key ON t (md5(a));\n',
};

/** The constraint's index renamed by a later file (the constraint takes the new name with it). */
const INDEX_RENAMED = {
  '001_init.sql': 'CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);\nALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (a);\n',
  '002_rename.sql': 'ALTER INDEX t_a_key RENAME TO t_a_unique;\n',
};

/** ADD CONSTRAINT … USING INDEX under another name renames the index. */
const USING_INDEX = {
  '001_init.sql': 'CREATE TABLE t (a int, b int);\nCREATE UNIQUE INDEX t_a_idx ON t (a);\nALTER TABLE t ADD CONSTRAINT t_a_uniq UNIQUE USING INDEX t_a_idx;\nCREATE UNIQUE INDEX t_b_idx ON t (b);\nALTER TABLE t ADD UNIQUE USING INDEX t_b_idx;\n',
};

describe('ADD CONSTRAINT of an index-backed constraint, run again', () => {
  for (const squash of [false, true]) {
    it(`the chain runs where a later file made an index under the dropped constraint's name${squash ? ' (squashed)' : ''}`, async () => {
      const { db, alembic } = await project(REPLACED, `replaced-hand-${squash}`, squash);
      for (const sql of Object.values(REPLACED)) await db.client.query(sql);
      const hand = await snapshot(db);
      await alembic.alembic('upgrade', 'head');
      expect(await snapshot(db)).toEqual(hand);
      // A fresh database gets the same, and runs the chain again after itself.
      const fresh = await project(REPLACED, `replaced-fresh-${squash}`, squash);
      await fresh.alembic.alembic('upgrade', 'head');
      expect(await snapshot(fresh.db)).toEqual(hand);
      await fresh.alembic.alembic('stamp', 'base');
      await fresh.alembic.alembic('upgrade', 'head');
      expect(await snapshot(fresh.db)).toEqual(hand);
    });
  }

  it('the chain runs where a later file renamed the constraint’s index, without adding it twice', async () => {
    const { db, alembic } = await project(INDEX_RENAMED, 'renamed-hand');
    for (const sql of Object.values(INDEX_RENAMED)) await db.client.query(sql);
    const hand = await snapshot(db);
    await alembic.alembic('upgrade', 'head');
    expect(await snapshot(db)).toEqual(hand);
    await alembic.alembic('downgrade', '-1');
    expect(await snapshot(db)).toEqual(await byHand(INDEX_RENAMED, 1, 'renamed-hand1'));
  });

  it('USING INDEX: run again, the index renamed to the constraint is not built again under its first name', async () => {
    const { db, alembic } = await project(USING_INDEX, 'using-index');
    const hand = await byHand(USING_INDEX, 1, 'using-index-hand');
    await alembic.alembic('upgrade', 'head');
    expect(await snapshot(db)).toEqual(hand);
    await alembic.alembic('stamp', 'base');
    await alembic.alembic('upgrade', 'head');
    expect(await snapshot(db)).toEqual(hand);
    await alembic.alembic('downgrade', 'base');
    expect(await snapshot(db)).toEqual(await byHand(USING_INDEX, 0, 'using-index-empty'));
  });
});
