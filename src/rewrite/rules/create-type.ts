import type { CompositeTypeStmt, CreateEnumStmt, CreateRangeStmt } from '@pgsql/types';
import { quoteLiteral } from '../../sql/quote.js';
import { dropStep, rewrite } from '../edits.js';
import { guardedDo, notExists } from '../guards.js';
import { defKey, fromNameList, fromRangeVar, sqlName, type QualifiedName } from '../names.js';
import { guardCreate } from '../rerun-guards.js';
import type { ParsedStatement, Rewrite, RewriteContext, Rule } from '../types.js';

/**
 * CREATE TYPE (enum, composite, range) → pg_type guard.
 * Handles: CreateEnumStmt, CompositeTypeStmt, CreateRangeStmt.
 */
export const createType: Rule = (stmt, ctx) => {
  const name = typeName(stmt);
  ctx.defs.set('type', defKey(name), stmt.text);
  return guardedTypeCreate(stmt, ctx, name, 'TYPE');
};

function typeName(stmt: ParsedStatement): QualifiedName {
  const node = stmt.node as { CreateEnumStmt?: CreateEnumStmt; CompositeTypeStmt?: CompositeTypeStmt; CreateRangeStmt?: CreateRangeStmt };
  if (node.CompositeTypeStmt) return fromRangeVar(node.CompositeTypeStmt.typevar ?? {});
  return fromNameList((node.CreateEnumStmt ?? node.CreateRangeStmt)?.typeName);
}

/**
 * `DO … IF NOT EXISTS (a type of that name in that schema) THEN CREATE …`. An unqualified
 * type goes to the current schema (the first existing schema of search_path), so the guard
 * looks there. Types, domains and tables share pg_type's names, so any match blocks the CREATE.
 * A type renamed later in the migration is also looked for under its later names.
 * Down: DROP TYPE / DOMAIN IF EXISTS.
 */
export function guardedTypeCreate(stmt: ParsedStatement, ctx: RewriteContext, name: QualifiedName, kind: 'TYPE' | 'DOMAIN'): Rewrite {
  const schema = name.schema === undefined ? 'current_schema()' : quoteLiteral(name.schema);
  const exists =
    'SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace' +
    ` WHERE t.typname = ${quoteLiteral(name.name)} AND n.nspname = ${schema}`;
  const created = rewrite(guardedDo(notExists(exists), stmt.text), [dropStep(`DROP ${kind} IF EXISTS ${sqlName(name)}`)], 'guarded on pg_type');
  return guardCreate(stmt, ctx, created, { kind: 'type', name });
}
