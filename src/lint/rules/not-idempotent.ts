import { Definitions, rewriteStatement } from '../../rewrite/index.js';
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
    for (const action of unit.actions) {
      if (action.phase !== 'upgrade') continue;
      // An operation run only after the file checked for its object is re-runnable as written.
      if (action.kind === 'op') {
        const f = action.call.checked ? undefined : checkOp(action);
        if (f) out.push(f);
        continue;
      }
      if (!action.stmt.node) continue;
      const rewrite = rewriteStatement(action.stmt, { pgVersion: Math.max(12, ctx.pgVersion), defs });
      if (rewrite.fate !== 'idempotent' || action.checked) continue;
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

function checkOp(action: OpAction): LintFinding | undefined {
  const guard = OP_GUARDS[action.call.method];
  if (!guard || action.call.hasStar) return undefined;
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
