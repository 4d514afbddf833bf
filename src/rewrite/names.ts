/**
 * Object names as the parser hands them over (already folded: unquoted identifiers are
 * lower-case, quoted ones exact), turned into SQL text and into Definitions keys; type names
 * and function identities spelled one way, as DROP FUNCTION argument lists and keys need them.
 */
import type { CreateFunctionStmt, FunctionParameter, TypeName } from '@pgsql/types';
import type { Node } from '../sql/parser.js';
import { quoteLiteral, quoteQualified } from '../sql/quote.js';
import type { DefinitionKind, Definitions } from './definitions.js';

export interface QualifiedName {
  /** Absent when the user left it to search_path. */
  schema?: string;
  name: string;
}

let defaultSchema = 'public';

/**
 * The schema Definitions keys assume for unqualified names: the first of the search_path the
 * migrations ran with (`public` unless the conversion says otherwise, see withDefaultSchema).
 */
export function unqualifiedSchema(): string {
  return defaultSchema;
}

/** Runs `fn` (synchronous, so no other conversion can interleave) with unqualified names in `schema`. */
export function withDefaultSchema<T>(schema: string, fn: () => T): T {
  const before = defaultSchema;
  defaultSchema = schema;
  try {
    return fn();
  } finally {
    defaultSchema = before;
  }
}

export function fromRangeVar(rv: { schemaname?: string; relname?: string }): QualifiedName {
  return rv.schemaname ? { schema: rv.schemaname, name: rv.relname ?? '' } : { name: rv.relname ?? '' };
}

/** `String` nodes of a name list, e.g. DropStmt objects or CommentStmt targets. */
export function strings(items: Node[] | undefined): string[] {
  return (items ?? []).flatMap((n) => ('String' in n && n.String.sval !== undefined ? [n.String.sval] : []));
}

/** A qualified name list (`[schema,] name`; a leading catalog name is ignored). */
export function fromNameList(items: Node[] | undefined): QualifiedName {
  const parts = strings(items);
  const name = parts[parts.length - 1] ?? '';
  return parts.length >= 2 ? { schema: parts[parts.length - 2]!, name } : { name };
}

/** SQL text for the name, quoted only where Postgres needs it. */
export function sqlName(q: QualifiedName): string {
  return quoteQualified(q.schema, q.name);
}

/** The same schema as `of`, another name (indexes and constraints live in their table's schema). */
export function sibling(of: QualifiedName, name: string): QualifiedName {
  return of.schema ? { schema: of.schema, name } : { name };
}

/** A literal for to_regclass/to_regtype: each part double-quoted, always, so case and dots survive. */
export function regLiteral(q: QualifiedName): string {
  const part = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return quoteLiteral(q.schema ? `${part(q.schema)}.${part(q.name)}` : part(q.name));
}

/** The relation's oid, NULL when it does not exist (never an error), found as Postgres finds it. */
export function regclass(q: QualifiedName): string {
  return `to_regclass(${regLiteral(q)})`;
}

/** The type's oid, NULL when it does not exist. */
export function regtype(q: QualifiedName): string {
  return `to_regtype(${regLiteral(q)})`;
}

/** The oid of the schema named, or (none named) of the first schema of search_path, where CREATE puts things. */
export function namespaceOid(schema: string | undefined): string {
  return schema === undefined ? 'current_schema()::regnamespace' : `(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ${quoteLiteral(schema)})`;
}

/** Definitions key: `schema.name[.sub…]`, with the default schema filled in. */
export function defKey(q: QualifiedName, ...sub: string[]): string {
  let key = `${q.schema ?? defaultSchema}.${q.name}`;
  for (const s of sub) key += `.${s}`;
  return key;
}

/**
 * Re-keys every entry of `kinds` at or under `prefix` through `map`, keeping their order
 * (column order matters when a table is recreated from its columns).
 */
export function rekey(defs: Definitions, kinds: DefinitionKind[], prefix: string, map: (key: string) => string): void {
  for (const kind of kinds) {
    const entries = defs
      .names(kind, prefix)
      .filter((k) => k === prefix || k.startsWith(`${prefix}.`))
      .map((k) => [k, defs.get(kind, k)!] as const);
    for (const [k] of entries) defs.delete(kind, k);
    for (const [k, v] of entries) defs.set(kind, map(k), v);
  }
}

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

export function functionParams(fn: CreateFunctionStmt): FunctionParameter[] {
  return (fn.parameters ?? []).map((p) => (p as { FunctionParameter: FunctionParameter }).FunctionParameter);
}

/** The types that identify a function: IN, INOUT and VARIADIC arguments (OUT and TABLE are results). */
export function inputTypes(fn: CreateFunctionStmt): Array<TypeName | undefined> {
  return functionParams(fn)
    .filter((p) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE')
    .map((p) => p.argType);
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
