import { quoteLiteral } from '../../sql/quote.js';
import { dropStep, ifNotExists, inner, rewrite } from '../edits.js';
import { guardedDo, notExists } from '../guards.js';
import { defKey, fromNameList, namespaceOid, sqlName, typeSql, type QualifiedName } from '../names.js';
import { keepForReview } from './keep.js';
import { withOrReplace } from './or-replace.js';
import type { Rule } from '../types.js';

/** The Definitions key of an operator: its name and argument types (NONE for a prefix operator's left). */
export function operatorKey(name: QualifiedName, left: string | undefined, right: string | undefined): string {
  return `${defKey(name)}(${left ?? 'NONE'},${right ?? 'NONE'})`;
}

/**
 * CREATE AGGREGATE → OR REPLACE (Postgres ≥ 12); CREATE COLLATION → IF NOT EXISTS; CREATE TEXT
 * SEARCH DICTIONARY / CONFIGURATION / PARSER / TEMPLATE and CREATE OPERATOR → a guard on their
 * catalog in the schema they are created in. Down: DROP … IF EXISTS.
 * Handles: DefineStmt.
 */
export const define: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'DefineStmt');
  const name = fromNameList(node.defnames);
  switch (node.kind) {
    case 'OBJECT_AGGREGATE': {
      const params = ((node.args?.[0] as { List?: { items?: { FunctionParameter?: { argType?: Parameters<typeof typeSql>[0] } }[] } })?.List?.items ?? []).map((p) => typeSql(p.FunctionParameter?.argType));
      const drop = dropStep(`DROP AGGREGATE IF EXISTS ${sqlName(name)}(${params.length ? params.join(', ') : '*'})`);
      if (node.replace) return { up: [{ sql: stmt.text }], down: [drop], fate: 'kept', how: 'already CREATE OR REPLACE', findings: [] };
      return rewrite(withOrReplace(stmt.text), [drop], 'added OR REPLACE');
    }
    case 'OBJECT_COLLATION':
      return ifNotExists(stmt, node.if_not_exists, ['COLLATION'], [dropStep(`DROP COLLATION IF EXISTS ${sqlName(name)}`)], () => {});
    case 'OBJECT_OPERATOR': {
      const arg = (key: string) => {
        const t = node.definition?.map((d) => ('DefElem' in d ? d.DefElem : undefined)).find((d) => d?.defname === key)?.arg;
        return t && 'TypeName' in t ? typeSql(t.TypeName) : undefined;
      };
      const [left, right] = [arg('leftarg'), arg('rightarg')];
      const side = (t: string | undefined) => (t ? `to_regtype(${quoteLiteral(t)})` : '0');
      const exists = `SELECT 1 FROM pg_catalog.pg_operator WHERE oprname = ${quoteLiteral(name.name)} AND oprnamespace = ${namespaceOid(name.schema)} AND oprleft = ${side(left)} AND oprright = ${side(right)} AND oprcode <> 0`;
      const drop = `DROP OPERATOR IF EXISTS ${name.schema ? `${sqlName({ name: name.schema })}.` : ''}${name.name} (${left ?? 'NONE'}, ${right ?? 'NONE'})`;
      const guarded = guardedDo(notExists(exists), stmt.text);
      ctx.defs.set('operator', operatorKey(name, left, right), guarded);
      return rewrite(guarded, [dropStep(drop)], 'guarded on pg_operator');
    }
    default: {
      const search = TEXT_SEARCH[node.kind ?? ''];
      if (!search) return keepForReview(stmt, `pgmend has no rule for CREATE ${(node.kind ?? '').replace('OBJECT_', '')}; kept as written`, 'no-rule');
      const [catalog, column, namespaceColumn, words] = search;
      const exists = `SELECT 1 FROM pg_catalog.${catalog} WHERE ${column} = ${quoteLiteral(name.name)} AND ${namespaceColumn} = ${namespaceOid(name.schema)}`;
      return rewrite(guardedDo(notExists(exists), stmt.text), [dropStep(`DROP ${words} IF EXISTS ${sqlName(name)}`)], `guarded on ${catalog}`);
    }
  }
};

const TEXT_SEARCH: Record<string, [string, string, string, string]> = {
  OBJECT_TSDICTIONARY: ['pg_ts_dict', 'dictname', 'dictnamespace', 'TEXT SEARCH DICTIONARY'],
  OBJECT_TSCONFIGURATION: ['pg_ts_config', 'cfgname', 'cfgnamespace', 'TEXT SEARCH CONFIGURATION'],
  OBJECT_TSPARSER: ['pg_ts_parser', 'prsname', 'prsnamespace', 'TEXT SEARCH PARSER'],
  OBJECT_TSTEMPLATE: ['pg_ts_template', 'tmplname', 'tmplnamespace', 'TEXT SEARCH TEMPLATE'],
};
