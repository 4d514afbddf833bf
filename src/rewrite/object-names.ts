/**
 * Type names and function identities from the parser's AST, spelled one way: what DROP
 * FUNCTION argument lists and 'function' Definitions keys need. (Belongs beside names.ts.)
 */
import type { TypeName } from '@pgsql/types';
import { quoteQualified } from '../sql/quote.js';
import { defKey, sqlName, strings, type QualifiedName } from './names.js';

/** SQL spellings of pg_catalog's internal type names, as `format_type` prints them. */
const CATALOG_TYPES = new Map(Object.entries({
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  varchar: 'character varying',
  bpchar: 'character',
  numeric: 'numeric',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
  interval: 'interval',
  bit: 'bit',
  varbit: 'bit varying',
}));

/**
 * A type as SQL, without its modifiers (Postgres ignores them in function signatures):
 * `integer`, `character varying[]`, `"My Type"`, `s.t`. Used in DROP FUNCTION argument
 * lists and in function keys, so one function always gets one spelling.
 */
export function typeSql(t: TypeName | undefined): string {
  if (!t) return '';
  const names = strings(t.names);
  // pg_catalog comes first in every search_path, so an unqualified `int4` is the built-in one.
  const builtin = names.length === 1 || names[0] === 'pg_catalog' ? CATALOG_TYPES.get(names[names.length - 1]!) : undefined;
  let base = builtin ?? quoteQualified(...names);
  if (t.pct_type) base += '%TYPE';
  return base + '[]'.repeat(t.arrayBounds?.length ?? 0);
}

/**
 * A function's identity from its input argument types: `sql` names it in DROP FUNCTION
 * (`s.f(integer, text)`), `key` is its Definitions key (`s.f(integer,text)`). DROP FUNCTION's
 * rule can build the same key from ObjectWithArgs.objargs, so a drop forgets the definition.
 */
export function functionIdentity(name: QualifiedName, argTypes: Array<TypeName | undefined>): { sql: string; key: string } {
  const types = argTypes.map(typeSql);
  return { sql: `${sqlName(name)}(${types.join(', ')})`, key: `${defKey(name)}(${types.join(',')})` };
}
