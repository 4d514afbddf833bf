/**
 * Rendering planned revisions with the built-in templates: the Python must compile (checked
 * by python3), non-transactional steps sit in autocommit_block, notes are comments, failures
 * raise at their point, an empty function says why.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlannedRevision } from '../../src/plan/index.js';
import { renderRevisions } from '../../src/render/index.js';
import { PYTHON } from '../helpers/alembic.js';

const at = (line: number) => ({ file: 'db/0001_init.sql', line, column: 1 });

const revision: PlannedRevision = {
  id: 'abcdef012345',
  parent: '0123456789ab',
  message: 'init "quoted" \\ name',
  slug: 'init_quoted_name',
  createDate: new Date(Date.UTC(2014, 8, 24, 11, 35, 30)),
  sources: [{ file: 'db/0001_init.sql', version: '0001' }],
  upgrade: [
    { kind: 'sql', sql: 'CREATE TABLE IF NOT EXISTS t (id int)', origin: at(1) },
    { kind: 'sql', sql: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id)', nonTransactional: true, origin: at(2) },
    { kind: 'sql', sql: "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh'", nonTransactional: true, origin: at(3) },
    { kind: 'sql', sql: 'SELECT 1 -- trailing comment', origin: at(4) },
  ],
  downgrade: [
    { kind: 'note', text: 'enum label meh stays\n(harmless)', origin: at(3) },
    { kind: 'sql', sql: 'DROP INDEX CONCURRENTLY IF EXISTS t_id', nonTransactional: true, origin: at(2) },
    { kind: 'fail', message: 'cannot undo DROP TABLE at db/0001_init.sql:9', origin: at(9) },
    { kind: 'sql', sql: 'DROP TABLE IF EXISTS t', origin: at(1) },
  ],
  fileBase: 'abcdef012345_init_quoted_name',
};

async function pythonCompiles(source: string): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-render-'));
  const file = path.join(dir, 'rev.py');
  await writeFile(file, source);
  execFileSync(PYTHON, ['-m', 'py_compile', file]);
}

describe('alembic template', () => {
  it('writes Alembic’s layout and valid Python', async () => {
    const [file] = await renderRevisions([revision], 'alembic');
    expect(file!.path).toBe('abcdef012345_init_quoted_name.py');
    const py = file!.contents;
    await pythonCompiles(py);
    expect(py).toMatch(/^"""init "quoted" \\\\ name\n\nRevision ID: abcdef012345\nRevises: 0123456789ab\nCreate Date: 2014-09-24 11:35:30\n/);
    expect(py).toContain('revision = "abcdef012345"\ndown_revision = "0123456789ab"\nbranch_labels = None\ndepends_on = None\n');
    // both non-transactional steps in one autocommit block, indented under it
    expect(py).toMatch(/with op\.get_context\(\)\.autocommit_block\(\):\n        # db\/0001_init.sql:2\n        run_sql\("""CREATE INDEX CONCURRENTLY[^\n]*\n\n        # db\/0001_init.sql:3\n        run_sql\("""ALTER TYPE/);
    expect(py).toContain('    # enum label meh stays\n    # (harmless)\n');
    expect(py).toContain('        raise RuntimeError("cannot undo DROP TABLE at db/0001_init.sql:9")');
    expect(py.indexOf('raise RuntimeError')).toBeLessThan(py.indexOf('DROP TABLE IF EXISTS t'));
  });

  it('writes pass with the reason when a function has nothing to run', async () => {
    const empty = { ...revision, upgrade: [], downgrade: [{ kind: 'note' as const, text: 'nothing to undo', origin: at(1) }] };
    const [file] = await renderRevisions([empty], 'alembic');
    await pythonCompiles(file!.contents);
    expect(file!.contents).toContain('def upgrade() -> None:\n    # Nothing to do: the source migration has no statements.\n    pass\n');
    expect(file!.contents).toMatch(/def downgrade\(\) -> None:\n    # db\/0001_init.sql:1\n    # nothing to undo\n    pass\n/);
    expect(file!.contents).toContain('down_revision = "0123456789ab"');
    const [base] = await renderRevisions([{ ...empty, parent: null }], 'alembic');
    expect(base!.contents).toContain('Revises: \n');
    expect(base!.contents).toContain('down_revision = None\n');
  });
});

describe('sql template', () => {
  it('writes .up.sql / .down.sql with the non-transactional part marked and failures raising', async () => {
    const files = await renderRevisions([{ ...revision, fileBase: '0001_init' }], 'sql');
    expect(files.map((f) => f.path)).toEqual(['0001_init.up.sql', '0001_init.down.sql']);
    const [up, down] = files.map((f) => f.contents) as [string, string];
    expect(up).toContain('-- pgmend: the statements below must run outside a transaction block.\n');
    expect(up).toContain('SELECT 1 -- trailing comment\n;\n');
    expect(up).toContain('CREATE TABLE IF NOT EXISTS t (id int);\n');
    expect(down).toContain(`DO $pgmend$ BEGIN RAISE EXCEPTION '%', 'cannot undo DROP TABLE at db/0001_init.sql:9'; END $pgmend$;`);
    expect(down).toContain('-- enum label meh stays\n-- (harmless)\n');
  });
});

describe('node-pg-migrate template', () => {
  it('writes pgm.sql calls without placeholders, noTransaction when needed, throw for failures', async () => {
    const [file] = await renderRevisions([{ ...revision, fileBase: '0001_init' }], 'node-pg-migrate');
    const js = file!.contents;
    const calls: string[] = [];
    const pgm = { sql: (s: string) => calls.push(s), noTransaction: () => calls.push('<noTransaction>') };
    const mod: { exports: Record<string, (p: typeof pgm) => void> } = { exports: {} };
    new Function('exports', 'module', js)(mod.exports, mod);
    mod.exports.up!(pgm);
    expect(calls[0]).toBe('<noTransaction>');
    expect(calls).toContain('SELECT 1 -- trailing comment\n;');
    expect(() => mod.exports.down!(pgm)).toThrow('cannot undo DROP TABLE at db/0001_init.sql:9');
  });
});

describe('custom templates', () => {
  it('see @data variables when they use them (built-in ones go without)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-templates-'));
    await mkdir(path.join(dir, 'alembic'));
    await writeFile(path.join(dir, 'alembic', 'revision.py.hbs'), '{{#each upgrade}}{{#each steps}}{{@index}}:{{sql}}{{#unless @last}},{{/unless}}{{/each}}{{/each}}\n');
    const [file] = await renderRevisions([revision], 'alembic', dir);
    // One block per transaction mode: the table, the two non-transactional steps, the SELECT.
    expect(file!.contents).toBe("0:CREATE TABLE IF NOT EXISTS t (id int)0:CREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id),1:ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh'0:SELECT 1 -- trailing comment\n");
  });
});
