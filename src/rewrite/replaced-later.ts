/**
 * Tables a later revision rebuilds under the same name: renames the table away, creates a new
 * one under its name, and (usually) drops the old one, as graphile-worker does. On a database
 * where those revisions ran already (the SQL applied by hand), the name holds the new table, so
 * a statement of an earlier revision about the old table (a trigger on a column the new one
 * lacks, an index, an ALTER) must not run on it: the columns that tell the two apart decide.
 */
import type { SqlStatement } from '../sql/split.js';
import { columnExists, exists, notExists } from './guards.js';
import { inLaterRevisions } from './later-revisions.js';
import { defKey, fromRangeVar, type QualifiedName } from './names.js';
import type { RewriteContext } from './types.js';

/** A table renamed away, or created (with its columns), keyed by defKey. */
type TableEvent = { table: string; renamedAway: true } | { table: string; columns: string[] };

const tableEvents = (statements: readonly SqlStatement[]): TableEvent[] =>
  statements.flatMap((s): TableEvent[] => {
    const node = s.node;
    if (node && 'RenameStmt' in node && node.RenameStmt.renameType === 'OBJECT_TABLE' && node.RenameStmt.relation) {
      return [{ table: defKey(fromRangeVar(node.RenameStmt.relation)), renamedAway: true }];
    }
    if (node && 'CreateStmt' in node && node.CreateStmt.relation) {
      const columns = (node.CreateStmt.tableElts ?? []).flatMap((e) => ('ColumnDef' in e ? [e.ColumnDef.colname ?? ''] : []));
      return [{ table: defKey(fromRangeVar(node.CreateStmt.relation)), columns }];
    }
    return [];
  });

/** The columns of the table a later statement creates under `table`'s name after renaming it away, if one does. */
function replacementColumns(ctx: RewriteContext, table: QualifiedName, renaming: boolean): string[] | undefined {
  const m = ctx.migration;
  if (!m) return undefined;
  const events = [...tableEvents(m.statements.slice(m.index + (renaming ? 0 : 1))), ...(m.later ? inLaterRevisions(m.later, tableEvents) : [])];
  const key = defKey(table);
  let renamed = false;
  for (const e of events) {
    if (e.table !== key) continue;
    if ('renamedAway' in e) renamed = true;
    else if (renamed) return e.columns;
  }
  return undefined;
}

/**
 * SQL condition "the table under this name is still the one these statements made, not the
 * table a later revision rebuilds under its name": it has the columns the replacement lacks and
 * lacks the ones only the replacement has. Undefined when no later revision rebuilds it, or
 * (`indistinct`) when their columns are the same.
 */
export function notYetRebuilt(ctx: RewriteContext, table: QualifiedName, renaming = false): { condition?: string; indistinct?: boolean } | undefined {
  const replacement = replacementColumns(ctx, table, renaming);
  if (!replacement) return undefined;
  const prefix = `${defKey(table)}.`;
  const now = ctx.defs.names('column', prefix).map((k) => k.slice(prefix.length)).filter((c) => !c.includes('.'));
  if (!now.length) return { indistinct: true };
  const checks = [
    ...now.filter((c) => !replacement.includes(c)).map((c) => exists(columnExists(table, c))),
    ...replacement.filter((c) => !now.includes(c)).map((c) => notExists(columnExists(table, c))),
  ];
  return checks.length ? { condition: checks.join(' AND ') } : { indistinct: true };
}

