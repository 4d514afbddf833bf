import type { Finding } from '../findings.js';
import type { SqlStatement } from '../sql/split.js';

type Role = 'begin' | 'commit' | 'other' | undefined;

function roleOf(stmt: SqlStatement): Role {
  const kind = (stmt.node as { TransactionStmt?: { kind?: string } } | undefined)?.TransactionStmt?.kind;
  if (!kind) return undefined;
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return 'begin';
  if (kind === 'TRANS_STMT_COMMIT') return 'commit';
  return 'other'; // ROLLBACK, SAVEPOINT, RELEASE, PREPARE TRANSACTION, …
}

/**
 * A revision runs in one transaction, so BEGIN/COMMIT that wrap a file's statements are
 * dropped (each reported): one `BEGIN … COMMIT` around everything, or several such blocks one
 * after another with nothing between them. Any other transaction statement stays where it is
 * with a warning: it would end or split the revision's transaction.
 */
export function unwrapTransactions(stmts: SqlStatement[]): { statements: SqlStatement[]; findings: Finding[] } {
  const roles = stmts.map(roleOf);
  if (!roles.some((r) => r)) return { statements: stmts, findings: [] };
  if (isWrapped(roles)) {
    return {
      statements: stmts.filter((_, i) => !roles[i]),
      findings: stmts
        .filter((_, i) => roles[i])
        .map((s) => ({
          code: 'transaction-dropped',
          severity: 'info' as const,
          message: `\`${oneLine(s.text)}\` dropped: the revision runs in its own transaction`,
          location: s.location,
        })),
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

function isWrapped(roles: Role[]): boolean {
  let open = false;
  for (const r of roles) {
    if (r === 'other') return false;
    if (r === 'begin') {
      if (open) return false;
      open = true;
    } else if (r === 'commit') {
      if (!open) return false;
      open = false;
    } else if (!open) return false; // a statement outside every block
  }
  return !open;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
