import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { inner, rewrite } from '../edits.js';
import { exists, guardedDo } from '../guards.js';
import { fromNameList, fromRangeVar, functionIdentity, namespaceOid, rekey, sqlName, typeSql, type QualifiedName } from '../names.js';
import { keepForReview } from './keep.js';
import { moveRelation, moveType, namespaceOf, RELATION_WORDS } from './rename.js';
import { retarget } from '../table-defs.js';
import type { Rule } from '../types.js';

const FUNCTION_WORDS: Record<string, string> = { OBJECT_FUNCTION: 'FUNCTION', OBJECT_PROCEDURE: 'PROCEDURE', OBJECT_ROUTINE: 'ROUTINE' };

/**
 * ALTER … SET SCHEMA of a table, view, materialized view, sequence, type, domain, function or
 * procedure → DO guard
 * "it is in its old schema and not yet in the new one". Down moves it back: to the schema the
 * statement named, or (unqualified) to the current schema, which search_path found it in.
 * What pgmend has recorded about the object moves with it.
 * Handles: AlterObjectSchemaStmt.
 */
export const setSchema: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'AlterObjectSchemaStmt');
  const kind = node.objectType ?? '';
  const to = node.newschema ?? '';
  const newNs = namespaceOid(to);
  let words: string;
  let from: QualifiedName;
  let present: (ns: string) => string;
  let argList = ''; // a function's argument types, which name the overload
  if (RELATION_WORDS[kind]) {
    const [w, defKind] = RELATION_WORDS[kind];
    words = w;
    from = fromRangeVar(node.relation ?? {});
    present = (ns) => exists(`SELECT 1 FROM pg_class WHERE relname = ${quoteLiteral(from.name)} AND relnamespace = ${ns}`);
    moveRelation(ctx.defs, defKind, from, { schema: to, name: from.name });
  } else if (kind === 'OBJECT_TYPE' || kind === 'OBJECT_DOMAIN') {
    words = kind === 'OBJECT_TYPE' ? 'TYPE' : 'DOMAIN';
    from = fromNameList(node.object && 'List' in node.object ? node.object.List.items : []);
    present = (ns) => exists(`SELECT 1 FROM pg_type WHERE typname = ${quoteLiteral(from.name)} AND typnamespace = ${ns}`);
    moveType(ctx.defs, words as 'TYPE' | 'DOMAIN', from, { schema: to, name: from.name });
  } else if (FUNCTION_WORDS[kind] && node.object && 'ObjectWithArgs' in node.object) {
    const fn = node.object.ObjectWithArgs;
    words = FUNCTION_WORDS[kind];
    from = fromNameList(fn.objname);
    // With its argument types, that overload; without them (allowed when the name is unique), by name.
    const args = fn.args_unspecified ? undefined : (fn.objargs ?? []).map((a) => ('TypeName' in a ? a.TypeName : undefined));
    // oidvector prints its oids space-separated; a type that does not exist is 0, which matches nothing.
    const oids = args?.map((a) => `coalesce(to_regtype(${quoteLiteral(typeSql(a))})::oid, 0)`).join(', ');
    const types = args ? ` AND proargtypes::text = array_to_string(ARRAY[${oids}]::oid[], ' ')` : '';
    present = (ns) => exists(`SELECT 1 FROM pg_proc WHERE proname = ${quoteLiteral(from.name)} AND pronamespace = ${ns}${types}`);
    if (args) argList = `(${args.map(typeSql).join(', ')})`;
    if (args) {
      const text = ctx.defs.get('function', functionIdentity(from, args).key);
      rekey(ctx.defs, ['function'], functionIdentity(from, args).key, () => functionIdentity({ schema: to, name: from.name }, args).key);
      if (text) ctx.defs.set('function', functionIdentity({ schema: to, name: from.name }, args).key, retarget(text, words as 'FUNCTION' | 'PROCEDURE', { schema: to, name: from.name }));
    }
  } else {
    return keepForReview(stmt, `pgmend has no guard for moving ${kind.replace('OBJECT_', '').toLowerCase()}s to another schema`, 'no-rule');
  }
  // Unqualified, a relation is where search_path finds it (see namespaceOf); a type, the first schema.
  const oldNs = RELATION_WORDS[kind] ? namespaceOf(from) : namespaceOid(from.schema);
  const moved = sqlName({ schema: to, name: from.name }) + argList;
  const back = from.schema
    ? `ALTER ${words} ${moved} SET SCHEMA ${quoteIdent(from.schema)}`
    : `EXECUTE format('ALTER ${words} %s SET SCHEMA %I', ${quoteLiteral(moved)}, current_schema())`;
  const up = guardedDo(`${present(oldNs)} AND NOT ${present(newNs)}`, stmt.text);
  const down = guardedDo(`${present(newNs)} AND NOT ${present(namespaceOid(from.schema))}`, back);
  return rewrite(up, [{ kind: 'sql', sql: down }], 'guarded: in the old schema and not yet in the new one');
};
