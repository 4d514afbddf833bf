import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/input/index.js';
import { lines, tree } from './tree.js';

describe('psql includes', () => {
  it('\\ir is relative to the including file; included statements keep their own file:line', async () => {
    const dir = await tree({
      'migrations/001_a.sql': 'CREATE TABLE a (id int);\n\\ir lib/fns.sql\nCREATE TABLE b (id int);\n',
      'migrations/lib/fns.sql': '-- helpers\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n',
    });
    const { migrations, findings } = await readMigrations(['migrations'], { cwd: dir });
    const up = migrations[0]!.up;
    expect(up.map((s) => `${s.location.file}:${s.location.line}:${s.location.column}`)).toEqual([
      'migrations/001_a.sql:1:1',
      'migrations/lib/fns.sql:2:1',
      'migrations/001_a.sql:3:1',
    ]);
    expect(migrations[0]!.includes).toEqual(['migrations/lib/fns.sql']);
    expect(findings).toEqual([]);
  });

  it('\\i tries the working directory first, then the including file’s folder', async () => {
    const dir = await tree({
      'm/001_a.sql': '\\i shared.sql\n\\include common/x.sql\n',
      'm/shared.sql': 'SELECT 1;',
      'common/x.sql': "SELECT 'from cwd';",
      'm/common/x.sql': "SELECT 'beside the file';",
    });
    const { migrations } = await readMigrations(['m'], { cwd: dir });
    expect(migrations[0]!.up.map((s) => s.text)).toEqual(['SELECT 1', "SELECT 'from cwd'"]);
  });

  it('quoted file names and \\include_relative', async () => {
    const dir = await tree({ '1_a.sql': "\\include_relative 'my file.sql'\n", 'my file.sql': 'SELECT 1;' });
    const { migrations } = await readMigrations([path.join(dir, '1_a.sql')], { cwd: dir });
    expect(migrations[0]!.up.map((s) => s.text)).toEqual(['SELECT 1']);
  });

  it('a missing include is an error finding at the \\i line; the migration goes on', async () => {
    const dir = await tree({ '1_a.sql': 'SELECT 1;\n  \\ir nowhere.sql\nSELECT 2;\n' });
    const { migrations, findings } = await readMigrations(['1_a.sql'], { cwd: dir });
    expect(migrations[0]!.up.map((s) => s.text)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(lines(findings)).toEqual([
      '1_a.sql:2:3: error[include-not-found]: `\\ir nowhere.sql`: included file "nowhere.sql" not found (looked for nowhere.sql); its statements are missing from this migration (hint: fix the path, or run pgmend from the folder psql ran in)',
    ]);
  });

  it('an include cycle is an include-cycle error naming the chain', async () => {
    const dir = await tree({ '1_a.sql': '\\ir b.sql\n', 'b.sql': 'SELECT 1;\n\\ir c.sql\n', 'c.sql': '\\ir b.sql\n' });
    const err = await readMigrations(['1_a.sql'], { cwd: dir }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'include-cycle',
      message: 'psql includes form a cycle: 1_a.sql → b.sql → c.sql → b.sql',
      location: { file: 'c.sql', line: 1, column: 1 },
    });
  });

  it('a file included twice (not a cycle) is inlined twice, its findings reported once', async () => {
    const dir = await tree({ '1_a.sql': '\\ir x.sql\n\\ir x.sql\n', 'x.sql': '\\echo hi\nSELECT 1;' });
    const { migrations, findings } = await readMigrations(['1_a.sql'], { cwd: dir });
    expect(migrations[0]!.up.map((s) => s.text)).toEqual(['SELECT 1', 'SELECT 1']);
    expect(findings.map((f) => f.code)).toEqual(['psql-meta-command']);
  });
});
