import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/errors.js';
import { checkChain, repairChain } from '../../src/chain/index.js';
import { folder, revisionText, type Rev } from './fixtures.js';

const errors = async (dir: string) => (await checkChain(dir)).problems.filter((p) => p.severity === 'error').map((p) => p.code);
const read = (dir: string, name: string) => readFileSync(path.join(dir, name), 'utf8');

async function repairedClean(revs: Rev[], opts = {}): Promise<string> {
  const dir = folder(revs);
  await repairChain(dir, { yes: true, ...opts });
  expect(await errors(dir)).toEqual([]);
  return dir;
}

describe('chain repair', () => {
  it('touches only the lines that change, keeps a byte-identical backup, and says where', async () => {
    const dir = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001_step' }]);
    const before = read(dir, 'aaaa0002_step.py');
    const result = await repairChain(dir, {});
    const after = read(dir, 'aaaa0002_step.py');
    const a = before.split('\n');
    const b = after.split('\n');
    expect(b).toHaveLength(a.length);
    const changed = a.map((line, i) => (line === b[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed.map((i) => b[i])).toEqual(['Revises: aaaa0001', "down_revision = 'aaaa0001'"]);
    expect(result.backupDir).toContain(path.join(path.dirname(dir), '.pgmend-backup'));
    expect(readFileSync(path.join(result.backupDir!, 'versions', 'aaaa0002_step.py'), 'utf8')).toBe(before);
    expect(existsSync(path.join(result.backupDir!, 'pgmend-repair.json'))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('pgmend-tmp'))).toEqual([]);
    expect(await errors(dir)).toEqual([]);
  });

  it('a fix below full confidence needs --yes or --map, and --dry-run writes nothing', async () => {
    const revs: Rev[] = [{ id: 'abcdef123456' }, { id: 'bbbb0002', down: 'abcdef', revises: '' }];
    const dir = folder(revs);
    const dry = await repairChain(dir, { dryRun: true });
    expect(dry.unconfirmed.map((d) => d.confidence)).toEqual(['medium']);
    expect(dry.written).toBe(false);
    expect(dry.diff).toContain(`--- a${path.join(dir, 'bbbb0002_step.py')}\n+++ b${path.join(dir, 'bbbb0002_step.py')}\n`); // an absolute path as git prints it
    expect(read(dir, 'bbbb0002_step.py')).toContain("down_revision = 'abcdef'");
    await expect(repairChain(dir, {})).rejects.toMatchObject({ code: 'chain-invalid' });
    const mapped = await repairChain(dir, { map: ['abcdef=abcdef123456'] });
    expect(mapped.written).toBe(true);
    expect(read(dir, 'bbbb0002_step.py')).toContain("down_revision = 'abcdef123456'");
  });

  it('--map may make a revision a base', async () => {
    const dir = folder([{ id: 'aaaa0001', down: 'gone0000' }]);
    await repairChain(dir, { map: ['gone0000=None'] });
    expect(read(dir, 'aaaa0001_step.py')).toContain('down_revision = None');
  });

  it('with no evidence at all, repair stops and asks for --map (exit 1: it needs more from the user)', async () => {
    const dir = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'zzzz9999', revises: '' }]);
    const refusal = repairChain(dir, { dryRun: true });
    await expect(refusal).rejects.toMatchObject({ code: 'repair-needs-map', hint: expect.stringContaining('--map') });
    expect(exitCodeFor(await refusal.catch((e: unknown) => e))).toBe(1);
  });

  it('a duplicate id: the later file gets a fresh id, its children follow it', async () => {
    const dir = await repairedClean([
      { id: 'aaaa00000001', date: '2024-01-01 00:00:00' },
      { id: 'bbbb00000002', down: 'aaaa00000001', date: '2024-01-02 00:00:00' },
      { id: 'bbbb00000002', file: 'later_copy', down: 'aaaa00000001', date: '2024-02-01 00:00:00' },
      { id: 'cccc00000003', down: 'bbbb00000002', date: '2024-03-01 00:00:00' },
    ]);
    const copy = read(dir, 'later_copy.py');
    const fresh = /^revision = '([0-9a-f]{12})'$/m.exec(copy)![1]!;
    expect(fresh).not.toBe('bbbb00000002');
    expect(copy).toContain(`Revision ID: ${fresh}`);
    expect(read(dir, 'cccc00000003_step.py')).toContain(`down_revision = '${fresh}'`);
  });

  it('a duplicate whose file name carries the id moves to a name with its new id; no id-mismatch is left', async () => {
    const dir = folder([
      { id: 'aaaa00000001', date: '2024-01-01 00:00:00' },
      { id: 'bbbb00000002', down: 'aaaa00000001', date: '2024-01-02 00:00:00' },
      { id: 'bbbb00000002', file: 'bbbb00000002_other_step', down: 'aaaa00000001', date: '2024-02-01 00:00:00', upgrade: 'op.drop_table("x")' },
    ]);
    const dry = await repairChain(dir, { dryRun: true });
    const fresh = /→ '(\w+)'/.exec(dry.decisions.find((d) => d.code === 'rename-duplicate')!.description)![1]!;
    expect(dry.diff).toContain(`rename from ${path.join(dir, 'bbbb00000002_other_step.py')}\nrename to ${path.join(dir, `${fresh}_other_step.py`)}\n`);
    const r = await repairChain(dir, {});
    expect(readdirSync(dir).filter((f) => f.endsWith('.py') && !f.endsWith('_merge_heads.py')).sort()).toEqual(['aaaa00000001_step.py', 'bbbb00000002_step.py', `${fresh}_other_step.py`].sort());
    expect(read(dir, `${fresh}_other_step.py`)).toContain(`revision = '${fresh}'`);
    expect(readFileSync(path.join(r.backupDir!, 'versions', 'bbbb00000002_other_step.py'), 'utf8')).toContain("revision = 'bbbb00000002'");
    expect((await checkChain(dir)).problems.filter((p) => p.code === 'id-mismatch')).toEqual([]);
  });

  it('a later file that is a copy of the kept one (same parents and Create Date) is deleted, with a backup', async () => {
    const revs: Rev[] = [
      { id: 'aaaa00000001', date: '2024-01-01 00:00:00' },
      { id: 'bbbb00000002', down: 'aaaa00000001', date: '2024-01-02 00:00:00' },
      { id: 'bbbb00000002', file: 'bbbb00000002_renamed', down: 'aaaa00000001', date: '2024-01-02 00:00:00' },
      { id: 'cccc00000003', down: 'bbbb00000002', date: '2024-03-01 00:00:00' },
    ];
    const dir = folder(revs);
    const dry = await repairChain(dir, { dryRun: true });
    expect(dry.decisions.map((d) => [d.code, d.confidence])).toEqual([['remove-duplicate-copy', 'medium']]);
    expect(dry.diff).toContain('+++ /dev/null');
    const result = await repairChain(dir, { yes: true });
    // Same date: the file first by path is kept; the other goes, its original in the backup.
    expect(readdirSync(dir).sort()).toEqual(['aaaa00000001_step.py', 'bbbb00000002_renamed.py', 'cccc00000003_step.py']);
    expect(existsSync(path.join(result.backupDir!, 'versions', 'bbbb00000002_step.py'))).toBe(true);
    const manifest = JSON.parse(read(result.backupDir!, 'pgmend-repair.json')) as { deleted: string[] };
    expect(manifest.deleted.map((f) => path.basename(f))).toEqual(['bbbb00000002_step.py']);
    expect(await errors(dir)).toEqual([]);
    expect((await checkChain(dir)).heads).toEqual(['cccc00000003']);
  });

  it('a later file with the same id, parents and Create Date but other code is another migration: renamed, never deleted', async () => {
    const revs: Rev[] = [
      { id: 'aaaa00000001', date: '2024-01-01 00:00:00' },
      { id: 'bbbb00000002', file: 'bbbb00000002_add_position', down: 'aaaa00000001', date: '2024-01-02 00:00:00', upgrade: "op.add_column('challenges', sa.Column('position', sa.Integer()))" },
      { id: 'bbbb00000002', file: 'bbbb00000002_add_weight', down: 'aaaa00000001', date: '2024-01-02 00:00:00', upgrade: "op.add_column('challenges', sa.Column('weight', sa.Integer()))" },
    ];
    const dry = await repairChain(folder(revs), { dryRun: true });
    expect(dry.decisions.map((d) => d.code)).toEqual(['rename-duplicate', 'merge-heads']);
    expect(dry.diff).not.toContain('+++ /dev/null'); // nothing deleted
    // Comments, blank lines and the docstring aside, the same code is a copy.
    const copy: Rev[] = [revs[0]!, revs[1]!, { ...revs[1]!, file: 'bbbb00000002_again', upgrade: `# the position column\n\n    ${revs[1]!.upgrade}` }];
    expect((await repairChain(folder(copy), { dryRun: true })).decisions.map((d) => d.code)).toEqual(['remove-duplicate-copy']);
  });

  it('a duplicate with the same Create Date: the file named by its message keeps the id, and the rename needs --yes (magnum)', async () => {
    const named = (r: Rev, message: string) => revisionText(r).replace(/^"""[^\n]*/, `"""${message}`);
    const widgets: Rev = { id: '2222bbbb0002', down: '1111aaaa0001', date: '2024-01-05 10:00:00', upgrade: "op.create_table('widgets')" };
    const dir = folder([], {
      '1111aaaa0001_init.py': named({ id: '1111aaaa0001', date: '2024-01-01 00:00:00' }, 'init'),
      '2222bbbb0002_create_widgets.py': named(widgets, 'create widgets'),
      '2222bbbb0002_add_color.py': named({ ...widgets, upgrade: "op.add_column('t', sa.Column('color', sa.Text))" }, 'create widgets'),
      '3333cccc0003_add_size.py': named({ id: '3333cccc0003', down: '2222bbbb0002', date: '2024-01-03 00:00:00' }, 'add size'),
    });
    const dry = await repairChain(dir, { dryRun: true });
    const rename = dry.decisions.find((d) => d.code === 'rename-duplicate')!;
    expect([rename.file, rename.confidence]).toEqual([path.join(dir, '2222bbbb0002_add_color.py'), 'medium']);
    expect(dry.decisions.find((d) => d.code === 'repoint-duplicate-child')?.evidence?.[0]).toMatch(/before every file of '2222bbbb0002'/);
  });

  it("a retyped id with underscores is put back to what its file name and the other files say (glance's train_contract01)", async () => {
    const dir = folder([
      { id: 'liberty', file: 'liberty_initial' },
      { id: 'train_contrct01', file: 'train_contract01_empty', down: 'liberty', docId: 'train_contract01' },
      { id: 'ussuri_contract01', file: 'ussuri_contract01_empty', down: 'train_contract01' },
    ]);
    const dry = await repairChain(dir, { dryRun: true });
    expect(dry.decisions.map((d) => [d.code, d.description])).toEqual([['rename-to-referenced-id', "revision 'train_contrct01' → 'train_contract01': 1 reference(s) use 'train_contract01', none use 'train_contrct01'"]]);
    expect((await checkChain(dir)).problems.find((p) => p.code === 'id-mismatch')?.message).toContain("the file name and docstring say 'train_contract01'");
  });

  it('a merge revision added to a folder of CRLF files is written with CRLF', async () => {
    const dir = folder([{ id: 'aaaa00000001' }, { id: 'bbbb00000002', down: 'aaaa00000001' }, { id: 'cccc00000003', down: 'aaaa00000001' }]);
    for (const name of readdirSync(dir)) writeFileSync(path.join(dir, name), read(dir, name).replace(/\n/g, '\r\n'));
    const result = await repairChain(dir, { dryRun: true });
    const merge = result.changes.find((c) => c.before === undefined)!;
    expect(merge.after).toContain('\r\n');
    expect(merge.after!.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('a labelled branch stays apart: beside it one main line is fine; of two unlabelled heads only those are merged; linear refuses', async () => {
    const healthy: Rev[] = [
      { id: 'aaaa00000001' },
      { id: 'aaaa00000002', down: 'aaaa00000001' },
      { id: 'ffff00000001', labels: ['feature'] },
      { id: 'ffff00000002', down: 'ffff00000001' },
    ];
    const check = await checkChain(folder(healthy));
    expect(check.problems.map((p) => `${p.severity}:${p.code}`)).toEqual(['info:multiple-heads', 'info:multiple-bases']);
    expect((await repairChain(folder(healthy), { dryRun: true })).changes).toEqual([]);
    const forked = [...healthy, { id: 'aaaa00000003', down: 'aaaa00000001' }];
    expect((await checkChain(folder(forked))).problems.map((p) => `${p.severity}:${p.code}`)).toContain('error:multiple-heads');
    const merge = await repairChain(folder(forked), { dryRun: true });
    expect(merge.decisions).toMatchObject([{ code: 'merge-heads', description: expect.stringContaining('aaaa00000002, aaaa00000003') }]);
    expect(merge.decisions[0]!.description).not.toContain('ffff00000002');
    await expect(repairChain(folder(forked), { dryRun: true, strategy: 'linear' })).rejects.toMatchObject({ code: 'chain-invalid' });
  });

  it('--max-heads N joins heads only above N; heads from separate bases need --yes to be joined', async () => {
    const revs: Rev[] = [{ id: 'aaaa00000001' }, { id: 'bbbb00000002', down: 'aaaa00000001' }, { id: 'cccc00000003', down: 'aaaa00000001' }, { id: 'dddd00000004' }];
    expect((await repairChain(folder(revs), { dryRun: true, maxHeads: 3 })).changes).toEqual([]);
    const dry = await repairChain(folder(revs), { dryRun: true });
    expect(dry.decisions).toMatchObject([{ code: 'merge-heads', confidence: 'medium', evidence: [expect.stringContaining("'aaaa00000001' | 'dddd00000004'")] }]);
    await expect(repairChain(folder(revs), {})).rejects.toMatchObject({ code: 'chain-invalid' });
    const one = await repairChain(folder(revs.slice(0, 3)), { dryRun: true });
    expect(one.decisions).toMatchObject([{ code: 'merge-heads', confidence: 'high' }]);
  });

  it('ids Alembic rejects or cannot store get a 12-hex id, references and docstrings follow', async () => {
    const dir = await repairedClean([
      { id: '20260622_001_session_message_source', file: 'long' },
      { id: 'add-users', file: 'dash', down: '20260622_001_session_message_source' },
      { id: 'cccc0003', down: 'add-users' },
    ]);
    const dash = read(dir, 'dash.py');
    const newId = /^revision = '([0-9a-f]{12})'$/m.exec(dash)![1]!;
    expect(read(dir, 'cccc0003_step.py')).toContain(`down_revision = '${newId}'`);
  });

  it("an empty id (Alembic reads '' as the base and never runs it) is an error, and repair gives it an id", async () => {
    const dir = folder([{ id: 'aaaa0001' }, { id: 'bbbb0002', down: 'aaaa0001', file: 'empty' }]);
    writeFileSync(path.join(dir, 'empty.py'), read(dir, 'empty.py').replace("revision = 'bbbb0002'", "revision = ''"));
    const check = await checkChain(dir);
    expect(check.problems.map((p) => [p.code, p.severity])).toContainEqual(['reserved-revision-id', 'error']);
    await repairChain(dir, { yes: true });
    expect(await errors(dir)).toEqual([]);
    expect(read(dir, 'empty.py')).toMatch(/^revision = '[0-9a-f]{12}'$/m);
  });

  it('a revision without a down_revision line gets one: its docstring parent, or None for a base', async () => {
    const dir = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001' }, { id: 'aaaa0003', down: 'aaaa0002' }]);
    const drop = (name: string) => writeFileSync(path.join(dir, name), read(dir, name).replace(/^down_revision = .*\n/m, ''));
    drop('aaaa0001_step.py');
    drop('aaaa0003_step.py');
    const check = await checkChain(dir);
    expect(check.problems.filter((p) => p.code === 'missing-down-revision').map((p) => [p.revision, p.severity, p.line])).toEqual([
      ['aaaa0001', 'error', 13],
      ['aaaa0003', 'error', 13],
    ]);
    const dry = await repairChain(dir, { dryRun: true });
    expect(dry.decisions.map((d) => [d.code, d.description, d.confidence])).toEqual([
      ['add-down-revision', "'aaaa0001' gets down_revision = None", 'high'],
      ['add-down-revision', "'aaaa0003' gets down_revision = 'aaaa0002'", 'medium'],
    ]);
    await repairChain(dir, { yes: true });
    expect(read(dir, 'aaaa0003_step.py')).toContain("revision = 'aaaa0003'\ndown_revision = 'aaaa0002'\nbranch_labels = None");
    expect(read(dir, 'aaaa0001_step.py')).toContain("revision = 'aaaa0001'\ndown_revision = None\n");
    expect(await errors(dir)).toEqual([]);
  });

  it('a self-loop takes the parent its docstring names', async () => {
    const dir = await repairedClean([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0002', revises: 'aaaa0001' }]);
    expect(read(dir, 'aaaa0002_step.py')).toContain("down_revision = 'aaaa0001'");
  });

  it('a depends_on naming the revision\'s own branch label is dropped', async () => {
    const dir = await repairedClean([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001', labels: ['feat'], deps: 'feat' }]);
    expect(read(dir, 'aaaa0002_step.py')).toContain('depends_on = None');
  });

  it('a cycle is broken at its oldest member', async () => {
    const dir = await repairedClean([
      { id: 'aaaa0001', date: '2024-01-01 00:00:00' },
      { id: 'aaaa0002', down: 'aaaa0003', revises: 'aaaa0001', date: '2024-01-02 00:00:00' },
      { id: 'aaaa0003', down: 'aaaa0002', date: '2024-01-03 00:00:00' },
    ]);
    expect(read(dir, 'aaaa0002_step.py')).toContain("down_revision = 'aaaa0001'");
  });

  it('unread branch labels beside a depends_on that names no revision: the refusal says why (glance)', async () => {
    const dir = folder([{ id: 'aaaa00000001' }, { id: 'cccc00000003', down: 'aaaa00000001', deps: 'gone00000009' }], {
      'bbbb00000002_step.py': revisionText({ id: 'bbbb00000002', down: 'aaaa00000001' }).replace('branch_labels = None', 'branch_labels = (cli.EXPAND_BRANCH,)'),
    });
    await expect(repairChain(dir, { dryRun: true })).rejects.toMatchObject({ code: 'chain-invalid', message: expect.stringMatching(/a depends_on at .*cccc00000003_step\.py:\d+ names no revision, and may name one of these labels/) });
  });

  it('a cycle is broken where the docstring still names the parent the edited down_revision had (manila)', async () => {
    const dir = await repairedClean([
      { id: 'aaaa00000001', date: '2024-01-01 00:00:00' },
      { id: 'bbbb00000002', down: 'aaaa00000001', date: '2024-01-02 00:00:00' },
      { id: 'cccc00000003', down: 'dddd00000004', revises: 'bbbb00000002', date: '2024-01-05 00:00:00' },
      { id: 'dddd00000004', down: 'cccc00000003', date: '2024-01-03 00:00:00' },
    ]);
    expect(read(dir, 'cccc00000003_step.py')).toContain("down_revision = 'bbbb00000002'");
    expect(read(dir, 'dddd00000004_step.py')).toContain("down_revision = 'cccc00000003'");
  });

  it('a cycle closed by depends_on loses that dependency; down_revision stays', async () => {
    const revs: Rev[] = [{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001', deps: 'aaaa0003' }, { id: 'aaaa0003', down: 'aaaa0002' }];
    const check = await checkChain(folder(revs));
    expect(check.problems.find((p) => p.code === 'cycle')).toMatchObject({ revision: 'aaaa0002', line: 16 });
    const dir = folder(revs);
    const r = await repairChain(dir, {});
    expect(r.decisions.map((d) => [d.code, d.confidence])).toEqual([['break-cycle', 'high']]);
    expect(read(dir, 'aaaa0002_step.py')).toContain("down_revision = 'aaaa0001'\nbranch_labels = None\ndepends_on = None\n");
    expect(await errors(dir)).toEqual([]);
  });

  it('several heads: merge writes a merge revision; linear re-parents by Create Date', async () => {
    const revs: Rev[] = [
      { id: 'aaaa0001', date: '2024-01-01 00:00:00' },
      { id: 'aaaa0003', down: 'aaaa0001', date: '2024-03-01 00:00:00' },
      { id: 'aaaa0002', down: 'aaaa0001', date: '2024-02-01 00:00:00' },
    ];
    const merged = await repairedClean(revs);
    const mergeFile = readdirSync(merged).find((f) => f.endsWith('_merge_heads.py'))!;
    expect(read(merged, mergeFile)).toContain("down_revision: Union[str, Sequence[str], None] = ('aaaa0002', 'aaaa0003')");
    const linear = await repairedClean(revs, { strategy: 'linear' });
    expect(read(linear, 'aaaa0003_step.py')).toContain("down_revision = 'aaaa0002'");
    expect(read(linear, 'aaaa0003_step.py')).toContain('Revises: aaaa0002');
  });

  it('a merge of heads without a Create Date leaves the line out rather than writing it empty', async () => {
    const dir = folder([]);
    const rev = (id: string, down: string | null) => `revision = '${id}'\ndown_revision = ${down ? `'${down}'` : 'None'}\n`;
    writeFileSync(path.join(dir, 'a1.py'), rev('a1', null));
    writeFileSync(path.join(dir, 'b2.py'), rev('b2', 'a1'));
    writeFileSync(path.join(dir, 'c3.py'), rev('c3', 'a1'));
    const r = await repairChain(dir, { dryRun: true });
    const merge = r.changes.find((c) => c.before === undefined)!.after!;
    expect(merge).toContain('Revises: b2, c3\n\n"""');
    expect(merge).not.toContain('Create Date');
  });

  it('replaces a tuple written over several lines as one value', async () => {
    const dir = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', rawDown: "(\n    'aaaa0001',  # first\n    'gone0000',\n)", revises: 'aaaa0001' }]);
    await repairChain(dir, { map: ['gone0000=None'] });
    expect(read(dir, 'aaaa0002_step.py')).toContain("down_revision = 'aaaa0001'\nbranch_labels = None");
  });

  it('refuses a folder with files it cannot read statically', async () => {
    const dir = folder([{ id: 'aaaa0001' }], { 'helpers.py': 'X = 1\n' });
    await expect(repairChain(dir, {})).rejects.toMatchObject({ code: 'chain-invalid' });
  });

  it('a healthy folder needs no change', async () => {
    const r = await repairChain('samples/branched-chain', {});
    expect(r.changes).toEqual([]);
    expect(r.written).toBe(false);
  });
});
