/**
 * Object names as the parser hands them over (already folded: unquoted identifiers are
 * lower-case, quoted ones exact), turned into SQL text and into Definitions keys.
 */
import type { Node } from '../sql/parser.js';
import { quoteLiteral, quoteQualified } from '../sql/quote.js';
import type { DefinitionKind, Definitions } from './definitions.js';
import { qualifiedForRegclass } from './guards.js';

export interface QualifiedName {
  /** Absent when the user left it to search_path. */
  schema?: string;
  name: string;
}

/** The schema Definitions keys assume for unqualified names (search_path's usual first entry). */
export const DEFAULT_SCHEMA = 'public';

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

/** A literal for to_regclass/to_regtype: each part quoted so case and dots survive. */
export function regLiteral(q: QualifiedName): string {
  return quoteLiteral(qualifiedForRegclass(q.schema, q.name));
}

/** Definitions key: `schema.name[.sub…]`, with the default schema filled in. */
export function defKey(q: QualifiedName, ...sub: string[]): string {
  return [q.schema ?? DEFAULT_SCHEMA, q.name, ...sub].join('.');
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
