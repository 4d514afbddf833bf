import type { Node } from '../../sql/parser.js';
import { opLabel } from '../describe.js';
import { finding, type LintFinding, type LintRule, type LintUnit, type SqlAction } from '../types.js';

type AnyNode = Record<string, any>;

/**
 * Statements Postgres refuses inside a transaction block, in a migration that runs them in
 * one: Alembic wraps every revision in a transaction unless the statement is inside
 * `with op.get_context().autocommit_block():`, or after an `op.execute("COMMIT")` in the same
 * function (the old workaround from Alembic issue 123: with psycopg2 the statements after it
 * run in autocommit until Alembic commits). For .sql files the rule is simpler: runners
 * send a file as one transaction (dbmate, goose) or one multi-statement query (an implicit
 * transaction), so such a statement must be alone in its file, or the file must carry the
 * runner's no-transaction marker.
 */
export const concurrentlyInTransaction: LintRule = {
  code: 'concurrently-in-transaction',
  severity: 'error',
  description: 'CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY or (before PostgreSQL 12) ALTER TYPE … ADD VALUE runs inside a transaction block, where Postgres refuses it.',
  check(unit, ctx) {
    const out: LintFinding[] = [];
    const committed = new Set<string>(); // phases whose transaction an explicit COMMIT ended
    for (const action of unit.actions) {
      if (action.kind === 'sql' && unit.kind === 'alembic') {
        const tx = transactionControl(action.stmt.node);
        if (tx === 'end') committed.add(action.phase);
        if (tx === 'begin') committed.delete(action.phase);
      }
      if (action.autocommit || action.phase === 'other' || committed.has(action.phase)) continue;
      if (action.kind === 'op') {
        const { method, params } = action.call;
        const concurrently = params.postgresql_concurrently;
        if ((method === 'create_index' || method === 'drop_index') && concurrently?.kind === 'const' && concurrently.value === true) {
          out.push(finding(concurrentlyInTransaction, action.location, `${opLabel(action.call)}(postgresql_concurrently=True) cannot run inside a transaction block: the migration fails`, 'wrap it in `with op.get_context().autocommit_block():`'));
        }
        continue;
      }
      const what = action.stmt.node ? refusedInTransaction(action.stmt.node, ctx.pgVersion) : undefined;
      if (!what || (unit.kind === 'sql' && runsAlone(unit, action))) continue;
      const hint =
        unit.kind === 'alembic'
          ? 'run it inside `with op.get_context().autocommit_block():`'
          : 'move it to a migration file of its own, or mark the file `-- migrate:up transaction:false` (dbmate) / `-- +goose NO TRANSACTION` (goose)';
      out.push(finding(concurrentlyInTransaction, action.stmt.location, `${what} cannot run inside a transaction block: the migration fails`, hint));
    }
    return out;
  },
};

function transactionControl(node: Node | undefined): 'begin' | 'end' | undefined {
  const kind = (node as AnyNode | undefined)?.TransactionStmt?.kind;
  if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') return 'end';
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return 'begin';
  return undefined;
}

function refusedInTransaction(node: Node, pgVersion: number): string | undefined {
  const n = node as AnyNode;
  if (n.IndexStmt?.concurrent) return 'CREATE INDEX CONCURRENTLY';
  if (n.DropStmt?.concurrent) return 'DROP INDEX CONCURRENTLY';
  if (n.ReindexStmt?.params?.some((p: AnyNode) => p.DefElem?.defname === 'concurrently')) return 'REINDEX CONCURRENTLY';
  if (n.AlterEnumStmt?.newVal && !n.AlterEnumStmt.oldVal && pgVersion < 12) return `ALTER TYPE … ADD VALUE (on PostgreSQL ${pgVersion})`;
  return undefined;
}

/** A .sql migration that runs outside a transaction, or holds nothing else in its section. */
function runsAlone(unit: LintUnit, action: SqlAction): boolean {
  if (unit.noTransaction) return true;
  return unit.actions.filter((a) => a.phase === action.phase).length === 1;
}
