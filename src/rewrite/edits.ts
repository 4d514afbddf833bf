/**
 * Small building blocks shared by the rules: insert words after a keyword sequence of the
 * user's text, and assemble a Rewrite.
 */
import type { Finding } from '../findings.js';
import type { Node } from '../sql/parser.js';
import { codeTokens, findKeywords, insertWordsAfter } from '../sql/tokens.js';
import type { DownStep, ParsedStatement, Rewrite, UpStep } from './types.js';

/**
 * `text` with `words` inserted after the first occurrence of the keyword sequence `anchor`
 * (e.g. IF NOT EXISTS after CREATE … TABLE), or undefined when the anchor is not there.
 */
export function insertAfterKeywords(text: string, anchor: string[], words: string): string | undefined {
  const tokens = codeTokens(text);
  const at = findKeywords(tokens, anchor);
  return at < 0 ? undefined : insertWordsAfter(text, tokens, at + anchor.length - 1, words);
}

export function rewrite(up: string | UpStep[], down: DownStep[], how: string, findings: Finding[] = []): Rewrite {
  return { up: typeof up === 'string' ? [{ sql: up }] : up, down, fate: 'idempotent', how, findings };
}

export const dropStep = (sql: string): DownStep => ({ kind: 'sql', sql });

export function info(stmt: ParsedStatement, code: string, message: string): Finding {
  return { code, severity: 'info', message, location: stmt.location };
}

export function warning(stmt: ParsedStatement, code: string, message: string, hint?: string): Finding {
  return { code, severity: 'warning', message, location: stmt.location, ...(hint ? { hint } : {}) };
}

/**
 * The CREATE … IF NOT EXISTS rules: kept when the guard is already there, else inserted after
 * `anchor`; `record` gets the idempotent text so later downgrades can recreate the object.
 */
export function ifNotExists(
  stmt: ParsedStatement,
  already: boolean | undefined,
  anchor: string[],
  down: DownStep[],
  record: (sql: string) => void,
): Rewrite {
  const sql = already ? stmt.text : insertAfterKeywords(stmt.text, anchor, 'IF NOT EXISTS');
  if (sql === undefined) return { up: [{ sql: stmt.text }], down, fate: 'review', how: 'could not place IF NOT EXISTS', findings: [warning(stmt, 'needs-review', `could not find ${anchor.join(' ')} to add IF NOT EXISTS; kept as written`)] };
  record(sql);
  if (already) return { up: [{ sql }], down, fate: 'kept', how: 'already IF NOT EXISTS', findings: [] };
  return rewrite(sql, down, 'added IF NOT EXISTS');
}

type NodeKey = Node extends infer N ? (N extends unknown ? keyof N : never) : never;

/** The typed body of a statement node: `inner(stmt, 'CreateStmt')` for `{ CreateStmt: {...} }`. */
export function inner<K extends NodeKey>(stmt: ParsedStatement, key: K): Extract<Node, Record<K, unknown>>[K] {
  return (stmt.node as Record<string, unknown>)[key] as Extract<Node, Record<K, unknown>>[K];
}
