/**
 * Golden files over samples/: `chain check --json`, `chain repair --dry-run` and the mermaid
 * graph, stored under samples/<name>/expected/. UPDATE_GOLDEN=1 rewrites them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainReportJson, checkChain, renderGraph, repairChain } from '../../src/chain/index.js';

const SAMPLES = ['broken-chain', 'branched-chain'];

function golden(sample: string, name: string, actual: string): void {
  const file = path.join('samples', sample, 'expected', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe.each(SAMPLES)('samples/%s', (sample) => {
  const dir = path.join('samples', sample);

  it('check --json matches the golden report', async () => {
    const report = await checkChain(dir);
    golden(sample, 'check.json', chainReportJson(report));
  });

  it('repair --dry-run matches the golden diff and writes nothing', async () => {
    const before = snapshot(dir);
    const result = await repairChain(dir, { dryRun: true });
    golden(sample, 'repair.diff', result.diff);
    expect(result.remaining).toEqual([]); // what check would say after this repair
    expect(snapshot(dir)).toEqual(before);
  });

  it('the mermaid graph matches the golden picture', async () => {
    golden(sample, 'graph.mmd', renderGraph(await checkChain(dir), 'mermaid'));
  });

  it('output is byte-identical across runs', async () => {
    const a = chainReportJson(await checkChain(dir));
    const b = chainReportJson(await checkChain(dir));
    expect(a).toBe(b);
  });
});

describe('what the goldens say', () => {
  it('the broken chain shows every incident problem', async () => {
    const report = await checkChain('samples/broken-chain');
    const codes = new Set(report.problems.map((p) => p.code));
    for (const c of ['duplicate-revision', 'dangling-down-revision', 'id-mismatch', 'multiple-heads', 'docstring-revises-mismatch']) expect(codes).toContain(c);
    const stem = report.problems.find((p) => p.reference === '4d5e6f708192_add_order_status')!;
    expect(stem).toMatchObject({ suggestion: '4d5e6f708192', confidence: 'high', line: 16 });
  });

  it('the branched chain has no errors and one head', async () => {
    const report = await checkChain('samples/branched-chain');
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.heads).toEqual(['33445566bbcc']);
    expect(report.bases).toEqual(['1122334455aa', 'aa11bb22cc33']);
  });
});

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'expected') walk(p);
      }
      else out[p] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
