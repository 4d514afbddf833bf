import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PgmendError } from '../errors.js';
import { ensureParser } from '../sql/parser.js';
import { splitSql, type SqlStatement } from '../sql/split.js';
import { SourceText } from '../source.js';
import type { ReadOptions, ReadResult, SourceMigration } from './types.js';

export type { InputFormat, ReadOptions, ReadResult, SourceMigration } from './types.js';
export { INPUT_FORMATS } from './types.js';

/**
 * Reads legacy migrations from files and folders, in the order their tool applies them.
 * (Skeleton: plain .sql files only; layouts, includes and markers come with the input work.)
 */
export async function readMigrations(inputs: string[], _options: ReadOptions = {}): Promise<ReadResult> {
  await ensureParser();
  const migrations: SourceMigration[] = [];
  for (const file of inputs) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new PgmendError('input-not-found', `cannot read ${file}`, undefined, 'check the path', { cause: e });
    }
    const source = new SourceText(file, text);
    const up = splitSql(source).filter((i): i is SqlStatement => i.kind === 'statement');
    const base = path.basename(file, '.sql');
    const m = /^(\d+)[_-]?(.*)$/.exec(base);
    migrations.push({ version: m?.[1] ?? base, name: m?.[2] || base, file, up, transactional: true, format: 'plain' });
  }
  return { migrations, findings: [] };
}
