/**
 * SQL reaches Postgres byte for byte through real Alembic: `:name` (a bind parameter to
 * SQLAlchemy text()), `%` (psycopg2's paramstyle), backslashes, triple quotes, dollar-quoted
 * bodies and non-ASCII text, both fixed cases and fast-check-generated strings.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/index.js';
import { dollarQuote, quoteLiteral } from '../../src/sql/quote.js';
import { alembicProject } from '../helpers/alembic.js';
import { testDatabase, type TestDatabase } from '../helpers/database.js';

const FIXED = [
  ':name and :other::text and :"quoted" and \\:escaped',
  '100% %s %(x)s %% %',
  'back\\slash \\\\ \\n \\x41 \\',
  '""" and \'\'\' and " and \'',
  '$$ $tag$ $1 ${x}',
  'héllo wörld ✓ 日本語 🎉 \u00a0 \u2028 \u200b',
  'line one\nline two\r\nline three\ttab',
  '-- not a comment /* nor this */ ;',
  '{name} {{ mustache }} `backtick`',
];

describe('SQL fidelity through real Alembic', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());

  it('stores exactly the literal and function body the input wrote', async () => {
    db = await testDatabase('convert-fidelity', 18);
    const generated = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), { seed: 42, numRuns: 60 });
    const values = [...FIXED, ...generated].map((v) => v.replaceAll('\0', ''));
    const body = `BEGIN RETURN ${quoteLiteral(FIXED.join('|'))}; END`;
    const sql = [
      'CREATE TABLE fidelity (id int PRIMARY KEY, v text NOT NULL);',
      ...values.map((v, i) => `INSERT INTO fidelity (id, v) VALUES (${i}, ${quoteLiteral(v)});`),
      `CREATE FUNCTION fidelity_fn() RETURNS text LANGUAGE plpgsql AS ${dollarQuote(body)};`,
      `CREATE TABLE fidelity_default (v text DEFAULT ${quoteLiteral(FIXED.join('|'))});`,
      '',
    ].join('\n');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-fidelity-'));
    await writeFile(path.join(dir, '0001_fidelity.sql'), sql, 'utf8');
    const versions = path.join(dir, 'versions');
    await convert({ inputs: [path.join(dir, '0001_fidelity.sql')], outDir: versions });

    const project = await alembicProject(versions, db.url);
    await project.alembic('upgrade', 'head');

    const rows = (await db.client.query<{ id: number; v: string }>('SELECT id, v FROM fidelity ORDER BY id')).rows;
    expect(rows.map((r) => r.v)).toEqual(values);
    const src = await db.client.query<{ prosrc: string }>(`SELECT prosrc FROM pg_proc WHERE proname = 'fidelity_fn'`);
    expect(src.rows[0]!.prosrc).toBe(body);
    const fn = await db.client.query<{ v: string }>('SELECT fidelity_fn() AS v');
    expect(fn.rows[0]!.v).toBe(FIXED.join('|'));
    await db.client.query('INSERT INTO fidelity_default DEFAULT VALUES');
    const def = await db.client.query<{ v: string }>('SELECT v FROM fidelity_default');
    expect(def.rows[0]!.v).toBe(FIXED.join('|'));

    // Offline mode (`alembic upgrade --sql`) prints the same statements verbatim.
    const offline = await project.alembic('upgrade', 'head', '--sql');
    for (const [i, v] of values.slice(0, FIXED.length).entries()) {
      expect(offline).toContain(`INSERT INTO fidelity (id, v) VALUES (${i}, ${quoteLiteral(v)})`);
    }
  });
});
