import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { folder } from './fixtures.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false });
  return { code, out, err };
}

describe('pgmend chain (CLI)', () => {
  it('check: exit 1 with errors, human lines file:line: severity[code]: message (hint: …)', async () => {
    const r = await cli('chain', 'check', 'samples/broken-chain');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^samples\/broken-chain\/migrations\/versions\/5e6f708192a3_add_user_email_index\.py:16: error\[dangling-down-revision\]: .+ \(hint: .+\)/m);
    expect(r.out).toMatch(/^8 revisions; heads: /m);
  });

  it('check --json: the documented document, exit 0 on a healthy folder', async () => {
    const r = await cli('chain', 'check', 'samples/branched-chain', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['revisions', 'heads', 'bases', 'problems']);
    expect(doc.revisions).toBe(9);
    for (const p of doc.problems) expect(Object.keys(p).slice(0, 6)).toEqual(['code', 'severity', 'file', 'line', 'message', 'hint']);
  });

  it('check --max-heads gates CI', async () => {
    const dir = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001', labels: ['x'] }, { id: 'aaaa0003', down: 'aaaa0001', labels: ['y'] }]);
    expect((await cli('chain', 'check', dir)).code).toBe(0);
    expect((await cli('chain', 'check', dir, '--max-heads', '1')).code).toBe(1);
  });

  it('usage errors exit 2: missing path, unknown folder', async () => {
    expect((await cli('chain', 'check')).code).toBe(2);
    const r = await cli('chain', 'check', '/nonexistent/pgmend');
    expect(r.code).toBe(2);
    expect(r.err).toContain('error[input-not-found]');
  });

  it('repair --dry-run prints the diff and the decisions, writes nothing; repair --yes then check is clean', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'pgmend-chain-cli-')), 'broken-chain');
    cpSync('samples/broken-chain', dir, { recursive: true });
    const dry = await cli('chain', 'repair', dir, '--dry-run');
    expect(dry.code).toBe(1); // writing it would need --yes
    expect(dry.out).toContain('+++ b/');
    expect(dry.err).toContain('need --yes or --map');
    const dryYes = await cli('chain', 'repair', dir, '--dry-run', '--yes'); // a CI preview of what --yes writes
    expect(dryYes.code).toBe(0);
    expect(dryYes.out).toBe(dry.out);
    expect(dryYes.err).not.toContain('need --yes');
    expect((await cli('chain', 'repair', dir)).code).toBe(2); // medium-confidence fix not confirmed
    const done = await cli('chain', 'repair', dir, '--yes');
    expect(done.code).toBe(0);
    expect(done.err).toMatch(/originals in .*\.pgmend-backup/);
    expect((await cli('chain', 'check', dir)).code).toBe(0);
  });

  it('control characters a message quotes from a file are escaped: one finding, one line', async () => {
    const dir = folder([{ id: 'aaaa0001' }]);
    writeFileSync(path.join(dir, 'bbbb0002_nul.py'), 'revision = "bbbb0002"\x00\ndown_revision = "aaaa0001"\n');
    const r = await cli('chain', 'check', dir);
    expect(r.out).toContain('\\x00');
    expect(r.out).not.toContain('\x00');
  });

  it('with a down_revision it cannot read, the summary shows no heads or bases', async () => {
    const dir = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', rawDown: 'migration.PARENT' }]);
    const r = await cli('chain', 'check', dir);
    expect(r.out).toMatch(/^2 revisions; heads and bases not known \(a value pgmend cannot read\); 1 errors, 0 warnings$/m);
  });

  it('an unknown option is named once, as typed', async () => {
    const r = await cli('chain', 'check', 'samples/broken-chain', '--bogus-flag');
    expect(r.code).toBe(2);
    expect(r.err).toBe('pgmend: error[usage]: Unknown argument: bogus-flag (hint: see pgmend --help)\n');
  });

  it('graph prints mermaid, dot and json', async () => {
    expect((await cli('chain', 'graph', 'samples/broken-chain')).out).toMatch(/^flowchart TD/);
    expect((await cli('chain', 'graph', 'samples/broken-chain', '--format', 'dot')).out).toMatch(/^digraph alembic \{/);
    const json = JSON.parse((await cli('chain', 'graph', 'samples/branched-chain', '--format', 'json')).out);
    expect(json.nodes.filter((n: { head: boolean }) => n.head).map((n: { id: string }) => n.id)).toEqual(['33445566bbcc']);
  });

  it('mermaid labels carry a message with #, quotes and angle brackets as entity codes', async () => {
    const dir = folder([{ id: 'aaaa00000001' }]);
    const file = path.join(dir, 'aaaa00000001_step.py');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"""aaaa00000001', '"""fix #1; add <table> & "x"'));
    const { out } = await cli('chain', 'graph', dir);
    expect(out).toContain('r0["aaaa00000001<br/>fix #35;1; add #lt;table#gt; #amp; #quot;x#quot;<br/>(head, base)"]');
  });

  it('usage errors stay one line with exit 2: a --max-heads that is no count, a malformed --db URL (password hidden), a bad choice', async () => {
    const heads = await cli('chain', 'check', 'samples/branched-chain', '--max-heads', 'abc');
    expect([heads.code, heads.err]).toEqual([2, expect.stringContaining('--max-heads needs a count')]);
    const url = await cli('chain', 'check', 'samples/branched-chain', '--db', 'postgres://bob:secret@host:99999/db');
    expect(url.code).toBe(2);
    expect(url.err).toContain('is not a PostgreSQL URL');
    expect(url.err).not.toContain('secret');
    const choice = await cli('chain', 'graph', 'samples/branched-chain', '--format', 'svg');
    expect(choice.code).toBe(2);
    expect(choice.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('reconcile without --db is a usage error', async () => {
    expect((await cli('chain', 'reconcile', 'samples/branched-chain')).code).toBe(2);
  });
});
