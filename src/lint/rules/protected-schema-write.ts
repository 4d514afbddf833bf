import type { Node } from '../../sql/parser.js';
import { opLabel, statementLabel } from '../describe.js';
import { Resolver } from '../resolve.js';
import { writeTargets, type WriteTarget } from '../targets.js';
import type { SourceLocation } from '../../source.js';
import { finding, type LintFinding, type LintRule, type OpAction } from '../types.js';

/** How each Alembic operation changes its table, for messages. */
const OP_VERBS: Record<string, string> = {
  create_table: 'creates',
  drop_table: 'drops',
  rename_table: 'renames',
  add_column: 'adds a column to',
  drop_column: 'drops a column of',
  alter_column: 'alters a column of',
  create_index: 'creates an index on',
  drop_index: 'drops an index of',
  create_foreign_key: 'adds a foreign key to',
  drop_constraint: 'drops a constraint of',
  create_unique_constraint: 'adds a unique constraint to',
  create_check_constraint: 'adds a check constraint to',
  create_primary_key: 'adds a primary key to',
  create_exclude_constraint: 'adds an exclusion constraint to',
  create_table_comment: 'comments on',
  drop_table_comment: 'drops the comment of',
  bulk_insert: 'inserts rows into',
  'execute (inserts)': 'inserts rows into',
  'execute (updates)': 'updates rows of',
  'execute (deletes)': 'deletes rows from',
};

const CONSEQUENCE = 'another system owns it, so the change breaks that system or is lost at its next sync';

export const protectedSchemaWrite: LintRule = {
  code: 'protected-schema-write',
  severity: 'error',
  description: 'A migration creates, alters, drops, renames, comments on, grants on, or writes rows in a protected schema or table.',
  check(unit, ctx) {
    if (!ctx.protection.active) return [];
    const resolver = new Resolver(ctx.catalog);
    const out: LintFinding[] = [];
    let noted = false; // one note per file about names resolved without --db
    const judge = (at: SourceLocation, label: string, target: WriteTarget, hint: string): void => {
      const resolved = target.kind === 'schema' ? { schema: target.name } : resolver.resolve(target.schema, target.name, target.kind, target.creates);
      const why = ctx.protection.protects(target.kind, resolved.schema, target.name);
      if (why) {
        const what = target.kind === 'schema' || !target.name ? `schema ${resolved.schema}` : `${resolved.schema ? `${resolved.schema}.` : ''}${target.name}`;
        const how = 'how' in resolved && resolved.how ? ` (${resolved.how})` : '';
        out.push(finding(protectedSchemaWrite, at, `${label} ${target.verb} ${what}${how}, but ${why}: ${CONSEQUENCE}`, how ? 'qualify the name with the schema you meant to change, or remove it' : hint));
      } else if (!noted && !target.schema && target.kind !== 'schema' && resolved.schema !== 'pg_temp' && resolver.assumed && ctx.protection.couldProtect(target.name)) {
        noted = true;
        out.push(assumedPath(at, label, target.name, ctx.catalog.searchPath));
      }
    };
    let phase = unit.actions[0]?.phase;
    for (const action of unit.actions) {
      // upgrade() and downgrade() run in separate sessions: a SET search_path of one does not
      // reach the other.
      if (action.phase !== phase) {
        resolver.setSearchPath(undefined);
        phase = action.phase;
      }
      if (action.kind === 'op') {
        const target = opTarget(action);
        if (target) judge(action.location, opLabel(action.call), target, 'remove the operation, or point it at a table your application owns');
        continue;
      }
      const node = action.stmt.node;
      if (!node) continue;
      const path = searchPathChange(node);
      if (path !== false) {
        resolver.setSearchPath(path);
        continue;
      }
      for (const target of writeTargets(node)) {
        if (target.schema === 'pg_temp' && target.creates) resolver.noteTemporary(target.name);
        judge(action.stmt.location, statementLabel(action.stmt.text), target, 'remove the statement, or change the object in the schema your application owns');
      }
    }
    return out;
  },
};

/** The table an operation writes to; for operations lint does not know, the schema= they name. */
function opTarget(action: OpAction): WriteTarget | undefined {
  const { call, table } = action;
  // op.drop_index without its table names the index itself (see read-alembic).
  const indexOnly = call.method === 'drop_index' && call.via !== 'batch' && !call.params.table_name;
  const verb = indexOnly ? 'drops' : (OP_VERBS[call.method] ?? `runs ${call.method} on`);
  if (table) return { kind: 'relation', ...table, verb, ...(call.method === 'create_table' ? { creates: true } : {}) };
  const schema = call.params.schema?.kind === 'string' ? call.params.schema.str.value : undefined;
  return schema ? { kind: 'object', schema, name: '', verb: `runs ${call.method} in` } : undefined;
}

/** The schemas of `SET [LOCAL] search_path …`; undefined for RESET/DEFAULT; false for other statements. */
function searchPathChange(node: Node): string[] | undefined | false {
  const set = (node as { VariableSetStmt?: { name?: string; kind?: string; args?: Array<{ A_Const?: { sval?: { sval: string } } }> } }).VariableSetStmt;
  if (!set || set.name?.toLowerCase() !== 'search_path') return false;
  if (set.kind !== 'VAR_SET_VALUE') return undefined;
  return (set.args ?? []).flatMap((a) => (a.A_Const?.sval ? a.A_Const.sval.sval.split(',').map((s) => s.trim()) : []));
}

/** Without --db an unqualified name is assumed to be in the default path's first schema: say so once per file. */
function assumedPath(at: SourceLocation, label: string, name: string, path: string[]): LintFinding {
  return finding(
    { code: 'unqualified-name', severity: 'info' },
    at,
    `${label} names ${name} without a schema; lint assumed search_path ${path.join(', ')} (no --db), but if the database's search_path finds ${name} in a protected schema first, this writes to it`,
    'run lint with --db URL to resolve names as the database does, or qualify the names',
  );
}
