import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { rm } from 'node:fs/promises';
import { formatFinding, type Finding } from '../../src/findings.js';

const made: string[] = [];
afterAll(async () => {
  for (const d of made) await rm(d, { recursive: true, force: true });
});

/** Writes `files` (relative path → content) under a fresh temporary folder; returns its path. */
export async function tree(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'pgmend-input-'));
  made.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return root;
}

/** Findings as one line each, for readable assertions. */
export const lines = (findings: Finding[]): string[] => findings.map(formatFinding);
