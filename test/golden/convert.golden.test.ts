/**
 * Golden files: every sample with a convert.json converts to exactly the files under
 * samples/<name>/expected/<format>/. After an intended change, review the diff of
 * `UPDATE_GOLDEN=1 npx vitest run test/golden`.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/index.js';
import { convertSamples } from './samples.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const samples = convertSamples();

async function readTree(dir: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, await readTree(path.join(dir, e.name), rel));
    else out[rel] = await readFile(path.join(dir, e.name), 'utf8');
  }
  return out;
}

describe('convert golden files', () => {
  it('has samples with a convert.json', () => {
    expect(samples.length).toBeGreaterThanOrEqual(3);
  });

  for (const sample of samples) {
    for (const format of sample.formats) {
      it(`${sample.name} → ${format}`, async () => {
        // A fresh output folder: the expected files must not act as an existing chain.
        const out = await mkdtemp(path.join(os.tmpdir(), `pgmend-golden-${sample.name}-`));
        const report = await convert({ ...sample.options, inputs: sample.inputs, outDir: out, format, dryRun: true });
        const actual = Object.fromEntries(report.files.map((f) => [f.path, f.contents!]));
        const expectedDir = path.join(sample.dir, 'expected', format);
        if (UPDATE) {
          await rm(expectedDir, { recursive: true, force: true });
          for (const [rel, contents] of Object.entries(actual)) {
            await mkdir(path.dirname(path.join(expectedDir, rel)), { recursive: true });
            await writeFile(path.join(expectedDir, rel), contents);
          }
        }
        const expected = await readTree(expectedDir);
        expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
        for (const [rel, contents] of Object.entries(expected)) expect(actual[rel], rel).toBe(contents);
      });
    }
  }
});
