import type { Node, ResTarget, SelectStmt, ViewStmt } from '@pgsql/types';
import { parseSql } from '../../sql/parser.js';
import { defKey, fromRangeVar, regclass, sqlName, strings } from '../names.js';
import type { ParsedStatement, Rule } from '../types.js';
import { orReplace, type KeyIn, type Replacement } from './or-replace.js';
import { guardCreate } from '../rerun-guards.js';

/**
 * CREATE VIEW → OR REPLACE (drop and recreate only what this revision created).
 * Handles: ViewStmt.
 *
 * OR REPLACE may only append columns. When an earlier file of this conversion defined the
 * view with columns the new one renames or removes, the view is dropped and recreated (the
 * conversion saw it created, so it holds no data of its own) and the downgrade does the same
 * with the earlier definition.
 */
export const createView: Rule = (stmt, ctx) => {
  const view = (stmt.node as { ViewStmt: ViewStmt }).ViewStmt;
  const name = fromRangeVar(view.view ?? {});
  const created = orReplace(stmt, ctx, {
    kind: 'view',
    key: defKey(name),
    replace: view.replace,
    dropSql: `DROP VIEW IF EXISTS ${sqlName(name)}`,
    change: (earlier) => columnChange(parseView(earlier), view, sqlName(name), stmt),
    keyIn: viewKey,
    existsSql: `SELECT 1 WHERE ${regclass(name)} IS NOT NULL`,
  });
  return guardCreate(stmt, ctx, created, { kind: 'relation', name });
};

const viewKey: KeyIn = (node) => ('ViewStmt' in node ? defKey(fromRangeVar(node.ViewStmt.view ?? {})) : undefined);

/** The downgrade restoring a view with fewer or other columns must drop and recreate it too. */
function columnChange(earlier: ViewStmt | undefined, view: ViewStmt, name: string, stmt: ParsedStatement): Replacement {
  const before = earlier && columnNames(earlier);
  const after = columnNames(view);
  if (!before || !after) {
    const message = `view ${name} is redefined and pgmend cannot list its columns (SELECT * or VALUES); OR REPLACE fails if columns other than trailing ones change`;
    return { recreateUp: false, recreateDown: false, how: '', findings: [{ code: 'view-columns-unknown', severity: 'info', message, location: stmt.location }] };
  }
  const recreateUp = !appendsOnly(before, after);
  const message = `view ${name} changes its columns (${before.join(', ')} → ${after.join(', ')}), which OR REPLACE cannot do; it is dropped and recreated (views depending on it block the drop)`;
  return {
    recreateUp,
    recreateDown: !appendsOnly(after, before),
    how: 'dropped and recreated (columns changed)',
    findings: recreateUp ? [{ code: 'view-recreated', severity: 'warning', message, location: stmt.location }] : [],
  };
}

function parseView(sql: string): ViewStmt | undefined {
  return (parseSql(sql).stmts?.[0]?.stmt as { ViewStmt?: ViewStmt } | undefined)?.ViewStmt;
}

/**
 * Output column names of the view, or undefined when the AST does not tell (`*`). A name
 * Postgres derives from an expression (`?column?`, a function name) is '' and matches any.
 */
function columnNames(view: ViewStmt): string[] | undefined {
  let select = (view.query as { SelectStmt?: SelectStmt }).SelectStmt;
  while (select?.larg) select = select.larg; // UNION / INTERSECT / EXCEPT: the left side names the columns
  if (!select?.targetList) return undefined; // VALUES
  const names: string[] = [];
  for (const t of select.targetList.map((n: Node) => (n as { ResTarget: ResTarget }).ResTarget)) {
    const ref = (t.val as { ColumnRef?: { fields?: Node[] } }).ColumnRef;
    const last = ref?.fields?.[ref.fields.length - 1];
    if (last && 'A_Star' in last) return undefined;
    names.push(t.name ?? (last ? (strings([last])[0] ?? '') : ''));
  }
  const aliases = strings(view.aliases);
  return names.map((n, i) => aliases[i] ?? n);
}

/** Postgres lets OR REPLACE keep every existing column, in order, and add new ones at the end. */
function appendsOnly(before: string[], after: string[]): boolean {
  return after.length >= before.length && before.every((n, i) => n === '' || after[i] === '' || n === after[i]);
}
