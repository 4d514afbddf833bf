import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../src/index.js';
import { writeAll } from '../../src/convert/write.js';

async function project(files: Record<string, string>): Promise<{ dir: string; inputs: string[]; out: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-convert-'));
  await mkdir(path.join(dir, 'db'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, 'db', name), text);
  return { dir, inputs: Object.keys(files).map((f) => path.join(dir, 'db', f)), out: path.join(dir, 'out') };
}

const LEGACY = {
  '0001_create_users.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text);\nCREATE INDEX users_name ON users (name);\n',
  '0002_seed.sql': "GRANT SELECT ON users TO PUBLIC;\nUPDATE users SET name = name || ' (legacy)' WHERE id = 0;\n",
};

async function listing(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) out[f] = await readFile(path.join(dir, f), 'utf8');
  return out;
}

describe('convert', () => {
  it('writes byte-identical files when run twice, and reports every statement', async () => {
    const p = await project(LEGACY);
    const first = await convert({ inputs: p.inputs, outDir: p.out });
    const files1 = await listing(p.out);
    const second = await convert({ inputs: p.inputs, outDir: path.join(p.dir, 'out2') });
    expect(await listing(path.join(p.dir, 'out2'))).toEqual(files1);
    expect(second.revisions).toEqual(first.revisions);
    expect(Object.keys(files1)).toEqual(first.files.map((f) => f.path).sort());
    expect(first.statements.map((s) => `${path.basename(s.location.file)}:${s.location.line}:${s.location.column}`)).toEqual([
      '0001_create_users.sql:1:1',
      '0001_create_users.sql:2:1',
      '0002_seed.sql:1:1',
      '0002_seed.sql:2:1',
    ]);
    expect(first.statements.map((s) => s.nodeType)).toEqual(['CreateStmt', 'IndexStmt', 'GrantStmt', 'UpdateStmt']);
    expect(first.statements[3]!.fate).toBe('review'); // a data change that runs twice differently needs a person
    expect(first.needsReview).toBe(true);
    expect(first.counts.kept + first.counts.idempotent + first.counts.review).toBe(4);
    expect(first.revisions[1]!.parent).toBe(first.revisions[0]!.id);
  });

  it('never overwrites without force, and converting again with force gives the same files', async () => {
    const p = await project(LEGACY);
    await convert({ inputs: p.inputs, outDir: p.out });
    const before = await listing(p.out);
    await expect(convert({ inputs: p.inputs, outDir: p.out })).rejects.toMatchObject({ code: 'output-exists' });
    await convert({ inputs: p.inputs, outDir: p.out, force: true });
    expect(await listing(p.out)).toEqual(before);
    const sqlOut = path.join(p.dir, 'sql');
    await convert({ inputs: p.inputs, outDir: sqlOut, format: 'sql' });
    const sqlBefore = await listing(sqlOut);
    await convert({ inputs: p.inputs, outDir: sqlOut, format: 'sql', force: true });
    expect(await listing(sqlOut)).toEqual(sqlBefore);
  });

  it('a source fixed and converted again with --force replaces its revision in place; one added before converted ones is refused', async () => {
    const p = await project({ ...LEGACY, '0003_more.sql': 'CREATE TABLE more (id int);\n' });
    const first = await convert({ inputs: p.inputs, outDir: p.out });
    await writeFile(p.inputs[1]!, 'GRANT SELECT ON users TO PUBLIC;\n'); // fixed in the middle
    const again = await convert({ inputs: p.inputs, outDir: p.out, force: true });
    expect(again.revisions.map((r) => [r.id, r.parent])).toEqual(first.revisions.map((r) => [r.id, r.parent]));
    const files = await listing(p.out);
    expect(Object.keys(files)).toHaveLength(3); // one chain, not a fork
    expect(files[again.files[1]!.path]).not.toContain('UPDATE users');
    // A source added before them changes their parents, so their ids: refused, nothing written.
    const zero = path.join(p.dir, 'db', '0000_schema.sql');
    await writeFile(zero, 'CREATE SCHEMA app;\n');
    await expect(convert({ inputs: [zero, ...p.inputs], outDir: p.out, force: true })).rejects.toMatchObject({
      code: 'output-exists',
      message: expect.stringContaining('3 revision(s) converted earlier from these sources'),
    });
    expect(await listing(p.out)).toEqual(files);
  });

  it('says where a downgrade will stop, for statements it converted without review', async () => {
    const p = await project({ '001_cleanup.sql': 'CREATE TABLE t (id int);\nDROP INDEX idx_legacy;\n' });
    const report = await convert({ inputs: p.inputs, outDir: p.out, dryRun: true });
    const raises = report.findings.filter((f) => f.code === 'downgrade-raises');
    expect(raises).toHaveLength(1);
    expect(raises[0]).toMatchObject({ severity: 'warning', location: { line: 2 }, message: expect.stringContaining('never saw its definition') });
    // With the source's own down SQL, that derived downgrade is not used: nothing to say.
    const own = await project({ '001_cleanup.sql': '-- +goose Up\nCREATE TABLE t (id int);\nDROP INDEX idx_legacy;\n-- +goose Down\nCREATE INDEX idx_legacy ON t (id);\nDROP TABLE t;\n' });
    const ownReport = await convert({ inputs: own.inputs, outDir: own.out, dryRun: true });
    expect(ownReport.findings.filter((f) => f.code === 'downgrade-raises')).toEqual([]);
  });

  it("says nothing about the downgrade of the source's own down SQL (it is the downgrade)", async () => {
    const p = await project({ '001_t.sql': '-- +goose Up\nCREATE TABLE t (id int);\nCREATE VIEW v AS SELECT id FROM t;\n-- +goose Down\nDROP TABLE t CASCADE;\n' });
    const report = await convert({ inputs: p.inputs, outDir: p.out, dryRun: true });
    expect(report.findings.map((f) => f.code)).not.toContain('drop-cascade');
    const up = await project({ '001_t.sql': '-- +goose Up\nCREATE TABLE t (id int);\nDROP TABLE t CASCADE;\n' });
    expect((await convert({ inputs: up.inputs, outDir: up.out, dryRun: true })).findings.map((f) => f.code)).toContain('drop-cascade');
  });

  it('derives the downgrade when the source down section is empty', async () => {
    const p = await project({ '20200101000000_t.sql': '-- migrate:up\nCREATE TABLE t (id int);\n\n-- migrate:down\n-- nothing yet\n' });
    const report = await convert({ inputs: p.inputs, outDir: p.out, dryRun: true, format: 'sql' });
    expect(report.findings.map((f) => f.code)).toContain('empty-down');
    expect(report.files.find((f) => f.path.endsWith('.down.sql'))!.contents).toContain('DROP TABLE IF EXISTS t;');
  });

  it("sends writes to Alembic's own version table for review, and never undoes them", async () => {
    const p = await project({ '0001_init.sql': "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL);\nINSERT INTO alembic_version VALUES ('1.6.0');\n" });
    const report = await convert({ inputs: p.inputs, outDir: p.out, dryRun: true });
    expect(report.findings.filter((f) => f.code === 'version-table-write').map((f) => f.location?.line)).toEqual([1, 2]);
    expect(report.statements.map((s) => s.fate)).toEqual(['review', 'review']);
    expect(report.needsReview).toBe(true);
    expect(report.files[0]!.contents).not.toContain('DROP TABLE IF EXISTS alembic_version');
    // Other formats keep their own bookkeeping elsewhere: the table is an ordinary one there.
    const sql = await convert({ inputs: p.inputs, outDir: path.join(p.dir, 'sql'), dryRun: true, format: 'sql' });
    expect(sql.findings.map((f) => f.code)).not.toContain('version-table-write');
  });

  it("notes another tool's history table in a schema dump, without changing what is converted", async () => {
    const p = await project({ 'schema.sql': "CREATE TABLE public.schema_migrations (version varchar(128) PRIMARY KEY);\nINSERT INTO public.schema_migrations (version) VALUES ('20230101000000');\nCREATE TABLE users (id int);\n" });
    const report = await convert({ inputs: p.inputs, outDir: p.out, dryRun: true });
    expect(report.findings.filter((f) => f.code === 'other-tool-history').map((f) => [f.location?.line, f.severity])).toEqual([
      [1, 'warning'],
      [2, 'warning'],
    ]);
    expect(report.statements.map((s) => s.fate)).toEqual(['idempotent', 'idempotent', 'idempotent']);
  });

  it('--search-path: unqualified names mean objects in its first schema, and --verify replays with it', async () => {
    const files = {
      '001_init.sql': 'CREATE SCHEMA IF NOT EXISTS app;\nCREATE TABLE app.items (id int, name text);\nCREATE INDEX items_name ON app.items (name);\n',
      '002_cleanup.sql': 'DROP INDEX items_name;\nALTER TABLE items DROP COLUMN name;\n',
    };
    const plain = await project(files);
    const without = await convert({ inputs: plain.inputs, outDir: plain.out, dryRun: true, format: 'sql' });
    expect(without.findings.filter((f) => f.code === 'downgrade-raises')).toHaveLength(2);
    const scoped = await project(files);
    const report = await convert({ inputs: scoped.inputs, outDir: scoped.out, dryRun: true, format: 'sql', searchPath: ['app', 'public'], verify: true });
    expect(report.findings.map((f) => f.code)).toEqual(['search-path']);
    expect(report.findings[0]!.hint).toContain("options '-c search_path=app,public'");
    const spaced = await convert({ inputs: scoped.inputs, outDir: scoped.out, dryRun: true, searchPath: ['My Schema', 'public'] });
    expect(spaced.findings.find((f) => f.code === 'search-path')!.hint).toContain(`options '-c search_path="My\\ Schema",public'`);
    const down = report.files.find((f) => f.path === '0002_cleanup.down.sql')!.contents!;
    expect(down).toContain('CREATE INDEX IF NOT EXISTS items_name ON app.items (name)');
    expect(down).toContain('ADD COLUMN name text');
    await expect(convert({ inputs: scoped.inputs, outDir: scoped.out, dryRun: true, searchPath: [''] })).rejects.toMatchObject({ code: 'usage' });
  });

  it('follows the single head already in the output folder', async () => {
    const p = await project(LEGACY);
    await mkdir(p.out);
    await writeFile(path.join(p.out, 'old.py'), 'revision = "0ld0ld0ld0ld"\ndown_revision = None\n');
    const report = await convert({ inputs: p.inputs, outDir: p.out });
    expect(report.revisions[0]!.parent).toBe('0ld0ld0ld0ld');
    await writeFile(path.join(p.out, 'other.py'), 'revision = "another"\ndown_revision = None\n');
    await expect(convert({ inputs: p.inputs, outDir: p.out, force: true })).rejects.toMatchObject({ code: 'output-chain-broken' });
  });

  it("keeps the user's comments before a statement, not tool markers", async () => {
    const p = await project({ '0000_init.sql': 'CREATE TABLE a (id int);\n--> statement-breakpoint\n-- why b exists\nCREATE TABLE b (id int);\n' });
    const report = await convert({ inputs: p.inputs, outDir: p.out, dryRun: true });
    const py = report.files[0]!.contents!;
    expect(py).toContain('    # -- why b exists\n');
    expect(py).not.toContain('statement-breakpoint');
    // A block comment keeps its blank lines.
    const block = await project({ '0001_init.sql': 'CREATE TABLE a (id int);\n/*\n  Warnings:\n\n  - a note\n*/\nCREATE TABLE b (id int);\n' });
    const blockPy = (await convert({ inputs: block.inputs, outDir: block.out, dryRun: true })).files[0]!.contents!;
    expect(blockPy).toContain('    # /*\n    #   Warnings:\n    #\n    #   - a note\n    # */\n');
  });

  it('dry run writes nothing and returns every file with its contents', async () => {
    const p = await project(LEGACY);
    const report = await convert({ inputs: p.inputs, outDir: p.out, dryRun: true, format: 'sql' });
    await expect(readdir(p.out)).rejects.toThrow();
    expect(report.written).toBe(false);
    expect(report.files.map((f) => f.path)).toEqual(['0001_create_users.up.sql', '0001_create_users.down.sql', '0002_seed.up.sql', '0002_seed.down.sql']);
    expect(report.files[0]!.contents).toContain('users');
  });

  it('--strict refuses to write when something needs review', async () => {
    const p = await project(LEGACY);
    await expect(convert({ inputs: p.inputs, outDir: p.out, strict: true })).rejects.toMatchObject({ code: 'strict-review' });
    await expect(readdir(p.out)).rejects.toThrow();
  });

  it('needs review when a derived downgrade can only raise, and --strict writes nothing', async () => {
    const p = await project({ '001_a.sql': 'CREATE TABLE t (id int);\nDROP TABLE legacy_audit;\n' });
    const report = await convert({ inputs: p.inputs, outDir: p.out, dryRun: true });
    expect(report.counts.review).toBe(0);
    expect(report.needsReview).toBe(true);
    const err = await convert({ inputs: p.inputs, outDir: p.out, strict: true }).catch((e) => e);
    expect(err).toMatchObject({ code: 'strict-review' });
    expect(err.message).toContain('cannot recreate table legacy_audit');
    await expect(readdir(p.out)).rejects.toThrow();
  });

  it('needs review when an input is left out (a down file without its up), and --strict writes nothing', async () => {
    const p = await project({ '1_a.up.sql': 'CREATE TABLE a (id int);', '2_b.down.sql': 'DROP TABLE b;' });
    const report = await convert({ inputs: [path.join(p.dir, 'db')], outDir: p.out, dryRun: true });
    expect(report.counts.review).toBe(0);
    expect(report.needsReview).toBe(true);
    await expect(convert({ inputs: [path.join(p.dir, 'db')], outDir: p.out, strict: true })).rejects.toMatchObject({ code: 'strict-review', message: expect.stringContaining('1 input(s) left out') });
  });

  it('uses a templates folder (the built-in template for a file it lacks), and refuses a missing folder or a broken template', async () => {
    const p = await project(LEGACY);
    const tpl = path.join(p.dir, 'tpl');
    await mkdir(path.join(tpl, 'sql'), { recursive: true });
    await writeFile(path.join(tpl, 'sql', 'up.sql.hbs'), '{{#each upgrade}}{{#each steps}}{{terminated sql}}\n{{/each}}{{/each}}');
    await writeFile(path.join(tpl, 'sql', 'down.sql.hbs'), '-- down of {{message}}\n');
    const options: ConvertOptions = { inputs: p.inputs, outDir: p.out, format: 'sql', templatesDir: tpl, dryRun: true };
    const report = await convert(options);
    expect(report.files[1]!.contents).toBe('-- down of create users\n');
    const alembic = await convert({ ...options, format: 'alembic' }); // no alembic template in tpl: the built-in one
    expect(alembic.files[0]!.contents).toContain('from alembic import op');
    await expect(convert({ ...options, templatesDir: path.join(p.dir, 'missing') })).rejects.toMatchObject({ code: 'template-error', message: expect.stringContaining('is not a folder') });
    await writeFile(path.join(tpl, 'sql', 'down.sql.hbs'), '{{#each upgrade}}');
    await expect(convert(options)).rejects.toMatchObject({ code: 'template-error' });
  });

  it('rejects bad options as usage errors', async () => {
    const p = await project(LEGACY);
    await expect(convert({ inputs: p.inputs, outDir: p.out, pgVersion: 11 })).rejects.toMatchObject({ code: 'usage' });
    await expect(convert({ inputs: [], outDir: p.out })).rejects.toMatchObject({ code: 'usage' });
    await expect(convert({ inputs: p.inputs, outDir: p.out, createDate: 'yesterday' })).rejects.toMatchObject({ code: 'usage' });
  });

  it('names files with file_template and a given Create Date', async () => {
    const p = await project(LEGACY);
    await writeFile(path.join(p.dir, 'alembic.ini'), '[alembic]\nfile_template = %%(year)d%%(month).2d%%(day).2d_%%(slug)s_%%(rev)s\n');
    const report = await convert({ inputs: p.inputs, outDir: p.out, createDate: '2021-03-04 05:06:07', dryRun: true });
    expect(report.files[0]!.path).toBe(`20210304_create_users_${report.revisions[0]!.id}.py`);
    expect(report.files[0]!.contents).toContain('Create Date: 2021-03-04 05:06:07\n');
  });
});

describe('writeAll', () => {
  it('writes all files or none', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-write-'));
    await writeFile(path.join(dir, 'a.py'), 'old');
    await writeFile(path.join(dir, 'sub'), 'a file where a folder is needed');
    const files = [
      { path: 'a.py', contents: 'new' },
      { path: 'sub/b.py', contents: 'new' },
    ];
    await expect(writeAll(dir, files, true)).rejects.toThrow();
    expect(await listing(dir)).toEqual({ 'a.py': 'old', sub: 'a file where a folder is needed' });
    await writeAll(dir, [files[0]!, { path: 'c/d.py', contents: 'new' }], true);
    expect(await readFile(path.join(dir, 'a.py'), 'utf8')).toBe('new');
    expect(await readFile(path.join(dir, 'c', 'd.py'), 'utf8')).toBe('new');
    expect((await readdir(dir)).sort()).toEqual(['a.py', 'c', 'sub']);
  });
});
