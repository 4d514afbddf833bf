import { quoteLiteral } from '../../sql/quote.js';
import { codeTokens } from '../../sql/tokens.js';
import { keep } from './keep.js';
import { inner } from '../edits.js';
import type { DefinitionKind } from '../definitions.js';
import type { Rule } from '../types.js';

/**
 * COMMENT ON kept (setting a comment twice is harmless). Down restores the comment an earlier
 * COMMENT ON of the same object set, else removes it (IS NULL).
 * Handles: CommentStmt.
 */
export const comment: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'CommentStmt');
  const key = JSON.stringify([node.objtype, withoutLocations(node.object)]);
  const tokens = codeTokens(stmt.text);
  const is = tokens.length - 2; // COMMENT ON <object> IS <literal | NULL>
  const target = stmt.text.slice(tokens[2]!.start, tokens[is - 1]!.end);
  const earlier = ctx.defs.get(COMMENT, key);
  ctx.defs.set(COMMENT, key, node.comment === undefined ? 'NULL' : quoteLiteral(node.comment));
  return keep(stmt, 're-runnable as written', [{ kind: 'sql', sql: `COMMENT ON ${target} IS ${earlier ?? 'NULL'}` }]);
};

/**
 * Comments are recorded by object; Definitions has no 'comment' kind yet (its keys here are
 * JSON of the parsed object, which never collide with other kinds' names).
 */
const COMMENT: DefinitionKind = 'comment';

function withoutLocations(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutLocations);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'location').map(([k, x]) => [k, withoutLocations(x)]));
  return v;
}
