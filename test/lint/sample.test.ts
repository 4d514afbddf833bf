import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLintJson, lint } from '../../src/lint/index.js';

const SAMPLE = path.resolve('samples/two-schemas-readonly');
const GOLDEN = path.join(SAMPLE, 'expected/lint.json');

describe('samples/two-schemas-readonly', () => {
  it('matches the golden --json output (UPDATE_GOLDEN=1 refreshes it)', async () => {
    const report = await lint({ paths: [SAMPLE], protectSchemas: ['crm'], cwd: SAMPLE });
    const json = formatLintJson(report);
    if (process.env.UPDATE_GOLDEN) {
      await mkdir(path.dirname(GOLDEN), { recursive: true });
      await writeFile(GOLDEN, json);
    }
    expect(json).toBe(await readFile(GOLDEN, 'utf8'));
  });
});
