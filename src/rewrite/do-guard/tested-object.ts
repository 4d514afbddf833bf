/**
 * Whether the IF condition of a self-guarding DO block (rules/self-guarded-do.ts) tests the
 * object the block's DDL creates.
 *
 * pgmend cannot prove a catalog query right in general. It checks what it can:
 *
 * 1. The name rule. The condition must name an object the block creates (a constraint, table,
 *    index, type, extension, column, enum label… named by the DDL the guard protects), as
 *    Postgres stores it: a string literal equal to the stored (folded) name, an identifier, or
 *    the argument of an existence function (`to_regclass('public.T')`, `'x'::regtype`), whose
 *    text Postgres folds as an identifier. A condition that names none of them (a leftover
 *    copy, `relname = 'nothing_here'`) cannot turn false once the block ran.
 *
 * 2. The catalog rule, for the catalogs pgmend knows (pg_catalog tables and views, and the
 *    information_schema views of the list below; a condition reading anything else is judged by
 *    the name rule alone). A subquery that names the object counts as a test of it only if
 *    - one of the catalogs it reads lists objects of that kind (an extension is not found in
 *      pg_type; a foreign key is not in pg_class, though the index of a primary key is), and
 *    - every `column = value` filter on a column saying which table the object belongs to
 *      (information_schema `table_name`/`table_schema`, pg_indexes `tablename`, pg_constraint
 *      `conrelid`/`confrelid`, pg_trigger `tgrelid`, …) names the table under which that catalog
 *      lists the object. Testing the object's own name is not enough when another filter can
 *      never match: information_schema.constraint_column_usage lists a foreign key under the
 *      table it REFERENCES, so `table_name = '<the constrained table>' AND constraint_name = 'fk'`
 *      never finds it and the block adds the constraint again (supabase/auth's
 *      00_init_auth_schema, users_organization_id_fkey). A schema filter is compared only when
 *      the DDL names the schema (otherwise it is search_path's choice).
 *    Filters pgmend does not model (on other columns, or with other operators) are not judged.
 *
 * The block is a guard when at least one object it creates passes both rules: once the block
 * has run that object exists, the test turns false, and a second run skips the whole block.
 */
import type { Node } from '../../sql/parser.js';
import type { QualifiedName } from '../names.js';
import type { CreatedObject, ObjectKind } from './created-objects.js';
import { CATALOG_KINDS, listedUnder, TABLE_COLUMNS } from './catalogs.js';
import { EXISTENCE, existenceCall } from './existence-calls.js';

type Json = Record<string, unknown>;

/** Why the condition tests none of `objects` (see the rules at the top); undefined when it tests one. */
export function untestedReason(expr: Node, objects: CreatedObject[]): string | undefined {
  const named = objects.filter((o) => mentions(expr).has(o.name));
  if (!named.length) {
    const what = objects.some((o) => o.kind) ? describeAll(objects) : `anything its DDL names (${describeAll(objects)})`;
    return `its IF condition does not test the object it creates: it never names ${what}`;
  }
  let first: string | undefined;
  for (const o of named) {
    const why = catalogProblem(expr, o);
    if (!why) return undefined;
    first ??= why;
  }
  return `its IF condition does not test the object it creates: ${first}`;
}

function describe(o: CreatedObject): string {
  return o.kind ? `${o.kind} ${o.name}` : o.name;
}

function describeAll(objects: CreatedObject[]): string {
  const modelled = objects.filter((o) => o.kind);
  const list = modelled.length ? modelled : objects;
  const shown = list.slice(0, 3).map(describe);
  return shown.join(', ') + (list.length > shown.length ? ', …' : '');
}

/** The names a piece of the condition mentions: string literals as written, identifiers as folded, existence-call arguments as looked up. */
function mentions(node: unknown, out = new Set<string>()): Set<string> {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((n) => mentions(n, out));
    return out;
  }
  const call = existenceCall(node as Node);
  if (call) out.add(call.name.name);
  const o = node as Json;
  const sval = (o.A_Const as Json | undefined)?.sval as { sval?: string } | undefined;
  if (sval?.sval !== undefined) out.add(sval.sval);
  const field = o.String as { sval?: string } | undefined;
  if (field?.sval !== undefined) out.add(field.sval);
  if (o.RangeVar) out.add(String((o.RangeVar as Json).relname));
  for (const k in o) mentions(o[k], out);
  return out;
}


interface CatalogRef {
  catalog: string;
  known: boolean;
}

/** Why no subquery naming `o` is a plausible test of it; undefined if one is (or one pgmend cannot judge names it). */
function catalogProblem(expr: Node, o: CreatedObject): string | undefined {
  if (!o.kind) return undefined;
  let problem: string | undefined;
  let fine = false;
  // Existence calls outside subqueries: the function must look up that kind.
  for (const call of topLevelCalls(expr)) {
    if (call.name.name !== o.name) continue;
    if (EXISTENCE[call.fn]!.includes(o.kind)) fine = true;
    else problem ??= `${call.fn} does not look up a ${o.kind}`;
  }
  for (const select of subqueries(expr)) {
    if (!mentions(select.whereClause).has(o.name) && !mentions(select.fromClause).has(o.name) && !mentions(select.targetList).has(o.name)) continue;
    const why = selectProblem(select, o);
    if (!why) fine = true;
    else problem ??= why;
  }
  return fine ? undefined : (problem ?? undefined);
}

function topLevelCalls(expr: Node): Array<{ fn: string; name: QualifiedName }> {
  const out: Array<{ fn: string; name: QualifiedName }> = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    if ('SubLink' in v) return;
    const call = existenceCall(v as Node);
    if (call) out.push(call);
    for (const x of Object.values(v)) walk(x);
  };
  walk(expr);
  return out;
}

type Select = { fromClause?: Node[]; whereClause?: Node; targetList?: Node[] };

function subqueries(node: unknown, out: Select[] = []): Select[] {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((n) => subqueries(n, out));
    return out;
  }
  const o = node as Json;
  if (o.SelectStmt) out.push(o.SelectStmt as Select);
  for (const k in o) subqueries(o[k], out);
  return out;
}

function selectProblem(select: Select, o: CreatedObject): string | undefined {
  const refs = new Map<string, CatalogRef>();
  const quals: Node[] = [];
  const addFrom = (f: Node): void => {
    if ('RangeVar' in f) {
      const rv = f.RangeVar;
      const catalog = rv.relname ?? '';
      const known = catalog in CATALOG_KINDS && (!rv.schemaname || rv.schemaname === 'pg_catalog' || rv.schemaname === 'information_schema');
      refs.set(rv.alias?.aliasname ?? catalog, { catalog, known });
    } else if ('JoinExpr' in f) {
      if (f.JoinExpr.larg) addFrom(f.JoinExpr.larg);
      if (f.JoinExpr.rarg) addFrom(f.JoinExpr.rarg);
      if (f.JoinExpr.quals) quals.push(f.JoinExpr.quals);
    } else refs.set(`?${refs.size}`, { catalog: '', known: false });
  };
  (select.fromClause ?? []).forEach(addFrom);
  const all = [...refs.values()];
  // Reads something pgmend does not know (a table of the project, a function): not judged.
  if (!all.length || all.some((r) => !r.known)) return undefined;
  const catalogs = all.map((r) => r.catalog);
  const lists = (c: string) => CATALOG_KINDS[c]!.includes(o.kind!) || (o.indexBacked === true && CATALOG_KINDS[c]!.includes('index-backed'));
  if (!catalogs.some(lists)) return `${catalogs.map(qualified).join(', ')} ${catalogs.length > 1 ? 'do' : 'does'} not list ${article(o.kind!)} such as ${o.name}`;
  if (select.whereClause) quals.push(select.whereClause);
  for (const c of quals.flatMap(conjuncts)) {
    const filter = tableFilter(c, refs);
    if (!filter) continue;
    const expected = listedUnder(filter.catalog, filter.column, o);
    if (!expected) continue;
    const mismatch =
      filter.part === 'name'
        ? filter.value.name !== expected.name
        : filter.part === 'schema'
          ? expected.schema !== undefined && filter.value.name !== expected.schema
          : filter.value.name !== expected.name || (expected.schema !== undefined && filter.value.schema !== undefined && filter.value.schema !== expected.schema);
    if (mismatch) {
      const shown = filter.part === 'schema' ? expected.schema : expected.name;
      const by = o.references && expected === o.references ? 'the table it references' : 'its table';
      return `${qualified(filter.catalog)} lists ${describe(o)} under ${by} (${shown}), but the condition asks for ${filter.column} = '${filter.value.name}'`;
    }
  }
  return undefined;
}

function qualified(catalog: string): string {
  return catalog.startsWith('pg_') ? catalog : `information_schema.${catalog}`;
}

function conjuncts(e: Node): Node[] {
  return 'BoolExpr' in e && e.BoolExpr.boolop === 'AND_EXPR' ? (e.BoolExpr.args ?? []).flatMap(conjuncts) : [e];
}

/** `<catalog table column> = <value>`, either way round. */
function tableFilter(e: Node, refs: Map<string, CatalogRef>): { catalog: string; column: string; part: 'name' | 'schema' | 'oid'; value: QualifiedName } | undefined {
  if (!('A_Expr' in e) || e.A_Expr.kind !== 'AEXPR_OP') return undefined;
  const op = e.A_Expr.name?.at(-1);
  if (!op || !('String' in op) || op.String.sval !== '=') return undefined;
  for (const [col, val] of [
    [e.A_Expr.lexpr, e.A_Expr.rexpr],
    [e.A_Expr.rexpr, e.A_Expr.lexpr],
  ] as const) {
    if (!col || !val || !('ColumnRef' in col)) continue;
    const fields = (col.ColumnRef.fields ?? []).map((f) => ('String' in f ? (f.String.sval ?? '') : '*'));
    const column = fields.at(-1)!;
    // Unqualified: the one catalog read that has such a column (else Postgres calls it ambiguous).
    const having = [...refs.values()].filter((r) => TABLE_COLUMNS[r.catalog]?.[column]);
    const owner = fields.length >= 2 ? refs.get(fields.at(-2)!) : having.length === 1 ? having[0] : undefined;
    const part = owner ? TABLE_COLUMNS[owner.catalog]?.[column] : undefined;
    if (!owner || !part) continue;
    if (part === 'oid') {
      const call = existenceCall(val);
      if (call?.fn === 'to_regclass') return { catalog: owner.catalog, column, part, value: call.name };
      continue;
    }
    let v: Node | undefined = val;
    while (v && 'TypeCast' in v) v = v.TypeCast.arg;
    if (v && 'A_Const' in v && v.A_Const.sval?.sval !== undefined) return { catalog: owner.catalog, column, part, value: { name: v.A_Const.sval.sval } };
  }
  return undefined;
}

function article(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}
