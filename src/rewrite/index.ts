import type { Finding } from '../findings.js';
import type { SqlStatement } from '../sql/split.js';
import { keepForReview, where } from './rules/keep.js';
import { createTable } from './rules/create-table.js';
import { createTableAs } from './rules/create-table-as.js';
import { createIndex } from './rules/create-index.js';
import { createSequence } from './rules/create-sequence.js';
import { createSchema } from './rules/create-schema.js';
import { createExtension } from './rules/create-extension.js';
import { createFunction } from './rules/create-function.js';
import { createView } from './rules/create-view.js';
import { createTrigger } from './rules/create-trigger.js';
import { createType } from './rules/create-type.js';
import { createDomain } from './rules/create-domain.js';
import { createPolicy } from './rules/create-policy.js';
import { alterPolicy } from './rules/alter-policy.js';
import { createRole } from './rules/create-role.js';
import { alterTable } from './rules/alter-table.js';
import { rename } from './rules/rename.js';
import { alterEnum } from './rules/alter-enum.js';
import { insert } from './rules/insert.js';
import { dataChange } from './rules/data-change.js';
import { update } from './rules/update.js';
import { grant } from './rules/grant.js';
import { comment } from './rules/comment.js';
import { drop } from './rules/drop.js';
import { sessionSetting } from './rules/session-setting.js';
import { alterSequence } from './rules/alter-sequence.js';
import { reRunnable } from './rules/re-runnable.js';
import { setSchema } from './rules/set-schema.js';
import { define } from './rules/define.js';
import { alterDomain } from './rules/alter-domain.js';
import { createForeignDataWrapper, createForeignServer, createForeignTable, createUserMapping } from './rules/foreign-data.js';
import { createStatistics } from './rules/create-statistics.js';
import { createRule } from './rules/create-rule.js';
import { createCast, createEventTrigger, createPublication } from './rules/create-catalog-object.js';
import { alterFunction } from './rules/alter-function.js';
import { createDatabase } from './rules/database.js';
import { frozenDefaults } from './frozen-default.js';
import { guardRewrite, guardUses } from './rerun-guards.js';
import { newerSyntax } from './version-features.js';
import { notYetRenamed } from './created-later.js';
import { markCheckedBodies } from './function-bodies.js';
import type { ParsedStatement, Rewrite, RewriteContext, Rule } from './types.js';
import { useLexed } from '../sql/tokens.js';
import { alterPublication } from './rules/alter-publication.js';
import { deleteRows } from './rules/delete.js';
import { dropRole } from './rules/drop-role.js';

export type { DownStep, Fate, ParsedStatement, Rewrite, RewriteContext, Rule, UpStep } from './types.js';
export { Definitions } from './definitions.js';
export { withDefaultSchema } from './names.js';

/** Which rule handles which parser node. A newcomer finds a rule by its file name in rules/. */
export const RULES: Record<string, Rule> = {
  CreateStmt: createTable,
  CreateTableAsStmt: createTableAs,
  IndexStmt: createIndex,
  CreateSeqStmt: createSequence,
  CreateSchemaStmt: createSchema,
  CreateExtensionStmt: createExtension,
  CreateFunctionStmt: createFunction,
  ViewStmt: createView,
  CreateTrigStmt: createTrigger,
  CreateEnumStmt: createType,
  CompositeTypeStmt: createType,
  CreateRangeStmt: createType,
  CreateDomainStmt: createDomain,
  CreatePolicyStmt: createPolicy,
  AlterPolicyStmt: alterPolicy,
  CreateRoleStmt: createRole,
  DropRoleStmt: dropRole,
  AlterTableStmt: alterTable,
  RenameStmt: rename,
  AlterEnumStmt: alterEnum,
  InsertStmt: insert,
  UpdateStmt: update,
  DeleteStmt: deleteRows,
  DoStmt: dataChange,
  SelectStmt: dataChange,
  MergeStmt: dataChange,
  CopyStmt: dataChange,
  GrantStmt: grant,
  GrantRoleStmt: grant,
  AlterDefaultPrivilegesStmt: grant,
  CommentStmt: comment,
  DropStmt: drop,
  VariableSetStmt: sessionSetting,
  AlterSeqStmt: alterSequence,
  TruncateStmt: dataChange,
  AlterObjectSchemaStmt: setSchema,
  DefineStmt: define,
  AlterDomainStmt: alterDomain,
  CreateFdwStmt: createForeignDataWrapper,
  CreateForeignServerStmt: createForeignServer,
  CreateUserMappingStmt: createUserMapping,
  CreateForeignTableStmt: createForeignTable,
  CreateStatsStmt: createStatistics,
  RuleStmt: createRule,
  CreateEventTrigStmt: createEventTrigger,
  CreatePublicationStmt: createPublication,
  AlterPublicationStmt: alterPublication,
  CreateCastStmt: createCast,
  AlterOwnerStmt: reRunnable,
  AlterFunctionStmt: alterFunction,
  AlterRoleStmt: reRunnable,
  AlterRoleSetStmt: reRunnable,
  AlterDatabaseSetStmt: reRunnable,
  SecLabelStmt: reRunnable,
  AlterExtensionStmt: reRunnable,
  RefreshMatViewStmt: reRunnable,
  LockStmt: reRunnable,
  NotifyStmt: reRunnable,
  ClusterStmt: reRunnable,
  CheckPointStmt: reRunnable,
  VacuumStmt: reRunnable,
  ReindexStmt: reRunnable,
  AlterSystemStmt: reRunnable,
  AlterOperatorStmt: reRunnable,
  CreatedbStmt: createDatabase,
  LoadStmt: reRunnable,
  DiscardStmt: reRunnable,
};

/**
 * Rewrites one statement as an idempotent one and derives its downgrade. Never drops a
 * statement: what no rule covers is kept verbatim and flagged for review. A statement using
 * something a later statement of its migration renames or drops runs only while it is there.
 * Steps creating a LANGUAGE sql function are marked to run with their body unchecked.
 */
export function rewriteStatement(stmt: SqlStatement, ctx: RewriteContext): Rewrite {
  useLexed(stmt.text, stmt.lexed);
  if (!stmt.node || !stmt.nodeType) return unparsed(stmt);
  const parsed = stmt as ParsedStatement;
  const rule = RULES[parsed.nodeType];
  if (!rule) return keepForReview(parsed, `pgmend has no rule for ${parsed.nodeType}; kept as written`, 'no-rule');
  const rewrite = guardUses(parsed, ctx, rule(parsed, ctx));
  const checked = tooNewFor(parsed, ctx.pgVersion, guardRewrite(parsed, rewrite, notYetRenamed(ctx, parsed), 'skipped once it exists under its later name'));
  const frozen = frozenDefaults(parsed);
  const marked = markCheckedBodies(parsed, ctx, checked);
  return frozen.length ? { ...marked, findings: [...marked.findings, ...frozen] } : marked;
}

/** The source's own syntax, checked against the target version (rules check what they add). */
function tooNewFor(stmt: ParsedStatement, pgVersion: number, rewrite: Rewrite): Rewrite {
  const newer = newerSyntax(stmt.node);
  if (!newer || newer.since <= pgVersion) return rewrite;
  const message = `${newer.feature} needs Postgres ${newer.since}; the target is ${pgVersion}`;
  const finding: Finding = { code: 'needs-newer-postgres', severity: 'error', message, location: stmt.location, hint: `rewrite it for Postgres ${pgVersion}, or raise --pg-version` };
  return { ...rewrite, fate: 'review', how: message, findings: [...rewrite.findings, finding] };
}

/** A statement Postgres's parser rejects is kept (so nothing is lost) and reported as an error. */
function unparsed(stmt: SqlStatement): Rewrite {
  const finding: Finding = {
    code: 'parse-error',
    severity: 'error',
    message: `Postgres cannot parse this statement: ${stmt.error?.message ?? 'unknown error'}`,
    location: stmt.error?.location ?? stmt.location,
    hint: 'fix the SQL (or remove it from the source) and convert again',
  };
  return {
    up: [{ sql: stmt.text }],
    down: [{ kind: 'fail', message: `cannot undo unparsable statement at ${where(stmt as ParsedStatement)}` }],
    fate: 'review',
    how: 'does not parse; kept as written',
    findings: [finding],
  };
}
