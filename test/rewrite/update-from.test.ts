import { describe, expect, it } from 'vitest';
import { afterAll, beforeAll } from 'vitest';
import { testDatabase, type TestDatabase } from '../helpers/database.js';
import { rewriteAfter } from './with-definitions.js';

/** Re-runnable UPDATE … FROM forms (also run twice on Postgres below). */
const KEPT = [
  // IS NULL on a column set to a constant: with FROM as without.
  'UPDATE execution SET revision = 0, status = task.status FROM task WHERE execution.id = task.execution_id AND execution.revision IS NULL',
  // the column differs from the very value the SET writes, from a FROM table
  'UPDATE task SET status = e.status FROM execution AS e WHERE task.execution_id = e.id AND task.status != e.status',
  'UPDATE a SET x = b.x FROM b WHERE a.id = b.id AND a.x <> b.x',
  'UPDATE a SET x = b.x FROM b WHERE a.id = b.id AND b.x <> a.x',
  'UPDATE a SET x = b.x FROM b WHERE a.id = b.id AND a.x IS DISTINCT FROM b.x',
  'UPDATE a SET x = b.x FROM b WHERE a.id = b.id AND NOT (a.x = b.x)',
  'UPDATE a AS t SET x = lower(b.name) || t.id, note = note || \'!\' FROM b JOIN c ON c.id = b.c_id WHERE t.id = b.id AND t.x IS DISTINCT FROM lower(b.name) || t.id',
  "UPDATE a SET x = '1' FROM b WHERE a.id = b.id AND a.x <> '1'",
];

const SKIPS = 'UPDATE that can run twice: its WHERE skips the rows it already changed';

describe('update rule: UPDATE … FROM whose WHERE skips the rows it already changed', () => {
  it('keeps the forms whose second run finds no row left (harbor 0041 and 0031)', async () => {
    for (const sql of KEPT) {
      const { rewrites } = await rewriteAfter('', sql);
      expect([sql, rewrites[0]!.fate, rewrites[0]!.how, rewrites[0]!.findings]).toEqual([sql, 'kept', SKIPS, []]);
      expect(rewrites[0]!.down).toEqual([{ kind: 'note', text: 'UPDATE at test.sql:1 changed data; not undone' }]);
    }
  });

  it('sends for review what a second run would change again', async () => {
    for (const sql of [
      // no WHERE that skips the rows already written
      'UPDATE a SET x = b.x FROM b WHERE a.id = b.id',
      'UPDATE a SET x = b.x FROM b WHERE a.id = b.id AND a.x <> b.y',
      'UPDATE a SET x = b.x FROM b WHERE a.id = b.id AND b.x <> b.x',
      'UPDATE a SET x = b.x FROM b WHERE a.id = b.id AND a.x <> b.x OR true',
      // the value depends on the column itself, or on another column the SET changes
      'UPDATE a SET x = a.x + b.n FROM b WHERE a.id = b.id AND a.x <> a.x + b.n',
      'UPDATE a SET x = x + 1 FROM b WHERE a.id = b.id AND a.x <> x + 1',
      'UPDATE a SET x = b.x || y, y = 1 FROM b WHERE a.id = b.id AND a.x <> b.x || y',
      'UPDATE a SET x = b.x || a.y, y = 1 FROM b WHERE a.id = b.id AND a.x <> b.x || a.y',
      // the FROM side reads the target (self-join, subquery) or the value is not the same twice
      'UPDATE a SET x = p.x FROM a AS p WHERE a.parent = p.id AND a.x <> p.x',
      'UPDATE a SET x = s.m FROM (SELECT id, max(x) + 1 AS m FROM a GROUP BY id) s WHERE a.id = s.id AND a.x <> s.m',
      'UPDATE a SET x = (SELECT max(x) FROM b) FROM b WHERE a.x <> (SELECT max(x) FROM b)',
      'UPDATE a SET x = now() FROM b WHERE a.id = b.id AND a.x <> now()',
      'UPDATE a SET x = DEFAULT FROM b WHERE a.id = b.id AND a.x <> DEFAULT',
      // IS NULL on a column of the FROM table, not the target
      'UPDATE a SET x = 0 FROM b WHERE a.id = b.id AND b.x IS NULL',
    ]) {
      let fate: string;
      try {
        fate = (await rewriteAfter('', sql)).rewrites[0]!.fate;
      } catch (e) {
        fate = `unparsed: ${(e as Error).message}`;
      }
      expect([sql, fate]).toEqual([sql, 'review']);
    }
  });
});

describe('the UPDATE … FROM forms kept, run twice on Postgres', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase('update-from-rerun');
  });
  afterAll(() => db?.drop());

  it('change nothing the second time', async () => {
    const setup = `
      CREATE TABLE execution (id int PRIMARY KEY, status text, revision int);
      CREATE TABLE task (id int PRIMARY KEY, execution_id int, status text);
      INSERT INTO execution VALUES (1, 'a', NULL), (2, 'b', 3), (3, NULL, NULL);
      INSERT INTO task VALUES (1, 1, 'x'), (2, 2, 'y'), (3, 3, NULL), (4, 9, 'z');
      CREATE TABLE c (id int PRIMARY KEY);
      CREATE TABLE b (id int PRIMARY KEY, x text, name text, c_id int);
      CREATE TABLE a (id int PRIMARY KEY, x text, note text);
      INSERT INTO c VALUES (1);
      INSERT INTO b VALUES (1, 'p', 'N', 1), (2, NULL, 'M', 1), (3, 'q', NULL, 1);
      INSERT INTO a VALUES (1, 'old', ''), (2, 'old', ''), (3, NULL, ''), (4, 'old', '')`;
    for (const sql of KEPT) {
      await db.client.query('BEGIN');
      try {
        await db.client.query(setup);
        const first = await db.client.query(sql);
        const second = await db.client.query(sql);
        expect([sql, first.rowCount! > 0, second.rowCount]).toEqual([sql, true, 0]);
      } finally {
        await db.client.query('ROLLBACK');
      }
    }
  });
});
