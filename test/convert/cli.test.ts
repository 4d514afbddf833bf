import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
  return { code, out, err };
}

async function legacy(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-cli-'));
  await mkdir(path.join(dir, 'db'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, 'db', name), text);
  return dir;
}

describe('pgmend convert', () => {
  it('--help explains every option with examples', async () => {
    const { code, out } = await run('convert', '--help');
    expect(code).toBe(0);
    for (const flag of ['--out', '--format', '--input-format', '--pg-version', '--squash', '--force', '--strict', '--dry-run', '--templates', '--create-date', '--json']) {
      expect(out).toContain(flag);
    }
    expect(out).toContain('Examples:');
  });

  it('refuses what it cannot honour: an impossible --create-date, a file as --out, a forced layout that finds nothing', async () => {
    const dir = await legacy({ '0001_a.sql': 'CREATE TABLE t (id int);\n' });
    const out = path.join(dir, 'out');
    expect((await run('convert', path.join(dir, 'db'), '-o', out, '--create-date', '2024-02-30')).code).toBe(2);
    await writeFile(path.join(dir, 'notes.txt'), 'x');
    const file = await run('convert', path.join(dir, 'db'), '-o', path.join(dir, 'notes.txt'));
    expect([file.code, file.err]).toEqual([2, expect.stringContaining('is a file, not a folder')]);
    expect((await run('convert', path.join(dir, 'db'), '-o', out, '--input-format', 'flyway')).code).toBe(2);
    // Files without the forced layout's markers are read, but not as their tool would: exit 1.
    const dbmate = await run('convert', path.join(dir, 'db'), '-o', out, '--input-format', 'dbmate', '--dry-run');
    expect([dbmate.code, dbmate.err]).toEqual([1, expect.stringContaining('marker-missing')]);
  });

  it('--strict --json that refuses still prints the report, with written: false', async () => {
    const dir = await legacy({ '0001_a.sql': 'CREATE TABLE t (id int);\nDELETE FROM t;\n' });
    const { code, out, err } = await run('convert', path.join(dir, 'db'), '-o', path.join(dir, 'out'), '--strict', '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ written: false, needsReview: true });
    expect(err).toContain('strict-review');
  });

  it('counts error findings of no reviewed statement (COPY data left out) beside the review count', async () => {
    const dir = await legacy({ '0001_a.sql': 'CREATE TABLE t (id int);\nCOPY t (id) FROM stdin;\n1\n\\.\nSELECT 1 FROM t WHERE id = 1 FOR UPDATE;\n' });
    const { code, err } = await run('convert', path.join(dir, 'db'), '-o', path.join(dir, 'out'));
    expect(code).toBe(1);
    expect(err).toMatch(/1 need review; 1 error finding\(s\) below/);
  });

  it('exits 1 with every review item on stderr, and prints the JSON report on stdout', async () => {
    const dir = await legacy({ '0001_a.sql': "CREATE TABLE t (id int);\nDELETE FROM t;\n" });
    const { code, out, err } = await run('convert', path.join(dir, 'db'), '-o', path.join(dir, 'out'), '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.statements).toHaveLength(2);
    expect(err).toMatch(/1 need review/);
    expect(err).toContain(`${path.join(dir, 'db', '0001_a.sql')}:2:1`);
    expect((await readdir(path.join(dir, 'out'))).length).toBe(1);
  });

  it('exits 1 and writes nothing with --strict; 2 for usage mistakes and existing files', async () => {
    const dir = await legacy({ '0001_a.sql': 'DELETE FROM t;\n' });
    const strict = await run('convert', path.join(dir, 'db'), '-o', path.join(dir, 'out'), '--strict');
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(/error\[strict-review\]/);
    await expect(readdir(path.join(dir, 'out'))).rejects.toThrow();
    expect((await run('convert', path.join(dir, 'db'))).code).toBe(2);
    expect((await run('convert', path.join(dir, 'db'), '-o', path.join(dir, 'out'), '--pg-version', '9')).code).toBe(2);
    expect((await run('convert', path.join(dir, 'db'), '-o', path.join(dir, 'out'), '--format', 'liquibase')).code).toBe(2);
    expect((await run('convert', path.join(dir, 'db'), '-o', path.join(dir, 'out'))).code).toBe(1);
    const again = await run('convert', path.join(dir, 'db'), '-o', path.join(dir, 'out'));
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/error\[output-exists\]/);
    expect(again.err).not.toMatch(/\n\s+at /); // no stack trace for a user mistake
  });

  it('exits 0 when every statement converted', async () => {
    const dir = await legacy({ '0001_a.sql': 'CREATE TABLE t (id int);\n' });
    const { code, err } = await run('convert', path.join(dir, 'db', '0001_a.sql'), '-o', path.join(dir, 'out'), '--format', 'node-pg-migrate');
    expect(err).toMatch(/0 need review/);
    expect(code).toBe(0);
    expect(await readdir(path.join(dir, 'out'))).toEqual(['0001_a.js']);
  });
});
