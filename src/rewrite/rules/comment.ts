import type { CommentStmt, Node } from '@pgsql/types';
import { quoteLiteral } from '../../sql/quote.js';
import { codeTokens } from '../../sql/tokens.js';
import { keep } from './keep.js';
import { inner } from '../edits.js';
import type { ObjectRef } from '../lookahead.js';
import { defKey, fromNameList, functionIdentity, strings } from '../names.js';
import { guardRewrite, stillThere } from '../rerun-guards.js';
import type { Rule } from '../types.js';

/**
 * COMMENT ON kept (setting a comment twice is harmless). Down restores the comment an earlier
 * COMMENT ON of the same object set, else removes it (IS NULL). A comment on something a later
 * statement of the migration renames or drops is set only while it is there.
 * Handles: CommentStmt.
 */
export const comment: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'CommentStmt');
  const { key, ref } = commented(node);
  const tokens = codeTokens(stmt.text);
  const is = tokens.length - 2; // COMMENT ON <object> IS <literal | NULL>
  const target = stmt.text.slice(tokens[2]!.start, tokens[is - 1]!.end);
  const earlier = ctx.defs.get('comment', key);
  ctx.defs.set('comment', key, node.comment === undefined ? 'NULL' : quoteLiteral(node.comment));
  const kept = keep(stmt, 're-runnable as written', [{ kind: 'sql', sql: `COMMENT ON ${target} IS ${earlier ?? 'NULL'}` }]);
  const condition = ref && stillThere(ctx, ref);
  return guardRewrite(stmt, kept, condition, 'skipped once the object is gone (renamed or dropped later in this migration)');
};

const RELATIONS = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_INDEX', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE']);
const ON_TABLE = new Set(['OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT', 'OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);

/**
 * The commented object's 'comment' key — its kind and its name keyed like the other kinds
 * (an unqualified name is in the default schema, so `t` and `public.t` are one table) — and
 * the object itself where a later rename or drop can take it away.
 */
function commented(node: CommentStmt): { key: string; ref?: ObjectRef } {
  const kind = node.objtype ?? '';
  const object: Node = node.object ?? { List: {} };
  const keyed = (name: string, ref?: ObjectRef) => ({ key: `${kind}:${name}`, ...(ref ? { ref } : {}) });
  if ('List' in object) {
    const items = object.List.items ?? [];
    if (RELATIONS.has(kind)) return keyed(defKey(fromNameList(items)), { kind: 'relation', name: fromNameList(items) });
    if (ON_TABLE.has(kind)) {
      const table = fromNameList(items.slice(0, -1));
      const name = strings(items).at(-1) ?? '';
      const part = kind === 'OBJECT_COLUMN' ? 'column' : kind === 'OBJECT_TABCONSTRAINT' ? 'constraint' : undefined;
      return keyed(defKey(table, name), part && { kind: part, table, name });
    }
    return keyed(defKey(fromNameList(items)));
  }
  if ('TypeName' in object) return keyed(defKey(fromNameList(object.TypeName.names)), { kind: 'type', name: fromNameList(object.TypeName.names) });
  if ('ObjectWithArgs' in object) {
    const { objname, objargs = [] } = object.ObjectWithArgs;
    return keyed(functionIdentity(fromNameList(objname), objargs.map((n) => ('TypeName' in n ? n.TypeName : undefined))).key);
  }
  if ('String' in object) return keyed(object.String.sval ?? '');
  return keyed(JSON.stringify(object, (k, v: unknown) => (k === 'location' ? undefined : v)));
}
