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
  set: 'psql variables are not substituted: replace :names in the SQL by their values',
  restrict: 'pg_dump 17 writes it; it has no effect on the schema',
  unrestrict: 'pg_dump 17 writes it; it has no effect on the schema',
  g: 'psql sent the query before it; so does the revision',
  gx: 'psql sent the query before it; so does the revision',
  gdesc: 'psql sent the query before it; so does the revision',
};

// pg_dump 17.6+ brackets its output with these; they guard psql, not the schema.
const HARMLESS = new Set(['restrict', 'unrestrict', 'g', 'gx', 'gdesc']);

/**
 * Commands that change what psql ran, or where: the revision, which runs every statement on one
 * connection and stops at the first error, does something else. Each needs review.
 */
const CHANGES_WHAT_RUNS: Array<{ test: (m: MetaCommand) => boolean; why: string; hint: string }> = [
  { test: (m) => /(?:^|\s)\\q(?:uit)?(?:\s|$)/.test(m.text), why: 'psql stops reading here, so nothing after it ran; the revision runs what follows', hint: 'remove what follows from the source if it never ran (an extension script is meant for CREATE EXTENSION)' },
  { test: (m) => ['if', 'elif', 'else', 'endif'].includes(m.name), why: 'psql ran only one branch of this conditional; the revision runs every branch', hint: 'keep the branch that applies and remove the others' },
  { test: (m) => m.name === 'c' || m.name === 'connect', why: 'the statements after it ran on another database; the revision runs them on the one Alembic connects to', hint: 'convert those statements as a migration of that database' },
  { test: (m) => /^ON_ERROR_STOP(?:\s+(?:off|0|false|no))?$/i.test(m.args) && (m.name === 'unset' || (m.name === 'set' && m.args.includes(' '))), why: 'psql went on past errors after this; the revision stops at the first one', hint: 'make the statements that were allowed to fail safe (guard them), or remove them' },
  { test: (m) => m.name === 'gexec', why: 'psql ran each value the query returned as a statement; pgmend cannot see those statements', hint: 'write out the statements it generates' },
  { test: (m) => m.name === 'gset', why: 'psql stored the query result in variables that later statements may use', hint: 'replace the :variables that use it by their values' },
];

function metaFinding(meta: MetaCommand): Finding {
  const change = CHANGES_WHAT_RUNS.find((c) => c.test(meta));
  if (change) {
    return { code: 'psql-meta-command', severity: 'error', message: `psql command \`${meta.text}\`: ${change.why}`, location: meta.location, hint: change.hint };
  }
  if (meta.name === 'set' && /^ON_ERROR_STOP\b/i.test(meta.args)) {
    return { code: 'psql-meta-command', severity: 'info', message: `psql command \`${meta.text}\` is not SQL: left out`, location: meta.location, hint: 'a revision stops at the first error anyway' };
  }
  return {
    code: 'psql-meta-command',
    severity: HARMLESS.has(meta.name) ? 'info' : 'warning',
    message: `psql command \`${meta.text}\` is not SQL: left out`,
    location: meta.location,
    hint: META_HINTS[meta.name] ?? 'do by hand what it did, if it matters',
  };
}
