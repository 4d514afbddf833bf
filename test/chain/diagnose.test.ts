import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkChain, repairChain } from '../../src/chain/index.js';
import { folder, revisionText } from './fixtures.js';

const codes = async (dir: string, opts = {}) => (await checkChain(dir, opts)).problems.map((p) => `${p.severity}:${p.code}`);

describe('chain check diagnoses', () => {
  it('a healthy line has no problems', async () => {
    expect(await codes(folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001' }]))).toEqual([]);
  });

  it('a duplicate id is an error on the later file', async () => {
    const dir = folder([
      { id: 'aaaa0001', date: '2024-01-01 00:00:00' },
      { id: 'aaaa0001', file: 'bbbb0002_copy', down: 'aaaa0001x', rawDown: 'None', date: '2024-02-01 00:00:00' },
    ]);
    const r = await checkChain(dir);
    const dup = r.problems.find((p) => p.code === 'duplicate-revision')!;
    expect(dup.file).toMatch(/bbbb0002_copy\.py$/);
    expect(dup.severity).toBe('error');
  });

  it('a dangling reference gets a suggested parent from a unique id prefix (medium confidence)', async () => {
    const r = await checkChain(folder([{ id: 'abcdef123456' }, { id: 'bbbb0002', down: 'abcdef', revises: '' }]));
    expect(r.problems.find((p) => p.code === 'dangling-down-revision')).toMatchObject({ suggestion: 'abcdef123456', confidence: 'medium', reference: 'abcdef' });
  });

  it("the string 'None' is a dangling reference whose fix is None", async () => {
    const r = await checkChain(folder([{ id: 'aaaa0001', rawDown: "'None'" }]));
    expect(r.problems.find((p) => p.code === 'dangling-down-revision')).toMatchObject({ suggestion: null, confidence: 'high' });
  });

  it('dangling depends_on, self-loop and cycle are errors', async () => {
    expect(await codes(folder([{ id: 'aaaa0001', deps: 'nothere1' }]))).toContain('error:dangling-depends-on');
    expect(await codes(folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0002' }]))).toContain('error:self-loop');
    // Alembic: "Dependency cycle is detected", once it resolves the label to the revision itself.
    expect(await codes(folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001', labels: ['feat'], deps: 'feat' }]))).toEqual(['error:self-loop']);
    const cyc = await checkChain(folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0003' }, { id: 'aaaa0003', down: 'aaaa0002' }]));
    expect(cyc.problems.find((p) => p.code === 'cycle')).toMatchObject({ severity: 'error', revisions: ['aaaa0002', 'aaaa0003'] });
  });

  it('several heads: error without labels, info with a label per head, error past --max-heads', async () => {
    const plain = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001' }, { id: 'aaaa0003', down: 'aaaa0001' }]);
    expect(await codes(plain)).toEqual(['error:multiple-heads']);
    expect(await codes(plain, { maxHeads: 2 })).toEqual(['warning:multiple-heads']);
    const labelled = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001', labels: ['x'] }, { id: 'aaaa0003', down: 'aaaa0001', labels: ['y'] }]);
    expect(await codes(labelled)).toEqual(['info:multiple-heads']);
    expect(await codes(labelled, { maxHeads: 1 })).toEqual(['error:multiple-heads']);
  });

  it('several bases without labels are a warning; the hint promises a repair only while they end in separate heads', async () => {
    const merged = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002' }, { id: 'aaaa0003', down: ['aaaa0001', 'aaaa0002'] }]);
    expect(await codes(merged)).toEqual(['warning:multiple-bases']);
    expect((await checkChain(merged)).problems[0]!.hint).toMatch(/^they meet at a merge revision/);
    expect((await repairChain(merged, { dryRun: true })).changes).toEqual([]);
    const apart = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002' }]);
    expect((await checkChain(apart)).problems.find((p) => p.code === 'multiple-bases')!.hint).toContain('pgmend chain repair joins the separate heads');
    expect((await repairChain(apart, { dryRun: true, yes: true })).decisions.map((d) => d.code)).toEqual(['merge-heads']);
  });

  it('a down_revision naming a branch label dangles, with the labelled revision suggested', async () => {
    const report = await checkChain(folder([{ id: 'aaaa0001', labels: ['core'] }, { id: 'aaaa0002', down: 'core' }]));
    expect(report.problems.find((p) => p.code === 'dangling-down-revision')).toMatchObject({
      reference: 'core',
      suggestion: 'aaaa0001',
      confidence: 'high',
      evidence: ["'core' is the branch label of 'aaaa0001': down_revision needs its id"],
    });
  });

  it('`branch_labels = depends_on = None` labels nothing: two heads stay an error', async () => {
    const revs = [{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001' }, { id: 'aaaa0003', down: 'aaaa0001' }];
    const dir = folder(revs);
    for (const r of revs) {
      const file = path.join(dir, `${r.id}_step.py`);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/branch_labels = None\ndepends_on = None/, 'branch_labels = depends_on = None'));
    }
    expect(await codes(dir)).toEqual(['error:multiple-heads']);
  });

  it('ids Alembic rejects or cannot store', async () => {
    expect(await codes(folder([{ id: 'add-users', file: 'add_users' }]))).toContain('error:illegal-revision-chars');
    expect(await codes(folder([{ id: '20260622_001_session_message_source' }]))).toContain('error:revision-id-too-long');
  });

  it('file name / docstring / variable disagreement and a stale Revises line are warnings', async () => {
    const r = await codes(folder([{ id: 'aaaa0001' }, { id: 'bbbbbb000002', file: 'cccccc000002_x', docId: 'cccccc000002', down: 'aaaa0001', revises: 'zzzz' }]));
    expect(r.sort()).toEqual(['warning:docstring-revises-mismatch', 'warning:id-mismatch']);
  });

  it("a revision named base, head or heads is a warning: Alembic's commands cannot name it", async () => {
    const r = await checkChain(folder([{ id: 'base' }, { id: 'aaaa0002', down: 'base' }]));
    expect(r.problems.map((p) => `${p.severity}:${p.code}:${p.revision}`)).toEqual(['warning:reserved-revision-id:base']);
  });

  it('branch_labels from a constant (OpenStack style) is a warning: the revision counts as labelled; repair keeps its branch apart', async () => {
    const labelled = (id: string, down: string) => revisionText({ id, down }).replace('branch_labels = None', 'branch_labels = migration.EXPAND_BRANCH');
    const dir = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001', labels: ['contract'] }], { 'aaaa0003_expand.py': labelled('aaaa0003', 'aaaa0001') });
    const r = await checkChain(dir);
    expect(r.problems.map((p) => `${p.severity}:${p.code}`)).toEqual(['info:multiple-heads', 'warning:non-literal-value']);
    expect(r.heads).toEqual(['aaaa0002', 'aaaa0003']);
    // Repair fixes what it can (a stale docstring) and does not join the labelled branches.
    const stale = path.join(dir, 'aaaa0003_expand.py');
    writeFileSync(stale, readFileSync(stale, 'utf8').replace('Revises: aaaa0001', 'Revises: aaaa0002'));
    const repair = await repairChain(dir, { dryRun: true });
    expect(repair.decisions).toEqual([]);
    expect(repair.changes.map((c) => [path.basename(c.file), c.after!.includes('Revises: aaaa0001')])).toEqual([['aaaa0003_expand.py', true]]);
    // A depends_on that names no revision may name an unread label: then repair refuses.
    const deps = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', down: 'aaaa0001', deps: 'expand' }], { 'aaaa0003_expand.py': labelled('aaaa0003', 'aaaa0001') });
    await expect(repairChain(deps, { dryRun: true })).rejects.toMatchObject({ code: 'chain-invalid' });
    // The literal labels of a partly literal tuple are still read: this one clashes with a revision id.
    const partly = (id: string, down: string) => revisionText({ id, down }).replace('branch_labels = None', "branch_labels = ('aaaa0001', migration.CONTRACT_BRANCH)");
    const clash = await checkChain(folder([{ id: 'aaaa0001' }], { 'aaaa0004_contract.py': partly('aaaa0004', 'aaaa0001') }));
    expect(clash.problems.map((p) => `${p.severity}:${p.code}`)).toEqual(['error:duplicate-branch-label', 'warning:non-literal-value']);
  });

  it('non-literal values and files that are not revisions are errors; __init__ and .# files are not loaded', async () => {
    const dir = folder([{ id: 'aaaa0001' }, { id: 'aaaa0002', rawDown: "'aaaa0001' if True else None" }], {
      'helpers.py': 'def util():\n    return 1\n',
      '__init__.py': '',
      '.#lock.py': 'garbage',
      'sub/ffff0009_nested.py': "revision = 'ffff0009'\ndown_revision = 'nothere'\n",
    });
    // the nested file is not read, and that is said
    expect(await codes(dir)).toEqual(['error:non-literal-value', 'error:not-a-revision', 'info:subfolder-not-read']);
    // with recursive_version_locations the nested file is loaded (and its dangling parent reported)
    const recursive = await codes(dir, { recursive: true });
    expect(recursive).toContain('error:dangling-down-revision');
    expect(recursive).not.toContain('info:subfolder-not-read');
  });

  it('a file that is not UTF-8 and declares no encoding is an error (Python will not import it); a coding line makes it fine', async () => {
    const dir = folder([{ id: 'aaaa0001' }]);
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    writeFileSync(path.join(dir, 'bbbb0002_cafe.py'), latin1('"""café"""\nrevision = "bbbb0002"\ndown_revision = "aaaa0001"\n'));
    expect(await codes(dir)).toEqual(['error:undecodable-file']);
    writeFileSync(path.join(dir, 'bbbb0002_cafe.py'), latin1('# -*- coding: latin-1 -*-\n"""café"""\nrevision = "bbbb0002"\ndown_revision = "aaaa0001"\n'));
    expect(await codes(dir)).toEqual([]);
  });
});
