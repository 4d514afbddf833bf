/**
 * The samples a convert test runs on: every samples/<name>/ with a convert.json:
 *
 *   {
 *     "inputs": ["migrations"],                    // relative to the sample folder
 *     "options": { "pgVersion": 14, "squash": false },
 *     "formats": ["alembic", "sql", "node-pg-migrate"],
 *     "psql": { "cwd": "migrations", "files": ["001_init.sql"] }  // optional: how the project
 *   }                                               // applies its raw SQL (else the up SQL as read)
 *
 * Expected output lives in samples/<name>/expected/<format>/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConvertOptions, OutputFormat } from '../../src/index.js';

export const SAMPLES_DIR = path.resolve(process.env.PGMEND_SAMPLES_DIR ?? path.join(import.meta.dirname, '../../samples'));

export interface ConvertSample {
  name: string;
  dir: string;
  /** Inputs relative to the working directory, as a user would type them (they appear in messages). */
  inputs: string[];
  options: Omit<ConvertOptions, 'inputs' | 'outDir'>;
  formats: OutputFormat[];
  psql?: { cwd: string; files: string[] };
}

export function convertSamples(): ConvertSample[] {
  if (!existsSync(SAMPLES_DIR)) return [];
  return readdirSync(SAMPLES_DIR)
    .sort()
    .filter((name) => existsSync(path.join(SAMPLES_DIR, name, 'convert.json')))
    .map((name) => {
      const dir = path.join(SAMPLES_DIR, name);
      const spec = JSON.parse(readFileSync(path.join(dir, 'convert.json'), 'utf8')) as Omit<ConvertSample, 'name' | 'dir'>;
      return {
        name,
        dir,
        inputs: spec.inputs.map((i) => path.relative(process.cwd(), path.join(dir, i))),
        options: spec.options ?? {},
        formats: spec.formats ?? ['alembic'],
        psql: spec.psql,
      };
    });
}
