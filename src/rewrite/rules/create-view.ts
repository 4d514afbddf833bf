import type { Node, ResTarget, SelectStmt, ViewStmt } from '@pgsql/types';
import { parseSql } from '../../sql/parser.js';
import { defKey, fromRangeVar, regclass, sqlName, strings, type QualifiedName } from '../names.js';
import type { ParsedStatement, RewriteContext, Rule } from '../types.js';
import { orReplace, type KeyIn, type Replacement } from './or-replace.js';
import { guardCreate } from '../rerun-guards.js';
import { columnExists, notExists } from '../guards.js';

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
    notYetIn: (later) => withoutColumnOf(parseView(later), view, name, ctx),
  });
  return guardCreate(stmt, ctx, created, { kind: 'relation', name });
};

const viewKey: KeyIn = (node) => ('ViewStmt' in node ? defKey(fromRangeVar(node.ViewStmt.view ?? {})) : undefined);

/** The downgrade restoring a view with fewer or other columns must drop and recreate it too. */
function columnChange(earlier: ViewStmt | undefined, view: ViewStmt, name: string, stmt: ParsedStatement): Replacement {
  const before = earlier && columnNames(earlier);
  const after = columnNames(view);
  if (!before || !after) {
    const message = `view ${name} is redefined and pgmend cannot list its columns (SELECT * or VALUES); OR REPLACE fails if columns other than trailing ones change (the downgrade drops the view before it restores the earlier definition)`;
    // Down, the earlier definition most often has fewer columns (OR REPLACE appends them), which
    // OR REPLACE cannot take away: drop first.
    return { recreateUp: false, recreateDown: true, unknown: true, how: '', findings: [{ code: 'view-columns-unknown', severity: 'info', message, location: stmt.location }] };
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

/**
 * "The view has not got a column only the later definition gives it": a column the later one
 * names that this one does not name, nor can take from a table it reads (its `t.*`), as far as
 * these files define those tables. Undefined when there is none.
 */
function withoutColumnOf(later: ViewStmt | undefined, view: ViewStmt, name: QualifiedName, ctx: RewriteContext): string | undefined {
  if (!later) return undefined;
  const laterColumns = explicitNames(later); // what its stars add is unknown, what it names is certain
  const own = new Set(explicitNames(view));
  for (const table of relationsRead(view)) for (const c of ctx.defs.names('column', `${table}.`)) own.add(c.slice(table.length + 1));
  const only = laterColumns.find((c) => c !== '' && !own.has(c));
  return only === undefined ? undefined : notExists(columnExists(name, only));
}

/**
 * The output column names the view certainly has: its column aliases, then the names its top
 * SELECT gives after them (stars left out); only the aliases when a star comes before their end.
 */
function explicitNames(view: ViewStmt): string[] {
  const names = targetNames(view) ?? [];
  const aliases = strings(view.aliases);
  if (names.slice(0, aliases.length).includes(STAR)) return aliases;
  return [...aliases, ...names.slice(aliases.length).filter((n) => n !== STAR && n !== '')];
}

/** The keys of the relations the view's query names (a CTE's name matches no table). */
function relationsRead(view: ViewStmt): string[] {
  const keys = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'RangeVar') keys.add(defKey(fromRangeVar(v as { schemaname?: string; relname?: string })));
        walk(v);
      }
    }
  };
  walk(view.query);
  return [...keys];
}

function parseView(sql: string): ViewStmt | undefined {
  return (parseSql(sql).stmts?.[0]?.stmt as { ViewStmt?: ViewStmt } | undefined)?.ViewStmt;
}

/**
 * Output column names of the view, or undefined when the AST does not tell (`*`). A name
 * Postgres derives from an expression (`?column?`, a function name) is '' and matches any.
 */
function columnNames(view: ViewStmt): string[] | undefined {
  const names = targetNames(view);
  if (!names || names.includes(STAR)) return undefined;
  const aliases = strings(view.aliases);
  return names.map((n, i) => aliases[i] ?? n);
}

/** Marks a `*` or `t.*` among the target names: it stands for columns pgmend cannot list. */
const STAR = '*';

/** The names of the top SELECT's targets ('' for an expression, STAR for a star); undefined for VALUES. */
function targetNames(view: ViewStmt): string[] | undefined {
  let select = (view.query as { SelectStmt?: SelectStmt }).SelectStmt;
  while (select?.larg) select = select.larg; // UNION / INTERSECT / EXCEPT: the left side names the columns
  if (!select?.targetList) return undefined; // VALUES
  return select.targetList.map((n: Node) => {
    const t = (n as { ResTarget: ResTarget }).ResTarget;
    const ref = (t.val as { ColumnRef?: { fields?: Node[] } }).ColumnRef;
    const last = ref?.fields?.[ref.fields.length - 1];
    if (last && 'A_Star' in last) return STAR;
    return t.name ?? (last ? (strings([last])[0] ?? '') : '');
  });
}

/** Postgres lets OR REPLACE keep every existing column, in order, and add new ones at the end. */
function appendsOnly(before: string[], after: string[]): boolean {
  return after.length >= before.length && before.every((n, i) => n === '' || after[i] === '' || n === after[i]);
}
