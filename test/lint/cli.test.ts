import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

async function cli(...argv: string[]) {
  const io = capture();
  const code = await main(['lint', ...argv], io);
  return { code, out: io.stdout, err: io.stderr };
}

const SAMPLE = path.resolve('samples/two-schemas-readonly');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-lint-cli-'));
  await writeFile(path.join(dir, 'clean.sql'), 'CREATE TABLE IF NOT EXISTS app.t (id int);\n');
  await writeFile(path.join(dir, 'warn.sql'), 'DROP TABLE IF EXISTS app.old;\n');
});

describe('pgmend lint exit codes', () => {
  it('0 when clean', async () => {
    const r = await cli(path.join(dir, 'clean.sql'));
    expect(r.code).toBe(0);
    expect(r.out).toBe('no findings in 1 file\n');
  });

  it('1 on findings, printing file:line:col: severity[code]: message (hint)', async () => {
    const r = await cli(SAMPLE, '--protect-schema', 'crm');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^samples\/two-schemas-readonly\/migrations\/versions\/5e2a7f31b8c4_seed_lead_sources\.py:29:5: error\[protected-schema-write\]: op\.bulk_insert inserts rows into crm\.lead_sources.* \(.+\)$/m);
  });

  it('1 on warnings unless --max-warnings lets them pass', async () => {
    const file = path.join(dir, 'warn.sql');
    expect((await cli(file)).code).toBe(1);
    expect((await cli(file, '--max-warnings', '1')).code).toBe(0);
    expect((await cli(SAMPLE, '--protect-schema', 'crm', '--max-warnings', '100')).code).toBe(1); // errors always fail
  });

  it('2 on usage mistakes', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli(path.join(dir, 'missing'))).code).toBe(2);
    const bad = await cli(SAMPLE, '--protect-table', 'a.b.c');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('error[usage]');
    expect((await cli(SAMPLE, '--format', 'xml')).code).toBe(2);
  });

  it('2, not an internal error, for a file it cannot read (a dangling link)', async () => {
    const versions = await mkdtemp(path.join(os.tmpdir(), 'pgmend-lint-link-'));
    await writeFile(path.join(versions, 'aaa.py'), "revision = 'aaa'\ndown_revision = None\n");
    await symlink(path.join(versions, 'nowhere'), path.join(versions, 'dangling.py'));
    const r = await cli(versions);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^pgmend: error\[input-unreadable\]: cannot read .*dangling\.py: ENOENT/);
  });

  it('3 when --db cannot be reached', async () => {
    const r = await cli(SAMPLE, '--protect-schema', 'crm', '--db', 'postgres://nobody@127.0.0.1:1/none');
    expect(r.code).toBe(3);
    expect(r.err).toContain('error[db-error]');
  });

  it('--format sarif prints SARIF 2.1.0 with the same exit code', async () => {
    const r = await cli(SAMPLE, '--protect-schema', 'crm', '--format', 'sarif');
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it('--json and --format json print the same sorted findings', async () => {
    const a = await cli(SAMPLE, '--protect-schema', 'crm', '--json');
    const b = await cli(SAMPLE, '--protect-schema', 'crm', '--format', 'json');
    expect(a.out).toBe(b.out);
    const findings = JSON.parse(a.out).findings as Array<{ file: string; line: number }>;
    expect(Object.keys(findings[0]!)).toEqual(['code', 'severity', 'file', 'line', 'column', 'message', 'hint']);
    const keys = findings.map((f) => `${f.file}:${String(f.line).padStart(6, '0')}`);
    expect(keys).toEqual([...keys].sort());
  });
});
