import type { Finding } from '../findings.js';
import type { LaterRevisions } from './later-revisions.js';
import type { Node } from '../sql/parser.js';
import type { SqlStatement } from '../sql/split.js';
import type { Definitions } from './definitions.js';

/** A statement the parser accepted. */
export type ParsedStatement = SqlStatement & { node: Node; nodeType: string };

/** One SQL statement to run on upgrade (no trailing `;`). */
export interface UpStep {
  sql: string;
  /** Postgres refuses it inside a transaction block (CREATE INDEX CONCURRENTLY, …). */
  nonTransactional?: boolean;
  /**
   * It creates a LANGUAGE sql function or procedure, whose body Postgres checks against the
   * schema of the moment: the revision runs it with check_function_bodies off (see
   * function-bodies.ts).
   */
  checkedBody?: boolean;
}

/** One step of a downgrade, already in execution order. */
export type DownStep =
  | { kind: 'sql'; sql: string; nonTransactional?: boolean; checkedBody?: boolean }
  /** Leaves the schema as it is on purpose (an extra enum label is harmless); rendered as a comment. */
  | { kind: 'note'; text: string }
  /** Cannot be undone: the generated downgrade raises this message (it names file:line). */
  | { kind: 'fail'; message: string };

export type Fate = 'kept' | 'idempotent' | 'review';

export interface Rewrite {
  up: UpStep[];
  down: DownStep[];
  /** kept: re-runnable as written; idempotent: pgmend changed it; review: a person must look. */
  fate: Fate;
  /** How, in a few words: "added IF NOT EXISTS", "guarded on pg_type", "data change, review". */
  how: string;
  findings: Finding[];
}

export interface RewriteContext {
  /** Target Postgres major version (12–18). */
  pgVersion: number;
  /** What earlier statements defined, for downgrades that must restore it. */
  defs: Definitions;
  /**
   * The statements of the migration this one belongs to and its index among them, so a rule
   * can see what later statements of the same revision do (a table renamed further down must
   * be guarded so that re-running the revision does not create it again).
   */
  migration?: {
    statements: readonly SqlStatement[];
    index: number;
    /**
     * Where this statement's own source migration starts in `statements` (0 unless squashed):
     * session settings its earlier statements changed still hold, those of earlier migrations
     * were restored at their end.
     */
    start?: number;
    /**
     * Every migration's statements, and where the ones after this revision start: a database
     * the chain runs on may already hold what later revisions made (SQL applied by hand).
     */
    later?: LaterRevisions;
  };
}

/** A rule makes one kind of statement idempotent and derives its downgrade. Rules are pure. */
export type Rule = (stmt: ParsedStatement, ctx: RewriteContext) => Rewrite;
