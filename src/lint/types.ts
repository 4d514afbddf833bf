import type { Severity } from '../findings.js';
import type { SourceLocation } from '../source.js';
import type { SqlStatement } from '../sql/split.js';
import type { CheckPolarity, OpCall, Phase } from './python/revision.js';
import type { Protection } from './protection.js';
import type { Catalog } from './resolve.js';

export type { Phase } from './python/revision.js';

/** One lint finding: always with file:line:col, a consequence and a fix. */
export interface LintFinding {
  code: string;
  severity: Severity;
  /** Path relative to the working directory, with `/` separators. */
  file: string;
  line: number;
  column: number;
  message: string;
  hint: string;
}

export interface LintReport {
  findings: LintFinding[];
  /** Files read, relative paths, sorted. */
  files: string[];
  /** Where unqualified names were resolved from. */
  searchPath: { schemas: string[]; from: 'db' | 'default' };
}

/** A SQL statement a migration runs: in a .sql file, or in the string passed to op.execute. */
export interface SqlAction {
  kind: 'sql';
  stmt: SqlStatement;
  phase: Phase;
  /** Runs outside a transaction (autocommit_block). */
  autocommit: boolean;
  /** Runs inside catalog checks of the file (see OpCall.checked). */
  checked?: CheckPolarity[];
  /** It runs only on another database (see OpCall.dialectTested). */
  dialectTested?: boolean;
  /** The names its catalog checks test, whether it runs under a condition, and its block (see OpCall). */
  checkedNames?: string[];
  conditional?: boolean;
  block?: number;
}

/** An Alembic operation call (`op.add_column(...)`, `batch_op.drop_column(...)`). */
export interface OpAction {
  kind: 'op';
  call: OpCall;
  location: SourceLocation;
  phase: Phase;
  autocommit: boolean;
  /** The table the operation writes to, where its name and schema are static strings. */
  table?: { schema?: string; name: string };
}

export type Action = SqlAction | OpAction;

/** One migration file, read into the actions it runs. */
export interface LintUnit {
  file: string;
  kind: 'alembic' | 'sql';
  actions: Action[];
  /** Alembic only: where upgrade()/downgrade() are, and whether their bodies do anything. */
  functions?: Partial<Record<'upgrade' | 'downgrade', { location: SourceLocation; empty: boolean }>>;
  /** .sql only: the file says its tool runs it outside a transaction (dbmate, goose markers). */
  noTransaction?: boolean;
  /**
   * Alembic only: what runs only on another database (under `if dialect == 'sqlite':`, in the
   * `else:` of a Postgres test, after `if dialect != 'mysql': return`). No rule checks it;
   * SQL Postgres cannot parse there is a note.
   */
  elsewhere?: Action[];
  /** Problems found while reading (SQL that cannot be read statically or parsed). */
  findings: LintFinding[];
}

export interface LintContext {
  protection: Protection;
  catalog: Catalog;
  /** Target Postgres major version (from --db, else --pg-version). */
  pgVersion: number;
}

/** A lint rule: its file name under rules/ is its code. */
export interface LintRule {
  code: string;
  severity: Severity;
  /** One sentence for SARIF's rule list and the README. */
  description: string;
  check(unit: LintUnit, ctx: LintContext): LintFinding[];
}

export function finding(rule: Pick<LintRule, 'code' | 'severity'>, at: SourceLocation, message: string, hint: string): LintFinding {
  return { code: rule.code, severity: rule.severity, file: at.file, line: at.line, column: at.column, message, hint };
}
