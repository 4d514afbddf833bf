import type { Finding } from '../findings.js';
import type { SqlStatement } from '../sql/split.js';

type Role = 'begin' | 'commit' | 'rollback' | 'other' | undefined;

function roleOf(stmt: SqlStatement): Role {
  const kind = (stmt.node as { TransactionStmt?: { kind?: string } } | undefined)?.TransactionStmt?.kind;
  if (!kind) return undefined;
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return 'begin';
  if (kind === 'TRANS_STMT_COMMIT') return 'commit';
  if (kind === 'TRANS_STMT_ROLLBACK') return 'rollback';
  return 'other'; // ROLLBACK, SAVEPOINT, RELEASE, PREPARE TRANSACTION, …
}

/**
 * A revision runs in one transaction, so BEGIN/COMMIT blocks in a file are dropped (each
 * reported): one `BEGIN … COMMIT` around everything, several blocks one after another, or, in a
 * migration its tool runs in a transaction, blocks with statements between them (Prisma brackets
 * its enum rewrites so): the revision's transaction holds those statements and the blocks alike.
 * Blocks must pair up, unnested; a ROLLBACK after a block's COMMIT does nothing (DAViCal ends its
 * patches `COMMIT; ROLLBACK;`) and goes too. Any other transaction statement stays where it is,
 * with a warning: it would end or split the revision's transaction.
 */
export function unwrapTransactions(stmts: SqlStatement[], transactional: boolean): { statements: SqlStatement[]; findings: Finding[] } {
  const roles = stmts.map(roleOf);
  if (!roles.some((r) => r)) return { statements: stmts, findings: [] };
  const blocks = pairedBlocks(roles);
  if (blocks === 'wrap' || (blocks === 'between' && transactional)) {
    const why = blocks === 'wrap' ? 'the revision runs in its own transaction' : 'the revision runs in one transaction, around the statements between blocks too';
    return {
      statements: stmts.filter((_, i) => !roles[i]),
      findings: stmts
        .filter((_, i) => roles[i])
        .map((s) => ({ code: 'transaction-dropped', severity: 'info' as const, message: `\`${oneLine(s.text)}\` dropped: ${roleOf(s) === 'rollback' ? 'outside a transaction it does nothing' : why}`, location: s.location })),
    };
  }
  return {
    statements: stmts,
    findings: stmts
      .filter((_, i) => roles[i])
      .map((s) => ({
        code: 'transaction-statement',
        severity: 'warning' as const,
        message: `\`${oneLine(s.text)}\` inside the migration: it would end or split the revision's transaction`,
        location: s.location,
        hint: 'remove it, or move the statements around it into a separate migration',
      })),
  };
}

/**
 * 'wrap' when BEGIN … COMMIT blocks hold every statement; 'between' when they pair up but
 * statements stand between them; undefined when they do not pair up (or SAVEPOINT, ROLLBACK, …).
 */
function pairedBlocks(roles: Role[]): 'wrap' | 'between' | undefined {
  let open = false;
  let outside = false;
  for (const r of roles) {
    if (r === 'other' || (r === 'rollback' && open)) return undefined;
    if (r === 'rollback') continue; // after a COMMIT: nothing to roll back
    if (r === 'begin') {
      if (open) return undefined;
      open = true;
    } else if (r === 'commit') {
      if (!open) return undefined;
      open = false;
    } else if (!open) outside = true;
  }
  if (open) return undefined;
  return outside ? 'between' : 'wrap';
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
