/**
 * A helper's operations run where upgrade() calls it, not where the helper is written (sweep of
 * galaxy 04288b6a5b25: helpers below upgrade() create temporary tables, upgrade() drops them after
 * the calls). Rules that look at what ran before (temporary tables, tables the upgrade created,
 * names it dropped) follow the run order.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { ensureParser } from '../../src/sql/parser.js';

beforeAll(ensureParser);

/** `line:col code` of lint's findings on one revision file. */
async function lintFile(lines: string[], options: { protectSchemas?: string[] } = {}): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-lint-order-'));
  writeFileSync(path.join(dir, 'a1_x.py'), ['from alembic import op', 'from sqlalchemy.sql import text', '', 'revision = "a1"', 'down_revision = None', '', ...lines, ''].join('\n'));
  const report = await lint({ paths: [dir], cwd: dir, ...options });
  return report.findings.map((f) => `${f.line}:${f.column} ${f.code}`);
}

const HELPER_BELOW = [
  'def upgrade():',
  '    connection = op.get_bind()',
  '    _setup(connection)',
  '    op.execute("DROP VIEW IF EXISTS tmp_view")',
  '    op.execute("DROP TABLE IF EXISTS tmp_map")',
  '',
  '',
  'def downgrade():',
  '    op.execute("SELECT 1")',
  '',
  '',
  'def _setup(connection):',
  '    connection.execute(text("CREATE TEMP TABLE tmp_map AS SELECT id FROM dataset"))',
  '    connection.execute(text("CREATE TEMP VIEW tmp_view AS SELECT id FROM dataset"))',
];

describe('operations in a helper written below upgrade()', () => {
  it('create temporary tables the statements after its call find in pg_temp, not in a protected schema', async () => {
    const found = await lintFile(HELPER_BELOW, { protectSchemas: ['public'] });
    expect(found.filter((f) => f.endsWith('protected-schema-write'))).toEqual([]);
  });

  it('create tables that dropping after its call loses nothing from before the migration', async () => {
    const found = await lintFile(HELPER_BELOW);
    expect(found.filter((f) => f.endsWith('destructive'))).toEqual([]);
  });

  it('still run after what upgrade() does before calling the helper', async () => {
    const found = await lintFile(['def upgrade():', '    op.execute("DROP TABLE IF EXISTS tmp_map")', '    _setup(op.get_bind())', '', '', 'def downgrade():', '    op.execute("SELECT 1")', '', '', 'def _setup(connection):', '    connection.execute(text("CREATE TEMP TABLE tmp_map AS SELECT id FROM dataset"))']);
    expect(found.filter((f) => f.endsWith('destructive'))).toEqual(['8:17 destructive']);
  });
});
