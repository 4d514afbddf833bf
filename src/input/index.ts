import path from 'node:path';
import { PgmendError } from '../errors.js';
import type { Finding } from '../findings.js';
import { ensureParser } from '../sql/parser.js';
import { ReadContext } from './context.js';
import { planInputs } from './plan.js';
import { readMigration } from './read-migration.js';
import type { ReadOptions, ReadResult, SourceMigration } from './types.js';

export type { InputFormat, ReadOptions, ReadResult, SourceMigration } from './types.js';
export { INPUT_FORMATS, LEFT_OUT_CODES } from './types.js';

/**
 * Reads legacy migrations from files and folders, in the order their tool applies them.
 * Folders are recognised by layout (plain numbered files, golang-migrate, diesel, dbmate,
 * goose, sql-migrate, node-pg-migrate, Flyway) unless `options.inputFormat` forces one;
 * files are read in the order named. psql includes are inlined, wrapping BEGIN/COMMIT
 * dropped, and everything unusual is a finding with file:line:col.
 */
export async function readMigrations(inputs: string[], options: ReadOptions = {}): Promise<ReadResult> {
  if (inputs.length === 0) throw new PgmendError('usage', 'no input named', undefined, 'name migration files or folders');
  await ensureParser();
  const ctx = new ReadContext(path.resolve(options.cwd ?? process.cwd()), inputs.some((i) => path.isAbsolute(i)));
  const planned = await planInputs(inputs, options.inputFormat, ctx);
  // Start every read now, so the disk works while earlier files are parsed (each is still
  // reported, and fails, where it is used in order).
  for (const p of planned) for (const f of [p.upFile, p.downFile]) if (f) ctx.decode(f).catch(() => undefined);
  const migrations: SourceMigration[] = [];
  for (const p of planned) {
    migrations.push(await readMigration(p, ctx));
    options.onProgress?.(migrations.length, planned.length);
  }
  return { migrations, findings: unique(ctx.findings) };
}

/** A file included by several migrations reports its own findings once. */
function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}|${f.location?.file}|${f.location?.line}|${f.location?.column}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
