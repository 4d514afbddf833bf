import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../helpers/database.js';
import { rewriteAfter } from './with-definitions.js';

/** The tables the statements below run on (pgmend learns their columns from it, as from earlier files). */
const SCHEMA = `CREATE TABLE events (event_id text PRIMARY KEY, stream_ordering bigint, topological_ordering bigint);
CREATE TABLE push_actions (event_id text, stream_ordering bigint, topological_ordering bigint, notif smallint, n int);
CREATE TABLE u (id int, x int, t_id text)`;

/** UPDATEs whose scalar subqueries read neither the target table nor a column the UPDATE sets. */
const KEPT = [
  // Synapse delta 29/push_actions.sql: the inner stream_ordering is events'
  `UPDATE push_actions SET stream_ordering = (
    SELECT stream_ordering FROM events WHERE event_id = push_actions.event_id
  ), topological_ordering = (SELECT e.topological_ordering FROM events e WHERE e.event_id = push_actions.event_id)`,
  'UPDATE push_actions SET notif = (SELECT 1)',
  'UPDATE push_actions AS p SET n = (SELECT sum(x) FROM u WHERE u.t_id = p.event_id) + 1 WHERE p.notif = 1',
  'UPDATE push_actions SET n = (SELECT count(*) FROM u JOIN events ON events.event_id = u.t_id WHERE u.x IN (SELECT x FROM u AS v WHERE v.id > 0))',
  // the inner alias hides the target's name
  'UPDATE push_actions SET n = (SELECT push_actions.x FROM u AS push_actions LIMIT 1)',
];

const REVIEW = [
  // reads a column it sets, unqualified (no table of the subquery has it) or correlated
  'UPDATE push_actions SET n = (SELECT n + 1 FROM events WHERE events.event_id = push_actions.event_id)',
  'UPDATE push_actions SET n = (SELECT max(x) FROM u WHERE u.x < push_actions.n)',
  'UPDATE push_actions AS p SET n = (SELECT max(x) FROM u WHERE u.x < p.n)',
  // unqualified, from a table pgmend never saw: it may be the target's
  'UPDATE push_actions SET n = (SELECT n FROM elsewhere LIMIT 1)',
  // reads the target table: in its FROM, a JOIN, a nested subquery
  'UPDATE push_actions SET n = (SELECT count(*) FROM push_actions)',
  'UPDATE push_actions SET n = (SELECT count(*) FROM u JOIN public.push_actions q ON q.event_id = u.t_id)',
  'UPDATE push_actions SET n = (SELECT max(x) FROM u WHERE u.t_id IN (SELECT event_id FROM push_actions WHERE notif = 1))',
  'UPDATE push_actions SET n = (SELECT max(x) FROM (SELECT * FROM push_actions) s)',
  // the target's whole row, the clock or chance, a WITH, other kinds of subquery
  'UPDATE push_actions SET n = (SELECT length(push_actions::text) FROM u LIMIT 1)',
  'UPDATE push_actions SET n = (SELECT (random() * 10)::int)',
  "UPDATE push_actions SET n = (SELECT nextval('s'))",
  'UPDATE push_actions SET n = (SELECT x FROM u WHERE u.id = extract(epoch FROM now()))',
  'UPDATE push_actions SET n = (WITH c AS (SELECT 1 AS one) SELECT one FROM c)',
  'UPDATE push_actions SET notif = EXISTS (SELECT 1 FROM u)::int',
  'UPDATE push_actions SET n = (ARRAY(SELECT x FROM u))[1]',
];

describe('update rule: scalar subqueries in SET', () => {
  it('keeps the UPDATE when the subquery reads neither the target table nor a column it sets', async () => {
    for (const sql of KEPT) {
      const { rewrites } = await rewriteAfter(SCHEMA, sql);
      expect([sql, rewrites[0]!.fate, rewrites[0]!.how]).toEqual([sql, 'kept', 'UPDATE that can run twice: new values do not depend on the columns it sets']);
    }
  });

  it('sends the others for review', async () => {
    for (const sql of REVIEW) {
      const { rewrites } = await rewriteAfter(SCHEMA, sql);
      expect([sql, rewrites[0]!.fate, rewrites[0]!.findings[0]?.code]).toEqual([sql, 'review', 'data-change']);
    }
  });
});

describe('the UPDATEs with subqueries kept, run twice on Postgres', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase('update-subquery-rerun');
  });
  afterAll(() => db?.drop());

  it('write the same values the second time', async () => {
    const setup = `${SCHEMA};
      INSERT INTO events VALUES ('a', 10, 100), ('b', 20, 200);
      INSERT INTO push_actions VALUES ('a', 1, 1, 1, 5), ('b', NULL, 2, 0, 6), ('c', 3, 3, 1, 7);
      INSERT INTO u VALUES (1, 4, 'a'), (2, 8, 'a'), (3, 16, 'b')`;
    const rows = async () => (await db.client.query('SELECT * FROM push_actions ORDER BY event_id')).rows;
    for (const sql of KEPT) {
      await db.client.query('BEGIN');
      try {
        await db.client.query(setup);
        const before = await rows();
        await db.client.query(sql);
        const first = await rows();
        await db.client.query(sql);
        expect([sql, first !== before, await rows()]).toEqual([sql, true, first]);
      } finally {
        await db.client.query('ROLLBACK');
      }
    }
  });
});
