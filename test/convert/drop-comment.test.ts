/**
 * DROP of a commented object, derived downgrade on real Postgres and Alembic: the comment went
 * with the object, so the downgrade that recreates it sets the comment again (Coder's
 * workspace_build_with_user, dropped and rebuilt after a column is added, has one).
 *
 * Made again under its name without a comment, a later DROP's downgrade leaves it without one;
 * renamed, it keeps its comment under the new name.
 */
import { describe, expect, it } from 'vitest';
import { appliedByHand, convertedProject, schemaSnapshot } from '../helpers/converted.js';
import { fileDatabases, type TestDatabase } from '../helpers/database.js';

const database = fileDatabases();

const FILES = {
  '001_init.sql': `CREATE TABLE builds (id int PRIMARY KEY, name text);
CREATE VIEW build_names AS SELECT id, name FROM builds;
COMMENT ON VIEW build_names IS 'Joins in the name';
CREATE MATERIALIZED VIEW build_ids AS SELECT id FROM builds;
COMMENT ON MATERIALIZED VIEW build_ids IS 'ids';
CREATE INDEX builds_name_idx ON builds (name);
COMMENT ON INDEX builds_name_idx IS 'by name';
CREATE FUNCTION build_count(a integer, b text) RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM builds';
COMMENT ON FUNCTION build_count(integer, text) IS 'counts builds';
CREATE TYPE build_reason AS ENUM ('initiator', 'autostart');
COMMENT ON TYPE build_reason IS 'why it ran';
CREATE VIEW build_plain AS SELECT 1 AS one;
COMMENT ON VIEW build_plain IS 'old comment';
CREATE VIEW build_first AS SELECT 3 AS three;
COMMENT ON VIEW build_first IS 'renamed';
ALTER VIEW build_first RENAME TO build_renamed;
`,
  '002_drop.sql': `DROP VIEW build_names;
DROP MATERIALIZED VIEW build_ids;
DROP INDEX builds_name_idx;
DROP FUNCTION build_count(integer, text);
DROP TYPE build_reason;
DROP VIEW build_plain;
CREATE VIEW build_plain AS SELECT 2 AS one;
DROP VIEW build_renamed;
`,
  '003_drop.sql': 'DROP VIEW build_plain;\n',
};

/** Comments outside pg_class, which the catalog snapshot does not list. */
async function otherComments(db: TestDatabase): Promise<unknown[]> {
  const { rows } = await db.client.query(`SELECT obj_description('build_count(integer, text)'::regprocedure, 'pg_proc') AS fn,
    obj_description(to_regtype('build_reason'), 'pg_type') AS type`);
  return rows;
}

describe('DROP of a commented object, derived downgrade on real Postgres and Alembic', () => {
  it('downgrade -1 recreates each object with the comment it had, and not one it lost on the way', async () => {
    const first = await appliedByHand(FILES, database, 'drop-comment-hand1', 1);
    const second = await appliedByHand(FILES, database, 'drop-comment-hand2', 2);
    const hand = await schemaSnapshot(await appliedByHand(FILES, database, 'drop-comment-hand'));
    const { db, alembic } = await convertedProject(FILES, database, 'drop-comment');
    await alembic.alembic('upgrade', 'head');
    expect(await schemaSnapshot(db)).toEqual(hand);
    // build_plain was made again without a comment: back without one.
    await alembic.alembic('downgrade', '-1');
    expect(await schemaSnapshot(db)).toEqual(await schemaSnapshot(second));
    // Before, the views (one renamed), materialized view, index, function and type came back without their comments.
    await alembic.alembic('downgrade', '-1');
    expect(await schemaSnapshot(db)).toEqual(await schemaSnapshot(first));
    expect(await otherComments(db)).toEqual(await otherComments(first));
    await alembic.alembic('upgrade', 'head');
    expect(await schemaSnapshot(db)).toEqual(hand);
  });
});
