import { describe, expect, it } from 'vitest';
import { rewriteScript } from '../helpers/rewrite.js';
import { rewriteAfter } from './with-definitions.js';

const TABLES = `CREATE TABLE roles (id int PRIMARY KEY, name text, note text);
CREATE TABLE tags (name text, color text, created timestamptz DEFAULT now());
CREATE TABLE pairs (a int, b int);
CREATE UNIQUE INDEX ON pairs (a, b);`;

describe('insert rule', () => {
  it('adds ON CONFLICT DO NOTHING when a known unique key covers the rows; down deletes them by key', async () => {
    const sql = `INSERT INTO roles (id, name) VALUES
  (1, 'admin'), -- all rights
  (2, 'reader')`;
    const { up, down, rewrites } = await rewriteAfter(TABLES, sql);
    expect(up).toEqual([`${sql}\nON CONFLICT DO NOTHING`]);
    expect(down).toEqual(['DELETE FROM roles WHERE id IN (1, 2)']);
    expect(rewrites[0]!.how).toBe('ON CONFLICT DO NOTHING (unique key id)');
  });

  it('uses a unique index as the key, comparing several columns', async () => {
    const { down } = await rewriteAfter(TABLES, 'INSERT INTO pairs VALUES (1, 2), (3, 4)');
    expect(down).toEqual(['DELETE FROM pairs WHERE (a, b) IN ((1, 2), (3, 4))']);
  });

  it('guards each row with WHERE NOT EXISTS when no key covers it, comparing constant values only', async () => {
    const sql = `INSERT INTO tags (name, color, created) VALUES ('red', NULL, now()), ('blue', '#00f', '2020-01-01')`;
    const { up, down, rewrites } = await rewriteAfter(TABLES, sql);
    expect(up).toEqual([
      `INSERT INTO tags (name, color, created)\nSELECT 'red', NULL, now()\nWHERE NOT EXISTS (SELECT 1 FROM tags WHERE (name, color) IS NOT DISTINCT FROM ('red', NULL))`,
      `INSERT INTO tags (name, color, created)\nSELECT 'blue', '#00f', '2020-01-01'\nWHERE NOT EXISTS (SELECT 1 FROM tags WHERE (name, color, created) IS NOT DISTINCT FROM ('blue', '#00f', '2020-01-01'))`,
    ]);
    expect(down).toEqual([
      `DELETE FROM tags WHERE (name, color, created) IS NOT DISTINCT FROM ('blue', '#00f', '2020-01-01')`,
      `DELETE FROM tags WHERE (name, color) IS NOT DISTINCT FROM ('red', NULL)`,
    ]);
    expect(rewrites[0]!.findings.map((f) => f.code)).toEqual(['insert-guarded']);
    expect(rewrites[0]!.findings[0]!.message).toBe('no unique key pgmend knows covers tags(name, color, created): each row is inserted only when no row has the same values (created not compared where the value is not a constant)');
  });

  it('does not trust a key that takes a new value on every run (random ids, the clock)', async () => {
    const tables = `${TABLES}\nCREATE TABLE copies (id text PRIMARY KEY, role_id int, at timestamptz UNIQUE);`;
    const select = await rewriteAfter(tables, 'INSERT INTO copies (id, role_id) SELECT gen_random_uuid()::text, r.id FROM roles r');
    expect(select.rewrites[0]!.fate).toBe('review');
    expect(select.rewrites[0]!.how).toContain('the unique key id takes a new value on every run');
    // VALUES rows fall back to comparing their constant columns.
    const values = await rewriteAfter(tables, "INSERT INTO copies (id, role_id) VALUES (md5(random()::text), 1)");
    // ON CONFLICT DO NOTHING too: the table has unique keys.
    expect(values.up).toEqual([`INSERT INTO copies (id, role_id)\nSELECT md5(random()::text), 1\nWHERE NOT EXISTS (SELECT 1 FROM copies WHERE role_id IS NOT DISTINCT FROM 1)\nON CONFLICT DO NOTHING`]);
    // A key the SELECT copies from its source is the same on every run; CURRENT_USER is not the clock.
    const copied = await rewriteAfter(tables, 'INSERT INTO copies (id, role_id) SELECT r.name, r.id FROM roles r');
    expect(copied.rewrites[0]!.how).toBe('ON CONFLICT DO NOTHING (unique key id)');
    const clock = await rewriteAfter(tables, 'INSERT INTO copies (id, at) SELECT CURRENT_USER, CURRENT_TIMESTAMP');
    expect(clock.rewrites[0]!.how).toBe('ON CONFLICT DO NOTHING (unique key id)');
  });

  it('does not trust a key holding NULL', async () => {
    const { up } = await rewriteAfter(TABLES, 'INSERT INTO pairs (a, b) VALUES (1, NULL)');
    expect(up).toEqual([`INSERT INTO pairs (a, b)\nSELECT 1, NULL\nWHERE NOT EXISTS (SELECT 1 FROM pairs WHERE (a, b) IS NOT DISTINCT FROM (1, NULL))\nON CONFLICT DO NOTHING`]);
  });

  it('counts a key column left to a constant DEFAULT as covered: a one-row table (Synapse’s stream positions)', async () => {
    const tables = `CREATE TABLE stream_pos (lock char(1) NOT NULL DEFAULT 'X' UNIQUE, stream_id bigint NOT NULL, CHECK (lock = 'X'));
CREATE TABLE scoped (tenant text DEFAULT 'main'::text, name text, at timestamptz DEFAULT now(), UNIQUE (tenant, name));
CREATE TABLE stamped (at timestamptz DEFAULT now() UNIQUE, n int);`;
    const single = await rewriteAfter(tables, 'INSERT INTO stream_pos (stream_id) VALUES (0)');
    expect(single.up).toEqual(['INSERT INTO stream_pos (stream_id) VALUES (0)\nON CONFLICT DO NOTHING']);
    expect(single.down).toEqual([`DELETE FROM stream_pos WHERE lock IN ('X')`]);
    expect(single.rewrites[0]!.how).toBe('ON CONFLICT DO NOTHING (unique key lock; lock from its constant DEFAULT)');
    const scoped = await rewriteAfter(tables, `INSERT INTO scoped (name) VALUES ('a'), ('b')`);
    expect(scoped.down).toEqual([`DELETE FROM scoped WHERE (tenant, name) IN (('main'::text, 'a'), ('main'::text, 'b'))`]);
    // A DEFAULT that changes from run to run never conflicts: the rows are told apart by their values.
    const stamped = await rewriteAfter(tables, 'INSERT INTO stamped (n) VALUES (1)');
    expect(stamped.up).toEqual(['INSERT INTO stamped (n)\nSELECT 1\nWHERE NOT EXISTS (SELECT 1 FROM stamped WHERE n IS NOT DISTINCT FROM 1)\nON CONFLICT DO NOTHING']);
    // No unique key at all: the NOT EXISTS guard alone.
    const plain = await rewriteAfter(TABLES, `INSERT INTO tags (name) VALUES ('x')`);
    expect(plain.up).toEqual([`INSERT INTO tags (name)\nSELECT 'x'\nWHERE NOT EXISTS (SELECT 1 FROM tags WHERE name IS NOT DISTINCT FROM 'x')`]);
  });

  it('keeps ON CONFLICT as written, and flags INSERT … SELECT it cannot guard', async () => {
    const { rewrites } = await rewriteAfter(TABLES, `INSERT INTO tags (name) VALUES ('x') ON CONFLICT DO NOTHING;\nINSERT INTO tags (name) SELECT name FROM roles`);
    expect(rewrites.map((r) => r.fate)).toEqual(['kept', 'review']);
    expect(rewrites[1]!.findings).toMatchObject([{ code: 'insert-not-guarded', location: { line: 2 } }]);
    expect(rewrites[1]!.down).toEqual([{ kind: 'note', text: 'rows inserted at test.sql:2 stay: pgmend cannot tell them apart from others' }]);
  });
});

describe('INSERT into a temporary table', () => {
  it('needs no review when the migration drops the table again (pg_partman)', async () => {
    const { rewrites } = await rewriteScript("CREATE TEMP TABLE keep (s text);\nINSERT INTO keep SELECT 'x';\nDROP TABLE keep;\nCREATE TEMP TABLE kept (s text);\nINSERT INTO kept SELECT 'x'");
    expect(rewrites.map((r) => r.fate)).toEqual(['idempotent', 'idempotent', 'idempotent', 'idempotent', 'review']);
    expect(rewrites[1]!.down).toEqual([{ kind: 'note', text: 'rows inserted at test.sql:2 go with the temporary table' }]);
  });
});
