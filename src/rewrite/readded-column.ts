/**
 * Columns renamed away and added again under their name, in the same migration or a later one:
 * Prisma's way of changing a column's type (`RENAME kind TO kind_old; ADD kind new_type;
 * UPDATE … SET kind = kind_old::new_type; DROP kind_old`). Where that ran already (a re-run, or
 * the SQL applied by hand), the name holds the NEW column, and "kind exists, kind_old does not"
 * holds again: the rename would move the new column away and the revision rebuild it, losing
 * what the column has (indexes, defaults, grants, comments) or failing on a view using it.
 * The column types tell the two apart — the column's type as the earlier statements left it,
 * and the one it is added again with (see replaced-later.ts for the table version). The same
 * holds for a column dropped and added again under its name (its DROP runs on the old one only).
 */
import type { TypeName } from '@pgsql/types';
import { parseSql } from '../sql/parser.js';
import { quoteLiteral } from '../sql/quote.js';
import type { SqlStatement } from '../sql/split.js';
import { serialInt } from './column-facts.js';
import { columnExists, notExists } from './guards.js';
import { inLaterRevisions } from './later-revisions.js';
import { defKey, fromRangeVar, typeSql, type QualifiedName } from './names.js';
import type { RewriteContext } from './types.js';

/** A column renamed (`to`), dropped or added (`type`) by the statement at `at`; tables keyed by defKey. */
type ColumnEvent = { at: number; table: string; column: string } & ({ to: string } | { dropped: true } | { type: TypeName | undefined });

const cache = new WeakMap<readonly SqlStatement[], ColumnEvent[]>();

/** The column renames, DROP COLUMNs and ADD COLUMNs of a migration, in order (computed once per migration). */
function eventsOf(statements: readonly SqlStatement[]): ColumnEvent[] {
  let events = cache.get(statements);
  if (events) return events;
  events = statements.flatMap((s, at): ColumnEvent[] => {
    const node = s.node;
    if (node && 'RenameStmt' in node && node.RenameStmt.renameType === 'OBJECT_COLUMN' && node.RenameStmt.relation) {
      return [{ at, table: defKey(fromRangeVar(node.RenameStmt.relation)), column: node.RenameStmt.subname ?? '', to: node.RenameStmt.newname ?? '' }];
    }
    if (node && 'AlterTableStmt' in node && node.AlterTableStmt.relation) {
      const table = defKey(fromRangeVar(node.AlterTableStmt.relation));
      return (node.AlterTableStmt.cmds ?? []).flatMap((c): ColumnEvent[] => {
        const cmd = 'AlterTableCmd' in c ? c.AlterTableCmd : {};
        if (cmd.subtype === 'AT_DropColumn') return [{ at, table, column: cmd.name ?? '', dropped: true }];
        const def = cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
        return def ? [{ at, table, column: def.colname ?? '', type: def.typeName }] : [];
      });
    }
    return [];
  });
  cache.set(statements, events);
  return events;
}

/** The later revisions' events, after every statement of this one. */
const eventsInRun = (statements: readonly SqlStatement[], offset: number): ColumnEvent[] => eventsOf(statements).map((e) => ({ ...e, at: 1e9 + offset + e.at }));

/**
 * The type a later statement adds `column` of `table` again with, after this statement (or one
 * after it) renames the column away (or, with `drops`, drops it); undefined when nothing does
 * (an undefined type: not told). In one statement, its subcommands come in their order.
 */
function readdedType(ctx: RewriteContext, table: QualifiedName, column: string, drops: boolean): { type: TypeName | undefined } | undefined {
  const m = ctx.migration;
  if (!m) return undefined;
  const own = eventsOf(m.statements).filter((e) => e.at >= m.index);
  const events = m.later ? [...own, ...inLaterRevisions(m.later, eventsInRun)] : own;
  const key = defKey(table);
  let renamedAway = false;
  for (const e of events) {
    if (e.table !== key || e.column !== column) continue;
    if ('to' in e || (drops && 'dropped' in e)) renamedAway = true;
    else if ('type' in e && renamedAway) return { type: e.type };
  }
  return undefined;
}

/**
 * A statement of this migration after this one, or of a later revision, adds `column` of
 * `table` again once this statement (or one after it) drops or renames it away.
 */
export const readdedFurtherOn = (ctx: RewriteContext, table: QualifiedName, column: string): boolean => readdedType(ctx, table, column, true) !== undefined;

/** The type written as text, parsed the way a column definition reads it. */
function parseType(text: string): TypeName | undefined {
  try {
    const node = parseSql(`SELECT NULL::${text}`).stmts?.[0]?.stmt;
    const target = node && 'SelectStmt' in node ? node.SelectStmt.targetList?.[0] : undefined;
    const value = target && 'ResTarget' in target ? target.ResTarget.val : undefined;
    return value && 'TypeCast' in value ? value.TypeCast.typeName : undefined;
  } catch {
    return undefined;
  }
}

/** The type as to_regtype reads it: a serial column is an integer one. */
function regtypeText(t: TypeName): string {
  const sql = typeSql(t);
  return serialInt(sql) ?? sql;
}

/** Modifiers as written (`(255)`), to tell `varchar(100)` from `varchar(255)`. */
const modifiers = (t: TypeName) => JSON.stringify(t.typmods ?? []);

/**
 * For a statement about `column` of `table` as it is now (its RENAME away, above all): when a
 * later statement adds a column under that name again, the SQL condition "the column under that
 * name is not the one added again" — it does not have the new type, unless the old type is the
 * same one as Postgres reads them. Undefined when nothing adds it again; `indistinct` says why
 * the two columns cannot be told apart (the same type, or the old one never seen).
 * `drops`: a DROP COLUMN takes the column away too (for the DROP itself: Prisma's type change
 * as `DROP COLUMN "id", ADD COLUMN "id" UUID`); otherwise only a rename does.
 */
export function notYetReadded(ctx: RewriteContext, table: QualifiedName, column: string, drops = false): { condition?: string; indistinct?: string } | undefined {
  const added = readdedType(ctx, table, column, drops);
  if (!added) return undefined;
  const oldText = ctx.defs.get('column-type', defKey(table, column));
  const old = oldText === undefined ? undefined : parseType(oldText);
  const now = added.type;
  if (!now) return { indistinct: 'the type of the column added again is not known' };
  if (!old) return { indistinct: `pgmend never saw the type of ${column} before this statement, so it cannot tell it from the column added again (${typeSql(now)})` };
  if (regtypeText(old) === regtypeText(now)) {
    const how = modifiers(old) === modifiers(now) ? `both are ${regtypeText(now)}` : `both are ${regtypeText(now)}, with different modifiers`;
    return { indistinct: `the column added again under the name ${column} has the type the old one had (${how}), so the two cannot be told apart` };
  }
  const lit = (t: TypeName) => quoteLiteral(regtypeText(t));
  const isNew = `${columnExists(table, column)} AND atttypid = to_regtype(${lit(now)}) AND atttypid IS DISTINCT FROM to_regtype(${lit(old)})`;
  return { condition: notExists(isNew) };
}
