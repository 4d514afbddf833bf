import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';

describe('pgmend-lint: ignore comments', () => {
  it('accept the listed codes on their own line or the next, in .sql and .py files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-lint-ignore-'));
    await writeFile(
      path.join(dir, 'a.sql'),
      ['-- pgmend-lint: ignore[destructive]', 'DROP TABLE IF EXISTS app.old;', 'DROP TABLE IF EXISTS app.older; -- pgmend-lint: ignore', 'DROP TABLE IF EXISTS app.oldest;', '-- pgmend-lint: ignore[not-idempotent]', 'DROP TABLE IF EXISTS app.gone;'].join('\n'),
    );
    await writeFile(
      path.join(dir, 'r.py'),
      ['from alembic import op', '', 'def upgrade():', '    # pgmend-lint: ignore[protected-schema-write, not-idempotent]', '    op.add_column("accounts", None, schema="crm")', '    op.drop_column("accounts", "x", schema="crm", if_exists=True)', '', 'def downgrade():', '    op.drop_column("accounts", "x", schema="crm")', ''].join('\n'),
    );
    const report = await lint({ paths: [dir], protectSchemas: ['crm'], cwd: dir });
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.code}`)).toEqual([
      'a.sql:4 destructive',
      'a.sql:6 destructive',
      'r.py:6 destructive',
      'r.py:6 protected-schema-write',
      'r.py:9 protected-schema-write',
    ]);
  });
});
