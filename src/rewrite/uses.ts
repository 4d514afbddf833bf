/**
 * What a statement uses, read from its parse tree: the relations and types it names, and the
 * columns it names for sure. Only for statements a DO block can hold, since a use of
 * something a later statement renames or drops is guarded in one (see rerun-guards.ts).
 */
import type { CreateFunctionStmt, TypeName } from '@pgsql/types';
import type { Node } from '../sql/parser.js';
import type { ObjectRef } from './lookahead.js';
import { fromNameList, fromRangeVar, functionParams, strings } from './names.js';
import { columnRefs } from './naming.js';
import type { ParsedStatement } from './types.js';

/**
 * Statements that can run inside a DO block (no SELECT, whose rows PL/pgSQL refuses to throw
 * away; no COPY, VACUUM or CONCURRENTLY), mapped to the field naming what they create, which
 * is not a use. DROP and RENAME carry their own existence checks.
 */
const USERS: Record<string, string | undefined> = {
  CreateStmt: 'relation',
  CreateTableAsStmt: 'rel',
  CreateSeqStmt: 'sequence',
  ViewStmt: 'view',
  CompositeTypeStmt: 'typevar',
  IndexStmt: undefined,
  CreateTrigStmt: undefined,
  CreatePolicyStmt: undefined,
  CreateFunctionStmt: undefined,
  CreateDomainStmt: undefined,
  AlterTableStmt: undefined,
  InsertStmt: undefined,
  UpdateStmt: undefined,
  DeleteStmt: undefined,
  GrantStmt: undefined,
};

/**
 * The relations, user types and columns a statement uses, or undefined when it cannot run in
 * a DO block: RangeVars (any object with `relname`), TypeNames (`names` + `typemod`), and the
 * columns it names outright.
 */
export function usedObjects(stmt: ParsedStatement): ObjectRef[] | undefined {
  if (!(stmt.nodeType in USERS)) return undefined;
  const body = (stmt.node as unknown as Record<string, Record<string, unknown>>)[stmt.nodeType]!;
  if (body.returningClause || body.returningList) return undefined; // PL/pgSQL would refuse the rows it returns
  const created = USERS[stmt.nodeType];
  const skip = created === 'rel' ? (body.into as { rel?: unknown } | undefined)?.rel : created ? body[created] : undefined;
  const out: ObjectRef[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object' || v === skip) return;
    const o = v as Record<string, unknown>;
    if (typeof o.relname === 'string') out.push({ kind: 'relation', name: fromRangeVar(o as { schemaname?: string; relname: string }) });
    else if (Array.isArray(o.names) && 'typemod' in o) out.push({ kind: 'type', name: fromNameList((o as TypeName).names) });
    Object.values(o).forEach(walk);
  };
  walk(body);
  // A view's query, or an SQL-standard function body (BEGIN ATOMIC, RETURN), which Postgres binds
  // at creation whatever check_function_bodies says: which table a column comes from is not
  // told, so each column name is looked for in every table read (true on the first run, before
  // the later rename or drop).
  const fn = stmt.nodeType === 'CreateFunctionStmt' ? (body as CreateFunctionStmt) : undefined;
  const columns = created === 'view' || created === 'rel' ? columnRefs(body.query) : fn?.sql_body ? bodyColumns(fn) : [];
  if (columns.length) {
    const tables = out.flatMap((r) => (r.kind === 'relation' ? [r.name] : []));
    for (const name of new Set(columns)) out.push(...tables.map((table) => ({ kind: 'column' as const, table, name })));
  }
  const table = body.relation as { relname?: string } | undefined;
  if (table?.relname !== undefined) {
    for (const column of new Set(columnsOf(body))) out.push({ kind: 'column', table: fromRangeVar(table), name: column });
  }
  return out;
}

/**
 * The column names an SQL-standard function body reads, without its parameters: a bare name
 * that is one (a column of that name, added later, would otherwise keep the first run from
 * creating the function), or one qualified with the function's name.
 */
function bodyColumns(fn: CreateFunctionStmt): string[] {
  const params = new Set(functionParams(fn).flatMap((p) => (p.name ? [p.name] : [])));
  const own = fromNameList(fn.funcname).name;
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (!('ColumnRef' in o)) return Object.values(o).forEach(walk);
    const fields = (o.ColumnRef as { fields?: Node[] }).fields ?? [];
    const names = strings(fields);
    if (!names.length || names.length !== fields.length || (names.length === 1 && params.has(names[0]!)) || (names.length === 2 && names[0] === own)) return;
    out.push(names.at(-1)!);
  };
  walk(fn.sql_body);
  return out;
}

/**
 * Columns of the statement's table it names for sure: INSERT's column list, UPDATE's SET
 * targets, an index's columns (plain, in expressions and in its WHERE).
 */
function columnsOf(body: Record<string, unknown>): string[] {
  const list = (l: unknown) => (Array.isArray(l) ? (l as Node[]) : []);
  const targets = [...list(body.cols), ...list(body.targetList)].flatMap((n) => ('ResTarget' in n && n.ResTarget.name ? [n.ResTarget.name] : []));
  const elems = [...list(body.indexParams), ...list(body.indexIncludingParams)];
  const indexed = elems.flatMap((n) => ('IndexElem' in n && n.IndexElem.name ? [n.IndexElem.name] : []));
  return [...targets, ...indexed, ...(elems.length ? columnRefs([elems, body.whereClause]) : [])];
}
