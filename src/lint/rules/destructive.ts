import type { Node } from '../../sql/parser.js';
import { opLabel } from '../describe.js';
import type { PyValue } from '../python/expr.js';
import { finding, type Action, type LintFinding, type LintRule, type OpAction } from '../types.js';

type AnyNode = Record<string, any>;

const DROPPED: Record<string, string> = { OBJECT_TABLE: 'DROP TABLE', OBJECT_SCHEMA: 'DROP SCHEMA' };

/** The table Alembic's batch mode copies a table into (`_alembic_tmp_<name>`): dropping it loses nothing. */
const BATCH_TEMPORARY = /^_alembic_tmp_/i;

/**
 * Upgrades that destroy data: a downgrade cannot bring the rows back. A table or column the
 * same upgrade created before (unconditionally, or in the same block; not with `IF NOT EXISTS`,
 * which may find one that was there) held nothing from before the migration: dropping it loses
 * nothing (a scratch table, a temporary column for a type change).
 */
export const destructive: LintRule = {
  code: 'destructive',
  severity: 'warning',
  description: 'An upgrade drops a table, column or schema, or truncates a table: the data is lost and no downgrade restores it.',
  check(unit) {
    const out: LintFinding[] = [];
    const hint = 'copy or rename the data first if it may be needed; otherwise accept the loss explicitly (--max-warnings)';
    // Tables (`schema.name`) and columns (`schema.table.column`) the upgrade created so far: for sure, or in a block.
    const created = new Map<string, 'always' | number>();
    const createdBefore = (key: string, action: Action): boolean => {
      const scope = created.get(key);
      return scope !== undefined && (scope === 'always' || scope === blockOf(action));
    };
    for (const action of unit.actions) {
      if (action.phase !== 'upgrade') continue;
      const scope = conditionalOf(action) ? blockOf(action) : 'always';
      if (action.kind === 'op') {
        const { method } = action.call;
        const made = opCreated(action);
        if (made) created.set(made, scope);
        if (method !== 'drop_table' && method !== 'drop_column') continue;
        const dropped = opDropped(action);
        if (dropped && (createdBefore(dropped, action) || (method === 'drop_table' && BATCH_TEMPORARY.test(action.table?.name ?? '')))) continue;
        const what = method === 'drop_table' ? 'a table and all its rows' : 'a column and its values in every row';
        out.push(finding(destructive, action.location, `${opLabel(action.call)} deletes ${what}: the downgrade cannot restore them`, hint));
        continue;
      }
      const node = action.stmt.node;
      if (!node) continue;
      for (const key of sqlCreated(node)) created.set(key, scope);
      const kind = destroys(node);
      const dropped = sqlDropped(node);
      if (kind && dropped?.length && dropped.every((key) => createdBefore(key, action) || BATCH_TEMPORARY.test(key.split('.').pop() ?? ''))) continue;
      if (kind) out.push(finding(destructive, action.stmt.location, `${kind} deletes data: the downgrade cannot restore it`, hint));
    }
    return out;
  },
};

function destroys(node: Node): string | undefined {
  const n = node as AnyNode;
  if (n.DropStmt) return DROPPED[n.DropStmt.removeType];
  if (n.TruncateStmt) return 'TRUNCATE';
  if (n.AlterTableStmt?.cmds?.some((c: AnyNode) => c.AlterTableCmd?.subtype === 'AT_DropColumn')) return 'ALTER TABLE … DROP COLUMN';
  return undefined;
}

const conditionalOf = (action: Action): boolean => (action.kind === 'op' ? action.call.conditional : action.conditional) === true;
const blockOf = (action: Action): number => (action.kind === 'op' ? action.call.block : action.block) ?? -1;

const tableKey = (schema: string | undefined, name: string): string => `${(schema ?? '').toLowerCase()}.${name.toLowerCase()}`;

/** The table op.create_table makes, or the column op.add_column adds; not with if_not_exists. */
function opCreated(action: OpAction): string | undefined {
  const { method, params } = action.call;
  if (!action.table || action.call.hasKwargs || isTrue(params.if_not_exists)) return undefined;
  const table = tableKey(action.table.schema, action.table.name);
  if (method === 'create_table') return table;
  const column = method === 'add_column' ? columnName(params.column) : undefined;
  return column === undefined ? undefined : `${table}.${column.toLowerCase()}`;
}

function opDropped(action: OpAction): string | undefined {
  if (!action.table) return undefined;
  const table = tableKey(action.table.schema, action.table.name);
  if (action.call.method === 'drop_table') return table;
  const column = action.call.params.column_name;
  return column?.kind === 'string' ? `${table}.${column.str.value.toLowerCase()}` : undefined;
}

/** `"x"`, `sa.Column("x", …)`. */
function columnName(value: PyValue | undefined): string | undefined {
  if (value?.kind === 'string') return value.str.value;
  if (value?.kind !== 'call') return undefined;
  const callee = value.callee.kind === 'attr' || value.callee.kind === 'name' ? value.callee.name : undefined;
  const first = value.args.find((a) => !a.keyword && !a.star)?.value ?? value.args.find((a) => a.keyword === 'name')?.value;
  return callee === 'Column' && first?.kind === 'string' ? first.str.value : undefined;
}

function isTrue(value: PyValue | undefined): boolean {
  return value !== undefined && !(value.kind === 'const' && (value.value === false || value.value === null));
}

interface RangeVar {
  schemaname?: string;
  relname?: string;
}

const relationKey = (rv: RangeVar | undefined): string | undefined => (rv?.relname ? tableKey(rv.schemaname, rv.relname) : undefined);

/** The tables (CREATE TABLE, CREATE TABLE … AS) and columns (ALTER TABLE … ADD COLUMN) a statement makes; not IF NOT EXISTS. */
function sqlCreated(node: Node): string[] {
  const n = node as AnyNode;
  if (n.CreateStmt && !n.CreateStmt.if_not_exists) return [relationKey(n.CreateStmt.relation)].filter((k): k is string => k !== undefined);
  if (n.CreateTableAsStmt && n.CreateTableAsStmt.objtype !== 'OBJECT_MATVIEW' && !n.CreateTableAsStmt.if_not_exists) return [relationKey(n.CreateTableAsStmt.into?.rel)].filter((k): k is string => k !== undefined);
  const table = relationKey(n.AlterTableStmt?.relation);
  if (!table) return [];
  return (n.AlterTableStmt.cmds ?? []).flatMap((c: AnyNode) => {
    const cmd = c.AlterTableCmd;
    const column = cmd?.def?.ColumnDef?.colname;
    return cmd?.subtype === 'AT_AddColumn' && !cmd.missing_ok && column ? [`${table}.${String(column).toLowerCase()}`] : [];
  });
}

/** The tables a DROP TABLE drops, or the columns an ALTER TABLE drops; undefined when there is something else (or nothing) to tell. */
function sqlDropped(node: Node): string[] | undefined {
  const n = node as AnyNode;
  if (n.DropStmt?.removeType === 'OBJECT_TABLE') {
    const keys = (n.DropStmt.objects ?? []).map((o: AnyNode) => {
      const parts = (o.List?.items ?? []).map((i: AnyNode) => i.String?.sval as string | undefined);
      return parts.length && parts.every((p: string | undefined) => p !== undefined) ? tableKey(parts.length > 1 ? parts[parts.length - 2] : undefined, parts[parts.length - 1]) : undefined;
    });
    return keys.every((k: string | undefined) => k !== undefined) ? keys : undefined;
  }
  const table = relationKey(n.AlterTableStmt?.relation);
  if (!table) return undefined;
  const drops = (n.AlterTableStmt.cmds ?? []).filter((c: AnyNode) => c.AlterTableCmd?.subtype === 'AT_DropColumn');
  return drops.map((c: AnyNode) => `${table}.${String(c.AlterTableCmd.name).toLowerCase()}`);
}
