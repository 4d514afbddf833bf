/**
 * What the OR REPLACE rules (functions, procedures, views) share: the statement with OR REPLACE,
 * recorded so a later one can be undone; down restores the earlier definition, or drops. When
 * OR REPLACE cannot make the change, the object is dropped first (and on the way down, if the
 * reverse change needs it too).
 */
import type { Finding } from '../../findings.js';
import { applyEdits, codeTokens, insertAfter } from '../../sql/tokens.js';
import type { Node } from '../../sql/parser.js';
import type { SqlStatement } from '../../sql/split.js';
import type { DefinitionKind } from '../definitions.js';
import { guardedDo, notExists } from '../guards.js';
import type { ParsedStatement, Rewrite, RewriteContext } from '../types.js';

/** What replacing the earlier definition takes. */
export interface Replacement {
  recreateUp: boolean;
  recreateDown: boolean;
  /** Said when the object is recreated: "dropped and recreated (…)". */
  how: string;
  findings: Finding[];
  /**
   * pgmend cannot tell whether OR REPLACE can make the change (a view's `SELECT *`, `t.*`:
   * Postgres expands the star when the statement runs, against the table as it is then).
   */
  unknown?: boolean;
}

/** The key of the object a statement defines when it defines one of this kind (a module-level function: it keys a cache). */
export type KeyIn = (node: Node) => string | undefined;

export interface Replaceable {
  kind: DefinitionKind;
  key: string;
  /** The statement says OR REPLACE already. */
  replace: boolean | undefined;
  dropSql: string;
  /** Compares the new definition with the earlier one. */
  change: (earlier: string) => Replacement;
  /** The key of the object a statement of this kind defines (to find later definitions). */
  keyIn?: KeyIn;
  /** A catalog query that finds the object (needed with keyIn). */
  existsSql?: string;
  /**
   * A condition true while the object is not yet in the form `later` defines it (a view
   * without a column only that definition gives it), if one can be told.
   */
  notYetIn?: (later: string) => string | undefined;
}

export function orReplace(stmt: ParsedStatement, ctx: RewriteContext, o: Replaceable): Rewrite {
  const create = o.replace ? stmt.text : withOrReplace(stmt.text);
  const earlier = ctx.defs.get(o.kind, o.key);
  const redefined = redefinedLater(stmt, ctx, o);
  ctx.defs.set(o.kind, o.key, create);
  if (redefined) return redefined;
  const change = earlier === undefined ? undefined : o.change(earlier);
  const up = [...(change?.recreateUp ? [o.dropSql] : []), create];
  const down = earlier === undefined ? [o.dropSql] : [...(change?.recreateDown ? [o.dropSql] : []), earlier];
  const unchanged = o.replace && !change?.recreateUp;
  return {
    up: up.map((sql) => ({ sql })),
    down: down.map((sql) => ({ kind: 'sql', sql })),
    fate: unchanged ? 'kept' : 'idempotent',
    how: unchanged ? 'already CREATE OR REPLACE' : change?.recreateUp ? change.how : 'added OR REPLACE',
    findings: change?.findings ?? [],
  };
}

/**
 * Run again, a revision's statement meets the object as the revision's LAST definition of it
 * left it. When this definition cannot replace that one (a view losing columns, a function
 * changing its result), a plain CREATE of an object pgmend saw nowhere before runs only while
 * the object is missing; any other is dropped and created again.
 */
function redefinedLater(stmt: ParsedStatement, ctx: RewriteContext, o: Replaceable): Rewrite | undefined {
  const { statements, index } = ctx.migration ?? { statements: [], index: 0 };
  if (!o.keyIn || !o.existsSql) return undefined; // replacing never fails for this kind
  const at = lastDefinitions(statements, o.keyIn).get(o.key);
  const last = at !== undefined && at > index ? statements[at]!.text : undefined;
  const change = last === undefined ? undefined : o.change(last);
  const first = ctx.defs.get(o.kind, o.key) === undefined;
  if (!change || !(change.recreateUp || (change.unknown && first))) return redefinedInLaterRevision(stmt, ctx, o);
  const location = stmt.location;
  if (!o.replace && first) {
    const message = `${o.kind} ${o.key} is defined again further on in this revision in a way this definition ${cannotReplace(change)}: it is created only while missing, so a re-run keeps the later definition`;
    return { up: [{ sql: guardedDo(notExists(o.existsSql), stmt.text) }], down: [{ kind: 'sql', sql: o.dropSql }], fate: 'idempotent', how: 'created only while missing (defined again further on)', findings: [{ code: 'redefined-later', severity: 'info', message, location }] };
  }
  const earlier = ctx.defs.get(o.kind, o.key);
  const create = o.replace ? stmt.text : withOrReplace(stmt.text);
  const message = `${o.kind} ${o.key} is defined again further on in this revision in a way this definition cannot replace: it is dropped and created again, so a re-run starts from this definition (objects depending on it block the drop)`;
  return {
    up: [{ sql: o.dropSql }, { sql: create }],
    down: [o.dropSql, ...(earlier === undefined ? [] : [earlier])].map((sql) => ({ kind: 'sql' as const, sql })),
    fate: 'idempotent',
    how: 'dropped and recreated (defined again further on)',
    findings: [{ code: 'redefined-later', severity: 'warning', message, location }],
  };
}

/**
 * A later revision defines the object in a way this definition cannot replace: on a database
 * already at that revision (the chain run where the SQL was applied by hand, or after `alembic
 * stamp base`), replacing it fails. The first definition these files make of the object (a
 * plain CREATE, or one the source wrote with OR REPLACE) runs only while the object is missing.
 */
function redefinedInLaterRevision(stmt: ParsedStatement, ctx: RewriteContext, o: Replaceable): Rewrite | undefined {
  const later = ctx.migration?.later;
  if (!later || !o.keyIn || !o.existsSql) return undefined;
  const k = lastMigrationDefining(later.migrations, o.keyIn).get(o.key);
  if (k === undefined || k < later.from) return undefined;
  const statements = later.migrations[k]!;
  const text = statements[lastDefinitions(statements, o.keyIn).get(o.key)!]!.text;
  const change = o.change(text);
  if (!change.recreateUp && !change.unknown) return undefined;
  const where = statements[0]?.location.file ?? 'a later revision';
  if (ctx.defs.get(o.kind, o.key) === undefined) {
    const message = `${o.kind} ${o.key} is defined again in ${where} in a way this definition ${cannotReplace(change)}: it is created only while missing, so running the chain on a database that already has the later definition keeps it`;
    return { up: [{ sql: guardedDo(notExists(o.existsSql), stmt.text) }], down: [{ kind: 'sql', sql: o.dropSql }], fate: 'idempotent', how: 'created only while missing (defined again in a later revision)', findings: [{ code: 'redefined-later', severity: 'info', message, location: stmt.location }] };
  }
  // A later definition of an object defined before: replace it only while the later form is not there yet.
  const condition = o.notYetIn?.(text);
  if (!condition) return undefined;
  const earlier = ctx.defs.get(o.kind, o.key)!;
  const create = o.replace ? stmt.text : withOrReplace(stmt.text);
  const back = o.change(earlier); // replacing the earlier definition, as the revision first ran
  const message = `${o.kind} ${o.key} is defined again in ${where} in a way this definition ${cannotReplace(change)}: it is replaced only while the later definition is not there yet, so running the chain on a database that already has it keeps it`;
  return {
    up: [{ sql: guardedDo(condition, back.recreateUp ? `${o.dropSql};\n${create}` : create) }],
    down: [...(back.recreateDown ? [o.dropSql] : []), earlier].map((sql) => ({ kind: 'sql' as const, sql })),
    fate: 'idempotent',
    how: 'replaced only while not yet in its later form (defined again in a later revision)',
    findings: [...back.findings, { code: 'redefined-later', severity: 'info', message, location: stmt.location }],
  };
}

/** How the message says why the later definition may not be replaceable by this one. */
const cannotReplace = (change: Replacement): string =>
  change.recreateUp ? 'cannot replace' : 'may not replace (pgmend cannot list the columns of a SELECT *)';

const LAST_MIGRATION = new WeakMap<readonly (readonly SqlStatement[])[], Map<KeyIn, Map<string, number>>>();

/** Per object key, the last migration defining it (one scan of the run per kind). */
function lastMigrationDefining(migrations: readonly (readonly SqlStatement[])[], keyIn: KeyIn): Map<string, number> {
  let byKind = LAST_MIGRATION.get(migrations);
  if (!byKind) LAST_MIGRATION.set(migrations, (byKind = new Map()));
  let last = byKind.get(keyIn);
  if (!last) {
    last = new Map();
    for (const [k, statements] of migrations.entries()) {
      for (const s of statements) {
        const key = s.node && keyIn(s.node);
        if (key !== undefined) last.set(key, k);
      }
    }
    byKind.set(keyIn, last);
  }
  return last;
}

const LAST_DEFINITIONS = new WeakMap<readonly SqlStatement[], Map<KeyIn, Map<string, number>>>();

/** Per object key, the index of the migration's last statement defining it (one scan per migration and kind). */
function lastDefinitions(statements: readonly SqlStatement[], keyIn: KeyIn): Map<string, number> {
  let byKind = LAST_DEFINITIONS.get(statements);
  if (!byKind) LAST_DEFINITIONS.set(statements, (byKind = new Map()));
  let last = byKind.get(keyIn);
  if (!last) {
    last = new Map();
    for (let i = 0; i < statements.length; i++) {
      const node = statements[i]!.node;
      const key = node && keyIn(node);
      if (key !== undefined) last.set(key, i);
    }
    byKind.set(keyIn, last);
  }
  return last;
}

/** `CREATE …` → `CREATE OR REPLACE …` (in the user's letter case), the rest byte for byte. */
export function withOrReplace(sql: string): string {
  const tokens = codeTokens(sql);
  if (tokens[1]?.keyword === 'OR') return sql;
  const lower = tokens[0]!.text === tokens[0]!.text.toLowerCase();
  return applyEdits(sql, [insertAfter(tokens, 0, lower ? 'or replace' : 'OR REPLACE')]);
}
