import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../helpers/database.js';
import { convert } from '../../src/index.js';
import { withSettingsRestored } from '../../src/convert/session-settings.js';
import { settingsChanged } from '../../src/rewrite/settings.js';
import { ensureParser } from '../../src/sql/parser.js';
import { splitSql, type SqlStatement } from '../../src/sql/split.js';
import { SourceText } from '../../src/source.js';

async function statements(sql: string): Promise<SqlStatement[]> {
  await ensureParser();
  return splitSql(new SourceText('t.sql', sql)).filter((s): s is SqlStatement => s.kind === 'statement');
}

describe('session settings', () => {
  it('finds what SET, RESET and set_config(…, false) change for the rest of the connection', async () => {
    const found = (await statements(`
      SET statement_timeout = 0; SET LOCAL lock_timeout = 5; RESET Role; SET TIME ZONE 'UTC';
      SELECT pg_catalog.set_config('search_path', '', false);
      SELECT set_config('app.tenant', 'x', true);
      SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; RESET ALL;
      CREATE TABLE t (set_config text);
    `)).map(settingsChanged);
    expect(found).toEqual([['statement_timeout'], ['lock_timeout'], ['role'], ['timezone'], ['search_path'], [], [], [], []]);
  });

  it('saves before and restores after, only when something changes', () => {
    const origin = { file: 'a.sql', line: 1, column: 1 };
    const steps = [{ kind: 'sql' as const, sql: 'SET search_path = x', origin }];
    expect(withSettingsRestored(steps, new Set(), origin)).toBe(steps);
    const wrapped = withSettingsRestored(steps, new Set(['search_path', 'app.tenant']), origin).map((s) => (s.kind === 'sql' ? s.sql : ''));
    expect(wrapped).toEqual([
      "-- pgmend: save the session settings this migration changes\nSELECT\n    set_config('pgmend.saved_app_tenant', current_setting('app.tenant', true), false),\n    set_config('pgmend.saved_search_path', current_setting('search_path', true), false)",
      'SET search_path = x',
      "-- pgmend: restore the session settings saved above\nSELECT\n    set_config('app.tenant', coalesce(nullif(current_setting('pgmend.saved_app_tenant', true), ''), current_setting('app.tenant', true), ''), false),\n    set_config('search_path', coalesce(nullif(current_setting('pgmend.saved_search_path', true), ''), current_setting('search_path', true), ''), false)",
    ]);
  });
});

describe('session settings in a derived downgrade', () => {
  it('runs each down step under the settings its up statement ran under, then restores them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-settings-'));
    await writeFile(
      path.join(dir, '001_app.sql'),
      'CREATE SCHEMA app;\nCREATE TABLE t0 (a int);\nSET search_path = app;\nCREATE TABLE t1 (a int);\nSET search_path = app, public;\nCREATE TABLE t2 (a int);\n',
    );
    const report = await convert({ inputs: [dir], outDir: path.join(dir, 'out'), format: 'sql', dryRun: true });
    const down = report.files.find((f) => f.path.endsWith('.down.sql'))!.contents!;
    const order = ['save the session settings', 'DROP TABLE IF EXISTS t2', 'SET search_path = app;', 'DROP TABLE IF EXISTS t1', 'restore the session settings this statement ran under', 'DROP TABLE IF EXISTS t0', 'DROP SCHEMA IF EXISTS app', 'restore the session settings saved above'];
    const at = order.map((s) => down.indexOf(s));
    expect(at.every((x) => x >= 0), down).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(down).toContain('SET search_path = app, public;');
    // The note points at the first SET, not at the migration's first statement.
    expect(report.findings.find((f) => f.code === 'session-settings-restored')?.location).toMatchObject({ line: 3, column: 1 });
  });
});

describe('session settings on real Postgres', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  for (const version of [18, 13] as const) {
    it(`Postgres ${version}: restores search_path, role, timeouts and custom settings`, async () => {
      const db = await testDatabase(`session-settings-${version}`, version);
      dbs.push(db);
      const q = async (sql: string) => (await db.client.query(sql)).rows;
      await q(`SET search_path = public, "$user"`);
      await q(`SET statement_timeout = '7s'`);
      await q(`SELECT set_config('app.tenant', 'acme', false)`);
      const before = await q(`SELECT current_setting('search_path') sp, current_setting('statement_timeout') st, current_setting('role') r, current_setting('app.tenant') t`);
      const origin = { file: 'a.sql', line: 1, column: 1 };
      const names = new Set(['search_path', 'statement_timeout', 'role', 'app.tenant']);
      const body = [`SELECT pg_catalog.set_config('search_path', '', false)`, 'SET statement_timeout = 0', 'SET ROLE pg_monitor', "SET app.tenant = 'other'"];
      const steps = withSettingsRestored(body.map((sql) => ({ kind: 'sql' as const, sql, origin })), names, origin);
      for (const s of steps) if (s.kind === 'sql') await q(s.sql);
      expect(await q(`SELECT current_setting('search_path') sp, current_setting('statement_timeout') st, current_setting('role') r, current_setting('app.tenant') t`)).toEqual(before);
      // A migration that ends with RESET ALL empties the saved values too: the restore still runs.
      const reset = withSettingsRestored(['SET check_function_bodies = false', 'RESET ALL'].map((sql) => ({ kind: 'sql' as const, sql, origin })), new Set(['check_function_bodies']), origin);
      for (const s of reset) if (s.kind === 'sql') await q(s.sql);
      expect(await q(`SELECT current_setting('check_function_bodies') c`)).toEqual([{ c: 'on' }]);
    });
  }
});
