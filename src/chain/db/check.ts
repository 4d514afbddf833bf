/**
 * The database's side of a chain: which revisions the version table says are applied, which are
 * pending, and the two states that stop Alembic — a stored id the folder does not declare
 * ("Can't locate revision") and an ancestor stored beside its descendant ("overlaps").
 */
import { PgmendError } from '../../errors.js';
import { ancestorsOf, descendantsOf } from '../graph.js';
import { inferParent, type Inference } from '../infer.js';
import { repairIdMaps } from '../repair/manifest.js';
import type { ChainContext, ChainProblem } from '../types.js';
import { readVersionRows, tableName, withClient, type DatabaseOptions } from './version-table.js';

export type { DatabaseOptions };

export interface DatabaseState {
  table: string;
  /** The rows of the version table, sorted. */
  stored: string[];
  applied: string[];
  pending: string[];
  problems: ChainProblem[];
}

export function versionTableOptions(ctx: ChainContext, opts: DatabaseOptions): DatabaseOptions {
  const unread = ctx.folder.versionTableUnread;
  if (unread && opts.versionTable === undefined) {
    // Reading alembic_version instead would report every revision pending, or "nothing to do".
    throw new PgmendError('usage', `env.py sets ${unread}, which pgmend cannot read without running Python`, undefined, 'name the table with --version-table (and --version-table-schema)');
  }
  return {
    url: opts.url,
    versionTable: opts.versionTable ?? ctx.folder.versionTable,
    versionTableSchema: opts.versionTableSchema ?? ctx.folder.versionTableSchema,
  };
}

export async function checkDatabase(ctx: ChainContext, opts: DatabaseOptions): Promise<DatabaseState> {
  const o = versionTableOptions(ctx, opts);
  const stored = (await withClient(o.url, (c) => readVersionRows(c, o))) ?? [];
  return databaseState(ctx, tableName(o), stored);
}

/** Pure part: what the stored rows mean for this folder's graph. */
export function databaseState(ctx: ChainContext, table: string, stored: string[]): DatabaseState {
  const g = ctx.graph;
  const resolve = (id: string) => (ctx.graph.has(id) ? id : g.labels.get(id));
  const problems: ChainProblem[] = [];
  const renamed = repairIdMaps(ctx);
  for (const id of new Set(stored.filter((v, i) => stored.indexOf(v) !== i))) {
    problems.push({
      code: 'db-overlapping-revisions',
      severity: 'error',
      file: table,
      line: stored.indexOf(id) + 1,
      revision: id,
      message: `the version table holds '${id}' more than once: Alembic takes it for two heads at one revision and its upgrade and stamp misbehave`,
      hint: 'keep one row (pgmend chain reconcile does)',
    });
  }
  stored.forEach((id, i) => {
    if (resolve(id) !== undefined) return;
    const inf: Inference = renamed.has(id)
      ? { suggestion: renamed.get(id)!, confidence: 'high', evidence: ['renamed by pgmend chain repair (.pgmend-backup)'] }
      : inferParent(ctx, id);
    const target = inf.suggestion ? ctx.fileFor(inf.suggestion) : undefined;
    problems.push({
      code: 'db-unknown-revision',
      severity: 'error',
      file: table,
      line: i + 1,
      message: `the version table holds '${id}', which no revision in the folder declares: Alembic stops with "Can't locate revision identified by '${id}'"`,
      hint: inf.suggestion
        ? `pgmend chain reconcile --map ${id}=${inf.suggestion} rewrites the row (${target?.file})`
        : `restore the revision file that declares '${id}', or rewrite the row with pgmend chain reconcile --map ${id}=NEW`,
      reference: id,
      ...(inf.suggestion ? { suggestion: inf.suggestion, confidence: inf.confidence, evidence: inf.evidence } : {}),
    });
  });
  const known = stored.map(resolve).filter((x): x is string => x !== undefined);
  for (const id of known) {
    const below = [...descendantsOf(g, id, true)].filter((d) => d !== id && known.includes(d));
    if (!below.length) continue;
    problems.push({
      code: 'db-overlapping-revisions',
      severity: 'error',
      file: table,
      line: stored.indexOf(id) + 1,
      revision: id,
      revisions: below.sort(),
      message: `the version table holds '${id}' beside its descendant ${below.map((b) => `'${b}'`).join(', ')}: Alembic stops with "Requested revision ${id} overlaps with other requested revisions ${below.join(', ')}"`,
      hint: `delete the row '${id}' (pgmend chain reconcile does)`,
    });
  }
  const applied = [...ancestorsOf(g, known)].sort();
  const appliedSet = new Set(applied);
  return { table, stored, applied, pending: g.ids.filter((id) => !appliedSet.has(id)), problems };
}
