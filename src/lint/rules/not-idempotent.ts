import { Definitions, rewriteStatement } from '../../rewrite/index.js';
import type { Node } from '../../sql/parser.js';
import { sqlCreated, sqlDropped, sqlRenamedAway } from '../freed-names.js';
import { calleeName, type PyValue } from '../python/expr.js';
import type { CheckPolarity } from '../python/revision.js';
import { opLabel, statementLabel } from '../describe.js';
import { finding, type LintFinding, type LintRule, type OpAction } from '../types.js';

/** Alembic operations and the flag that makes each re-runnable (and the Alembic version that has it). */
const OP_GUARDS: Record<string, { flag: string; since: string }> = {
  create_table: { flag: 'if_not_exists', since: '1.13.3' },
  create_index: { flag: 'if_not_exists', since: '1.12' },
  add_column: { flag: 'if_not_exists', since: '1.16' },
  drop_table: { flag: 'if_exists', since: '1.13.3' },
  drop_index: { flag: 'if_exists', since: '1.12' },
  drop_column: { flag: 'if_exists', since: '1.16' },
  drop_constraint: { flag: 'if_exists', since: '1.16' },
};

/**
 * Statements that fail when a migration is re-run (after a partial failure, or on a database
 * that already has the objects): exactly those `pgmend convert` would guard. Upgrades only.
 */
export const notIdempotent: LintRule = {
  code: 'not-idempotent',
  severity: 'warning',
  description: 'A statement fails when the migration runs again on a database that already has its effect; pgmend convert would guard it.',
  check(unit, ctx) {
    const out: LintFinding[] = [];
    const defs = new Definitions();
    // What the upgrade dropped so far: for good, or only in the block it ran in.
    const dropped = new Map<string, 'always' | number>();
    const droppedBefore = (key: string | undefined, block: number | undefined): boolean => {
      const scope = key === undefined ? undefined : dropped.get(key);
      return scope !== undefined && (scope === 'always' || scope === block);
    };
    for (const action of unit.actions) {
      if (action.phase !== 'upgrade') continue;
      if (action.kind === 'op') {
        const key = objectKey(action);
        // A table renamed away frees its name as a drop does (its indexes keep theirs).
        if ((action.call.method.startsWith('drop_') || action.call.method === 'rename_table') && key) {
          const scope = dropsForSure(action) ? 'always' : (action.call.block ?? -1);
          dropped.set(key, scope);
          if (action.call.method === 'drop_table' && action.table) dropped.set(`index-on:${action.table.schema ?? ''}.${action.table.name}`, scope); // its indexes go with it
        }
        // Run only after the file checked for its object, or after the upgrade dropped it
        // (`if 't' in tables: op.drop_table('t')`, then `op.create_table('t')`; a drop and a
        // create in one block): re-runnable as written.
        const afterDrop = !action.call.method.startsWith('drop_') && [key, indexTableKey(action)].some((k) => droppedBefore(k, action.call.block));
        const f = guarded(action.call.checked, opDirection(action.call.method)) || afterDrop ? undefined : checkOp(action);
        if (f) out.push(f);
        continue;
      }
      if (!action.stmt.node) continue;
      const node = action.stmt.node;
      // `DROP TABLE IF EXISTS t` in executed SQL drops as op.drop_table does (and frees the names of types, functions, …).
      for (const { key, name } of [...sqlDropped(node), ...sqlRenamedAway(node)]) {
        dropped.set(key, !action.conditional || (action.checkedNames ?? []).includes(name) ? 'always' : (action.block ?? -1));
      }
      const rewrite = rewriteStatement(action.stmt, { pgVersion: Math.max(12, ctx.pgVersion), defs });
      if (rewrite.fate !== 'idempotent' || guarded(action.checked, statementDirection(node))) continue;
      if (sqlCreated(node).some((k) => droppedBefore(k, action.block)) || createsTemporary(node)) continue;
      out.push(
        finding(
          notIdempotent,
          action.stmt.location,
          `${statementLabel(action.stmt.text)} fails if this migration runs again (after a partial failure, or on a database that already has it)`,
          `make it re-runnable as pgmend convert does: ${rewrite.how}`,
        ),
      );
    }
    return out;
  },
};

type AnyNode = Record<string, any>;

/**
 * CREATE TEMP TABLE / VIEW (also `… AS`, `SELECT … INTO TEMP`): a migration run again runs in a
 * new session, where the temporary objects of the last one are gone.
 */
function createsTemporary(node: Node): boolean {
  const n = node as AnyNode;
  const rel = n.CreateStmt?.relation ?? n.CreateTableAsStmt?.into?.rel ?? n.ViewStmt?.view ?? n.SelectStmt?.intoClause?.rel;
  return rel?.relpersistence === 't';
}

/**
 * Run again, a creation is skipped only by a check that lets it through when its object is
 * missing (`if not has_table('t')`, `if 'c' not in columns`), a drop only by one that wants it
 * present (`if has_table('t')`): `if 'users' in tables: op.add_column('users', …)` still fails.
 * Other operations count any check.
 */
function guarded(checks: CheckPolarity[] | undefined, direction: CheckPolarity | undefined): boolean {
  return checks !== undefined && (direction === undefined || checks.includes(direction));
}

/**
 * The table or index an operation creates or drops, as `table:schema.name` / `index:name`; a
 * name computed at run time by its expression (`index["name"]` in a drop and a create alike).
 */
function objectKey(action: OpAction): string | undefined {
  const { method, params } = action.call;
  if (/^(?:create|drop|rename)_table$/.test(method) && action.table) return `table:${action.table.schema ?? ''}.${action.table.name}`;
  const index = unwrapName(params.index_name);
  if (!/^(?:create|drop)_index$/.test(method) || !index) return undefined;
  return index.kind === 'string' ? `index:${index.str.value}` : index.kind === 'other' ? `index-expression:${index.text}` : undefined;
}

/** `op.f("ix_t_x")` (autogenerate's mark of a name already converted) / `conv(…)` name what they wrap. */
function unwrapName(value: PyValue | undefined): PyValue | undefined {
  if (value?.kind !== 'call' || !['f', 'conv', 'quoted_name'].includes(calleeName(value) ?? '')) return value;
  return value.args.find((a) => !a.keyword && !a.star)?.value ?? value;
}

/**
 * The drop runs whenever the upgrade does: outside any condition, or under a check of the very
 * object it drops (`if 'jobs' in tables: op.drop_table('jobs')`), not under `if dialect == 'mysql':`.
 */
function dropsForSure(action: OpAction): boolean {
  const index = unwrapName(action.call.params.index_name);
  const name = index?.kind === 'string' ? index.str.value : action.table?.name;
  return !action.call.conditional || (name !== undefined && (action.call.checkedNames ?? []).includes(name));
}

/** For create_index: its table, as a dropped table's key for its indexes. */
function indexTableKey(action: OpAction): string | undefined {
  return action.call.method === 'create_index' && action.table ? `index-on:${action.table.schema ?? ''}.${action.table.name}` : undefined;
}

function opDirection(method: string): CheckPolarity | undefined {
  return /^(?:create|add)_/.test(method) ? 'missing' : method.startsWith('drop_') ? 'present' : undefined;
}

function statementDirection(node: Node): CheckPolarity | undefined {
  const [kind] = Object.keys(node);
  if (kind === 'DropStmt') return 'present';
  if (kind === 'AlterTableStmt') {
    const subtypes = ((node as { AlterTableStmt: { cmds?: Array<{ AlterTableCmd?: { subtype?: string } }> } }).AlterTableStmt.cmds ?? []).map((c) => c.AlterTableCmd?.subtype ?? '');
    if (subtypes.every((s) => s.startsWith('AT_Add'))) return 'missing';
    if (subtypes.every((s) => s.startsWith('AT_Drop'))) return 'present';
    return undefined;
  }
  return kind !== undefined && /^(?:Create|Index|View|Define|Composite|Rule)/.test(kind) ? 'missing' : undefined;
}

function checkOp(action: OpAction): LintFinding | undefined {
  const guard = OP_GUARDS[action.call.method];
  if (!guard || action.call.hasKwargs) return undefined;
  const flag = action.call.params[guard.flag];
  if (flag && !(flag.kind === 'const' && (flag.value === false || flag.value === null))) return undefined;
  const what = guard.flag === 'if_exists' ? 'is already gone' : 'already exists';
  return finding(
    notIdempotent,
    action.location,
    `${opLabel(action.call)} fails if this migration runs again and the object ${what}`,
    `pass ${guard.flag}=True, available since Alembic ${guard.since}`,
  );
}
