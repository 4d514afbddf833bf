/**
 * Derived downgrades that put back a view selecting `*` (`SELECT *`, `t.*`): Postgres expands
 * the star when CREATE VIEW runs, against the tables as they are then. A migration that adds a
 * column and rebuilds the view on it (`ALTER TABLE post ADD deleted …; DROP VIEW post_view;
 * CREATE VIEW post_view AS SELECT p.* …`) is undone in reverse: the earlier view comes back
 * first, its star takes in the added column, and dropping that column then fails ("other
 * objects depend on it"). So such a restore runs after the columns of the tables it reads,
 * added earlier in the migration, are dropped again; and so does a view restore reading a view
 * moved so.
 */
import type { PlannedStep } from '../plan/index.js';
import { parseSql } from '../sql/parser.js';
import type { SqlStatement } from '../sql/split.js';
import { defKey, fromRangeVar } from '../rewrite/names.js';

/**
 * `downs[i]` is the derived downgrade of `up[i]`; they run from the last to the first. Returns
 * them with each star view restore moved to the end of the group of the first ADD COLUMN (on a
 * table it reads) before it.
 */
export function starViewsAfterDroppedColumns(up: readonly SqlStatement[], downs: PlannedStep[][]): PlannedStep[][] {
  if (!downs.some((g) => g.some(mayDefineView))) return downs; // most migrations: nothing to move
  const addedAt = new Map<string, number[]>(); // table key → indexes of the statements adding columns to it
  for (const [i, stmt] of up.entries()) {
    const table = tableGainingColumns(stmt);
    if (table) addedAt.set(table, [...(addedAt.get(table) ?? []), i]);
  }
  if (!addedAt.size) return downs;
  const out = downs.map((g) => [...g]);
  const movedTo = new Map<string, number>(); // view key → the group its restore moved to
  for (let j = downs.length - 1; j >= 0; j--) {
    const views = out[j]!.map((s) => (s.kind === 'sql' ? viewDefinition(s.sql) : undefined));
    const at = views.findIndex((v) => v !== undefined);
    if (at < 0) continue;
    const view = views[at]!;
    // Groups with a lower index run later; a view moved to one that runs before this one needs nothing.
    const targets = view.reads
      .flatMap((r) => [...(view.star ? (addedAt.get(r) ?? []) : []), ...(movedTo.has(r) ? [movedTo.get(r)!] : [])])
      .filter((i) => i < j);
    if (!targets.length) continue;
    const target = Math.min(...targets);
    out[target]!.push(...out[j]!.splice(at));
    movedTo.set(view.key, target);
  }
  return out;
}

/** The table an `ALTER TABLE … ADD COLUMN` adds columns to. */
function tableGainingColumns(stmt: SqlStatement): string | undefined {
  const node = stmt.node;
  if (!node || !('AlterTableStmt' in node)) return undefined;
  const alter = node.AlterTableStmt;
  const adds = (alter.cmds ?? []).some((c) => 'AlterTableCmd' in c && c.AlterTableCmd.subtype === 'AT_AddColumn');
  return adds && alter.relation ? defKey(fromRangeVar(alter.relation)) : undefined;
}

interface ViewDefinition {
  key: string;
  /** The relations its query names (CTE names too: they match no table). */
  reads: string[];
  /** Its query expands a `*` or `t.*` somewhere. */
  star: boolean;
}

/** Cheap test before a parse: most steps (a DROP VIEW among them) name no CREATE … VIEW. */
const MAY_CREATE_VIEW = /\bcreate\b[\s\S]*?\bview\b/i;
const mayDefineView = (s: PlannedStep) => s.kind === 'sql' && MAY_CREATE_VIEW.test(s.sql);

/** The view a `CREATE [OR REPLACE] VIEW` step defines, or undefined for any other step. */
function viewDefinition(sql: string): ViewDefinition | undefined {
  if (!MAY_CREATE_VIEW.test(sql)) return undefined;
  let node;
  try {
    node = parseSql(sql).stmts?.[0]?.stmt;
  } catch {
    return undefined; // not a statement Postgres parses: not a view restore pgmend wrote
  }
  if (!node || !('ViewStmt' in node) || !node.ViewStmt.view) return undefined;
  const reads = new Set<string>();
  let star = false;
  walk(node.ViewStmt.query, (key, value) => {
    if (key === 'RangeVar') reads.add(defKey(fromRangeVar(value as { schemaname?: string; relname?: string })));
    if (key === 'ColumnRef' && ((value as { fields?: object[] }).fields ?? []).some((f) => 'A_Star' in f)) star = true;
  });
  return { key: defKey(fromRangeVar(node.ViewStmt.view)), reads: [...reads], star };
}

function walk(value: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      walk(v, visit);
    }
  }
}
