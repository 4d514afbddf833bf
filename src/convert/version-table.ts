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
  if (!versionTable || !stmt.node) return r;
  r = noteOtherToolsTable(stmt, r);
  if (!mayName(stmt.text, versionTable)) return r;
  const target = writeTargets(stmt.node).find((t) => t.kind === 'relation' && t.name === versionTable);
  if (!target) return r;
  const message = `${target.verb} ${versionTable}, the table Alembic records its revisions in: converted, it would overwrite Alembic's bookkeeping (and a downgrade would undo it)`;
  const finding: Finding = { code: 'version-table-write', severity: 'error', message, location: stmt.location, hint: `leave it out of the conversion, or rename the legacy table; \`pgmend chain\` and \`alembic stamp\` manage ${versionTable}` };
  const where = `${stmt.location.file}:${stmt.location.line}`;
  return { ...r, down: [{ kind: 'fail', message: `will not undo the write to ${versionTable} at ${where}` }], fate: 'review', how: `writes to ${versionTable}`, findings: [...r.findings, finding] };
}

/** The tables other migration tools record applied migrations in (generic names like `migrations` left out). */
const BOOKKEEPING: Record<string, string> = {
  schema_migrations: 'dbmate, golang-migrate or Rails',
  goose_db_version: 'goose',
  flyway_schema_history: 'Flyway',
  __diesel_schema_migrations: 'diesel',
  _prisma_migrations: 'Prisma',
  _sqlx_migrations: 'sqlx',
  knex_migrations: 'knex',
  knex_migrations_lock: 'knex',
  pgmigrations: 'node-pg-migrate',
  gorp_migrations: 'sql-migrate',
  databasechangelog: 'Liquibase',
  databasechangeloglock: 'Liquibase',
};

const BOOKKEEPING_NAMES = new RegExp(Object.keys(BOOKKEEPING).map(escapeRegExp).join('|'), 'i');

/**
 * A schema dump of a project that another tool migrated creates that tool's history table and
 * fills it: converted, it seeds a history nothing reads once Alembic takes over. Said, not
 * changed: the old tool may still run beside Alembic for a while.
 */
function noteOtherToolsTable(stmt: SqlStatement, r: Rewrite): Rewrite {
  if (!stmt.node || !('CreateStmt' in stmt.node || 'InsertStmt' in stmt.node) || !BOOKKEEPING_NAMES.test(stmt.text)) return r;
  const target = writeTargets(stmt.node).find((t) => t.kind === 'relation' && Object.hasOwn(BOOKKEEPING, t.name));
  if (!target) return r;
  const finding: Finding = {
    code: 'other-tool-history',
    severity: 'warning',
    message: `${target.verb} ${target.name}, the table ${BOOKKEEPING[target.name]} records applied migrations in: once Alembic (alembic_version) takes over, nothing reads it`,
    location: stmt.location,
    hint: 'leave it out of the conversion unless the old tool still runs against this database',
  };
  return { ...r, findings: [...r.findings, finding] };
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
