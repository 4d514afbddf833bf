/**
 * Real Alembic (1.8.1, /usr/bin/python3 -m alembic) over every sample, before and after repair:
 * its heads and bases must equal pgmend's, a repaired folder must have one head, and
 * `upgrade head` must run on a real database.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkChain, repairChain } from '../../src/chain/index.js';
import { alembicProject } from '../helpers/alembic.js';
import { testDatabase, type TestDatabase } from '../helpers/database.js';

const run = promisify(execFile);

function copySample(name: string): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'pgmend-chain-')), name);
  cpSync(path.join('samples', name), dir, { recursive: true });
  return dir;
}

/** Heads as `alembic heads` prints them: the first word of each line. */
function parseHeads(out: string): string[] {
  return out.split('\n').filter((l) => l.includes('(head)') || l.includes('(effective head)')).map((l) => l.split(' ')[0]!).sort();
}

/** Bases from `alembic history`: lines that start at `<base>`. */
function parseBases(out: string): string[] {
  return out
    .split('\n')
    .filter((l) => l.startsWith('<base>'))
    .map((l) => /-> ([^,\s]+)/.exec(l)![1]!)
    .sort();
}

async function versionsOf(dir: string): Promise<string> {
  const report = await checkChain(dir);
  return report.context.folder.locations[0]!;
}

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase('chain-alembic');
});
afterAll(() => db?.drop());

describe('real Alembic agrees with pgmend', () => {
  it('samples/branched-chain: heads and bases equal alembic heads / history, and upgrade head runs', async () => {
    const dir = copySample('branched-chain');
    const report = await checkChain(dir);
    const project = await alembicProject(await versionsOf(dir), db.url);
    expect(parseHeads(await project.alembic('heads'))).toEqual(report.heads);
    expect(parseBases(await project.alembic('history'))).toEqual(report.bases);
    await project.alembic('upgrade', 'head');
    expect(await project.alembic('current')).toContain('33445566bbcc (head)');
    const { rows } = await db.client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema IN ('app', 'billing')`);
    expect(rows[0].n).toBe(6);
    await project.alembic('downgrade', 'base');
  });

  it('samples/broken-chain as it is: Alembic cannot load it (what pgmend check reports as errors)', async () => {
    const dir = copySample('broken-chain');
    const project = await alembicProject(await versionsOf(dir), db.url);
    await expect(project.alembic('heads')).rejects.toThrow(/KeyError|not present/);
  });

  for (const strategy of ['merge', 'linear'] as const) {
    it(`samples/broken-chain repaired with --strategy ${strategy}: one head, equal to pgmend's, and upgrade head runs`, async () => {
      const dir = copySample('broken-chain');
      const result = await repairChain(dir, { strategy, yes: true });
      expect(result.written).toBe(true);
      const after = await checkChain(dir);
      expect(after.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(after.heads).toHaveLength(1);
      const project = await alembicProject(await versionsOf(dir), db.url);
      const alembicHeads = await project.alembic('heads');
      expect(parseHeads(alembicHeads)).toEqual(after.heads);
      expect(alembicHeads).not.toMatch(/present more than once|not present/);
      expect(parseBases(await project.alembic('history'))).toEqual(after.bases);
      await project.alembic('upgrade', 'head');
      const { rows } = await db.client.query('SELECT version_num FROM alembic_version');
      expect(rows.map((r) => r.version_num)).toEqual(after.heads);
      // every migration ran: the duplicate's column and the invoices that read it exist
      const cols = await db.client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'orders' AND column_name IN ('notes', 'status')`);
      expect(cols.rows.map((r) => r.column_name).sort()).toEqual(['notes', 'status']);
      await project.alembic('downgrade', 'base');
      await db.client.query('DROP TABLE alembic_version');
    });
  }

  it('the dry-run diff is a real patch: applying it gives exactly what repair writes', async () => {
    const patched = copySample('broken-chain');
    const repaired = copySample('broken-chain');
    const diff = readFileSync('samples/broken-chain/expected/repair.diff', 'utf8').replaceAll('samples/broken-chain/', '');
    const child = execFile('patch', ['-p1', '-s', '-d', patched]);
    child.stdin!.end(diff);
    await new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`patch exited ${code}`)))));
    await repairChain(repaired, { yes: true });
    const { stdout } = await run('diff', ['-r', '-x', '.pgmend-backup', '-x', 'expected', patched, repaired]).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    expect(stdout).toBe('');
  });

  it('random healthy folders (branches, merges, depends_on, labels): heads and bases equal Alembic\'s', async () => {
    const graphs = fc.sample(healthyGraph, { seed: 20240601, numRuns: 6 });
    let sawBranches = false;
    for (const revs of graphs) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-chain-random-'));
      const versions = path.join(dir, 'versions');
      mkdirSync(versions);
      revs.forEach((r, i) => writeFileSync(path.join(versions, `${r.id}_step_${i}.py`), randomRevisionText(r, i)));
      const report = await checkChain(dir);
      expect(report.problems.filter((p) => p.severity === 'error' && p.code !== 'multiple-heads')).toEqual([]);
      const project = await alembicProject(versions, db.url);
      expect(parseHeads(await project.alembic('heads'))).toEqual(report.heads);
      expect(parseBases(await project.alembic('history'))).toEqual(report.bases);
      sawBranches ||= report.heads.length > 1 && report.bases.length > 1;
    }
    expect(sawBranches).toBe(true);
  });
});

interface RandomRevision {
  id: string;
  parents: string[];
  deps: string[];
  label?: string;
}

/** Random DAGs of 12-hex ids: parents and depends_on only name earlier revisions; bases may carry a label. */
const healthyGraph = fc.integer({ min: 2, max: 30 }).chain((n) =>
  fc
    .tuple(
      fc.array(fc.uniqueArray(fc.nat({ max: n - 1 }), { maxLength: 2 }), { minLength: n, maxLength: n }),
      fc.array(fc.uniqueArray(fc.nat({ max: n - 1 }), { maxLength: 1 }), { minLength: n, maxLength: n }),
      fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    )
    .map(([parents, deps, labelled]) => {
      const id = (i: number) => (0x100000000000 + i * 7919).toString(16).slice(-12);
      return parents.map((ps, i): RandomRevision => {
        const ups = ps.filter((p) => p < i).map(id);
        return { id: id(i), parents: ups, deps: deps[i]!.filter((d) => d < i && !ps.includes(d)).map(id), label: !ups.length && labelled[i] ? `branch${i}` : undefined };
      });
    }),
);

function randomRevisionText(r: RandomRevision, i: number): string {
  const lit = (ids: string[]) => (ids.length === 0 ? 'None' : ids.length === 1 ? `'${ids[0]}'` : `(${ids.map((x) => `'${x}'`).join(', ')})`);
  const annotated = i % 2 === 0;
  const t = annotated ? ': Union[str, Sequence[str], None]' : '';
  return `"""step ${i}\n\nRevision ID: ${r.id}\nRevises: ${r.parents.join(', ')}\nCreate Date: 2024-01-01 00:00:${String(i % 60).padStart(2, '0')}\n\n"""
from typing import Sequence, Union

from alembic import op

revision${annotated ? ': str' : ''} = '${r.id}'
down_revision${t} = ${lit(r.parents)}
branch_labels${t} = ${r.label ? `('${r.label}',)` : 'None'}
depends_on${t} = ${lit(r.deps)}


def upgrade():
    op.execute('SELECT ${i}')


def downgrade():
    pass
`;
}

