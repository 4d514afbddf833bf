/**
 * What the OR REPLACE rules (functions, procedures, views) share: the statement with OR REPLACE,
 * recorded so a later one can be undone; down restores the earlier definition, or drops. When
 * OR REPLACE cannot make the change, the object is dropped first (and on the way down, if the
 * reverse change needs it too).
 */
import type { Finding } from '../../findings.js';
import { applyEdits, codeTokens, insertAfter } from '../../sql/tokens.js';
import type { DefinitionKind } from '../definitions.js';
import type { ParsedStatement, Rewrite, RewriteContext } from '../types.js';

/** What replacing the earlier definition takes. */
export interface Replacement {
  recreateUp: boolean;
  recreateDown: boolean;
  /** Said when the object is recreated: "dropped and recreated (…)". */
  how: string;
  findings: Finding[];
}

export interface Replaceable {
  kind: DefinitionKind;
  key: string;
  /** The statement says OR REPLACE already. */
  replace: boolean | undefined;
  dropSql: string;
  /** Compares the new definition with the earlier one. */
  change: (earlier: string) => Replacement;
}

export function orReplace(stmt: ParsedStatement, ctx: RewriteContext, o: Replaceable): Rewrite {
  const create = o.replace ? stmt.text : withOrReplace(stmt.text);
  const earlier = ctx.defs.get(o.kind, o.key);
  ctx.defs.set(o.kind, o.key, create);
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

/** `CREATE …` → `CREATE OR REPLACE …` (in the user's letter case), the rest byte for byte. */
export function withOrReplace(sql: string): string {
  const tokens = codeTokens(sql);
  if (tokens[1]?.keyword === 'OR') return sql;
  const lower = tokens[0]!.text === tokens[0]!.text.toLowerCase();
  return applyEdits(sql, [insertAfter(tokens, 0, lower ? 'or replace' : 'OR REPLACE')]);
}
