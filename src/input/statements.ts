import { PgmendError } from '../errors.js';
import type { Finding } from '../findings.js';
import type { SourceText } from '../source.js';
import type { MetaCommand, SqlStatement } from '../sql/split.js';
import type { ReadContext } from './context.js';
import { splitWithCopyData } from './copy-data.js';
import { includeArgument, isInclude, resolveInclude } from './includes.js';
import type { InputFormat, Range } from './types.js';

export interface FileInUse {
  source: SourceText;
  abs: string;
  format: InputFormat;
}

/**
 * The statements of some ranges of a file, in order, with psql includes inlined (their
 * statements keep their own file's locations) and other psql commands reported.
 * `chain` holds the files being included, outermost first, to catch cycles; `includes`
 * collects every file inlined.
 */
export async function collectStatements(
  ctx: ReadContext,
  file: FileInUse,
  ranges: Range[],
  chain: string[],
  includes: string[],
): Promise<SqlStatement[]> {
  const out: SqlStatement[] = [];
  for (const r of ranges) {
    const { items, findings } = splitWithCopyData(file.source, r.from, r.to, r.blank);
    ctx.findings.push(...findings);
    for (const item of items) {
      if (item.kind === 'statement') out.push(item);
      else if (isInclude(item)) out.push(...(await inline(ctx, file, item, chain, includes)));
      else ctx.findings.push(metaFinding(item));
    }
  }
  return out;
}

async function inline(ctx: ReadContext, file: FileInUse, meta: MetaCommand, chain: string[], includes: string[]): Promise<SqlStatement[]> {
  const { tried, found } = await resolveInclude(meta, file.abs, ctx.cwd);
  if (!found) {
    const where = tried.length ? ` (looked for ${tried.map((t) => ctx.show(t)).join(', ')})` : '';
    ctx.findings.push({
      code: 'include-not-found',
      severity: 'error',
      message: `\`${meta.text}\`: included file "${includeArgument(meta)}" not found${where}; its statements are missing from this migration`,
      location: meta.location,
      hint: 'fix the path, or run pgmend from the folder psql ran in',
    });
    return [];
  }
  if (chain.includes(found)) {
    const names = [...chain, found].map((f) => ctx.show(f)).join(' → ');
    throw new PgmendError('include-cycle', `psql includes form a cycle: ${names}`, meta.location, 'remove one of the \\i lines');
  }
  if (!includes.includes(found)) includes.push(found);
  const decoded = await ctx.use(found, file.format);
  const included = { source: decoded.source, abs: found, format: file.format };
  return collectStatements(ctx, included, [{ from: 0, to: decoded.source.text.length }], [...chain, found], includes);
}

const META_HINTS: Record<string, string> = {
  c: 'a revision runs on the database Alembic connects to',
  connect: 'a revision runs on the database Alembic connects to',
  set: 'psql variables are not substituted: replace :names in the SQL by their values',
  restrict: 'pg_dump 17 writes it; it has no effect on the schema',
  unrestrict: 'pg_dump 17 writes it; it has no effect on the schema',
};

// pg_dump 17.6+ brackets its output with these; they guard psql, not the schema.
const HARMLESS = new Set(['restrict', 'unrestrict']);

function metaFinding(meta: MetaCommand): Finding {
  return {
    code: 'psql-meta-command',
    severity: HARMLESS.has(meta.name) ? 'info' : 'warning',
    message: `psql command \`${meta.text}\` is not SQL: left out`,
    location: meta.location,
    hint: META_HINTS[meta.name] ?? 'do by hand what it did, if it matters',
  };
}
