/**
 * `chain reconcile`: rewrites version table rows to the ids of the (repaired) folder, in one
 * transaction. Where a stored id went comes from --map, then from the id maps repair left in
 * `.pgmend-backup/`, then from high-confidence evidence in the folder (file name, docstring).
 * Rows that end up an ancestor of another row are deleted (Alembic's "overlaps" error).
 */
import { PgmendError } from '../../errors.js';
import { quoteLiteral } from '../../sql/quote.js';
import { chainContext } from '../context.js';
import { descendantsOf } from '../graph.js';
import { inferParent } from '../infer.js';
import { readVersionsFolder } from '../read/folder.js';
import { parseMap } from '../repair/ids.js';
import { repairIdMaps } from '../repair/manifest.js';
import type { ChainContext } from '../types.js';
import { versionTableOptions } from './check.js';
import { readVersionRows, tableName, tableSql, withClient, type DatabaseOptions } from './version-table.js';

export interface ReconcileOptions extends DatabaseOptions {
  dryRun?: boolean;
  map?: string[];
  /** Also follow mappings inferred below full confidence. */
  yes?: boolean;
  recursive?: boolean;
}

export interface ReconcileResult {
  table: string;
  before: string[];
  after: string[];
  /** The statements run (or, with dryRun, that would run). */
  statements: string[];
  /** Where each rewritten row came from. */
  reasons: string[];
  /** Stored ids that still name no revision. */
  unresolved: string[];
  applied: boolean;
}

export async function reconcileVersionTable(folderPath: string, options: ReconcileOptions): Promise<ReconcileResult> {
  const ctx = chainContext(readVersionsFolder(folderPath, { recursive: options.recursive }));
  let explicit: Map<string, string | null>;
  try {
    explicit = parseMap(options.map);
  } catch (e) {
    throw new PgmendError('usage', (e as Error).message);
  }
  const o = versionTableOptions(ctx, options);
  const table = tableName(o);
  const sql = tableSql(o);
  return withClient(o.url, async (client) => {
    const rows = await readVersionRows(client, o);
    // A misspelled table must not read as "nothing to change".
    if (rows === undefined) throw new PgmendError('usage', `the version table ${table} does not exist`, undefined, 'name it with --version-table / --version-table-schema, or stamp the database first');
    // A row stored twice is kept once: every UPDATE and DELETE below then touches exactly one row.
    const before = [...new Set(rows)];
    const twice = before.filter((v) => rows.indexOf(v) !== rows.lastIndexOf(v));
    const plan = planReconcile(ctx, before, explicit, repairIdMaps(ctx), options.yes ?? false);
    const result: ReconcileResult = { table, before: rows, ...plan, statements: [], applied: false };
    const ops = rowOperations(before, plan.targets);
    result.statements = [
      ...twice.flatMap((v) => [`DELETE FROM ${sql} WHERE version_num = ${quoteLiteral(v)};`, `INSERT INTO ${sql} (version_num) VALUES (${quoteLiteral(v)});`]),
      ...ops.map((op) =>
        op.to === null
          ? `DELETE FROM ${sql} WHERE version_num = ${quoteLiteral(op.from)};`
          : `UPDATE ${sql} SET version_num = ${quoteLiteral(op.to)} WHERE version_num = ${quoteLiteral(op.from)};`,
      ),
    ];
    if (twice.length) result.reasons.unshift(...twice.map((v) => `${v} stored ${rows.filter((r) => r === v).length} times: kept once`));
    if (options.dryRun || (!ops.length && !twice.length)) return result;
    await client.query('BEGIN');
    try {
      for (const v of twice) {
        const r = await client.query(`DELETE FROM ${sql} WHERE version_num = $1`, [v]);
        if (r.rowCount !== rows.filter((x) => x === v).length) throw new PgmendError('db-error', `the rows '${v}' in ${table} changed meanwhile`, undefined, 'nothing was written; run it again');
        await client.query(`INSERT INTO ${sql} (version_num) VALUES ($1)`, [v]);
      }
      for (const op of ops) {
        const r =
          op.to === null
            ? await client.query(`DELETE FROM ${sql} WHERE version_num = $1`, [op.from])
            : await client.query(`UPDATE ${sql} SET version_num = $2 WHERE version_num = $1`, [op.from, op.to]);
        if (r.rowCount !== 1) throw new PgmendError('db-error', `expected one row '${op.from}' in ${table}, found ${r.rowCount}`, undefined, 'the table changed meanwhile; nothing was written');
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
    result.applied = true;
    return result;
  });
}

interface Plan {
  after: string[];
  reasons: string[];
  unresolved: string[];
  /** Per stored row: its new id, or null to delete it. */
  targets: Map<string, string | null>;
}

export function planReconcile(ctx: ChainContext, stored: string[], explicit: Map<string, string | null>, repaired: Map<string, string>, yes: boolean): Plan {
  const known = (id: string) => ctx.graph.has(id) || ctx.graph.labels.has(id);
  const targets = new Map<string, string | null>();
  const reasons: string[] = [];
  const unresolved: string[] = [];
  for (const row of stored) {
    if (explicit.has(row)) {
      targets.set(row, explicit.get(row)!);
      reasons.push(`${row} → ${explicit.get(row) ?? '(deleted)'}: --map`);
    } else if (known(row)) targets.set(row, row);
    else if (repaired.has(row) && known(repaired.get(row)!)) {
      targets.set(row, repaired.get(row)!);
      reasons.push(`${row} → ${repaired.get(row)}: renamed by pgmend chain repair`);
    } else {
      const inf = inferParent(ctx, row);
      if (inf.suggestion && (inf.confidence === 'high' || yes)) {
        targets.set(row, inf.suggestion);
        reasons.push(`${row} → ${inf.suggestion}: ${inf.evidence.join('; ')} [${inf.confidence}]`);
      } else {
        targets.set(row, row);
        unresolved.push(row);
      }
    }
  }
  // Drop duplicates and rows below another row: one row per head, as Alembic keeps it.
  const kept = [...new Set([...targets.values()].filter((t): t is string => t !== null))];
  const overlapping = new Set(kept.filter((id) => known(id) && kept.some((other) => other !== id && known(other) && descendantsOf(ctx.graph, resolve(ctx, id), true).has(resolve(ctx, other)))));
  const seen = new Set<string>();
  for (const row of stored) {
    const t = targets.get(row);
    if (t === null || t === undefined) continue;
    if (overlapping.has(t) || seen.has(t)) {
      targets.set(row, null);
      reasons.push(`${row} deleted: ${overlapping.has(t) ? 'an ancestor of another stored revision' : 'a second row for the same revision'}`);
    } else seen.add(t);
  }
  return { after: [...seen].sort(), reasons, unresolved, targets };
}

function resolve(ctx: ChainContext, id: string): string {
  return ctx.graph.has(id) ? id : (ctx.graph.labels.get(id) ?? id);
}

/** Deletes first, then updates: an update never collides with a row that is about to go. */
function rowOperations(stored: string[], targets: Map<string, string | null>): { from: string; to: string | null }[] {
  const ops = stored.map((from) => ({ from, to: targets.has(from) ? targets.get(from)! : from })).filter((op) => op.to !== op.from);
  return [...ops.filter((o) => o.to === null), ...ops.filter((o) => o.to !== null)];
}
