import type { Finding } from '../findings.js';
import { writeTargets } from '../lint/targets.js';
import type { Rewrite } from '../rewrite/index.js';
import type { SqlStatement } from '../sql/split.js';
import { escapeRegExp } from '../regexp.js';

/**
 * A legacy migration that writes to the table the migration tool keeps its own revisions in
 * (an old Alembic setup's `alembic_version`, say) would, converted, overwrite Alembic's
 * bookkeeping on upgrade and drop it on downgrade. The statement is kept (nothing is dropped
 * silently) but sent for review with an error, and its downgrade refuses to touch the table.
 */
export function guardVersionTable(stmt: SqlStatement, r: Rewrite, versionTable: string | undefined): Rewrite {
  if (!versionTable || !stmt.node || !mayName(stmt.text, versionTable)) return r;
  const target = writeTargets(stmt.node).find((t) => t.kind === 'relation' && t.name === versionTable);
  if (!target) return r;
  const message = `${target.verb} ${versionTable}, the table Alembic records its revisions in: converted, it would overwrite Alembic's bookkeeping (and a downgrade would undo it)`;
  const finding: Finding = { code: 'version-table-write', severity: 'error', message, location: stmt.location, hint: `leave it out of the conversion, or rename the legacy table; \`pgmend chain\` and \`alembic stamp\` manage ${versionTable}` };
  const where = `${stmt.location.file}:${stmt.location.line}`;
  return { ...r, down: [{ kind: 'fail', message: `will not undo the write to ${versionTable} at ${where}` }], fate: 'review', how: `writes to ${versionTable}`, findings: [...r.findings, finding] };
}

let mentions: { table: string; pattern: RegExp } | undefined;

/**
 * Whether the text can name the table at all: most statements do not, and a case-blind search
 * costs less than listing what each writes to. A Unicode-escaped identifier (U&"…") is always
 * looked at closer.
 */
function mayName(text: string, table: string): boolean {
  if (mentions?.table !== table) mentions = { table, pattern: new RegExp(`${escapeRegExp(table)}|U&`, 'i') };
  return mentions.pattern.test(text);
}
