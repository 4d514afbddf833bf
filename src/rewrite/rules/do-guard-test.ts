/**
 * The IF condition of a self-guarding DO block (self-guarded-do.ts), read as an expression: what
 * kind of test it is, and whether it tests the object the block's DDL creates.
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
import { parseSql, type Node } from '../../sql/parser.js';
import { fromNameList, fromRangeVar, type QualifiedName } from '../names.js';
import { chooseIndexName, constraintName, indexColumnNames } from '../naming.js';

type Json = Record<string, unknown>;

/** absent: "create it if it is missing" (NOT EXISTS, to_regclass(…) IS NULL); present: IF EXISTS. */
export type TestKind = 'absent' | 'present';

/** The condition as an expression and its kind; undefined for any other shape (OR, counts, …). Redundant parentheses do not matter. */
export function readCondition(cond: string): { kind: TestKind; expr: Node } | undefined {
  let expr: Node | undefined;
  try {
    const stmt = parseSql(`SELECT (\n${cond}\n)`).stmts;
    const select = stmt?.length === 1 ? stmt[0]!.stmt : undefined;
    const target = select && 'SelectStmt' in select && !select.SelectStmt.fromClause ? select.SelectStmt.targetList : undefined;
    const res = target?.length === 1 ? target[0]! : undefined;
    expr = res && 'ResTarget' in res ? res.ResTarget.val : undefined;
  } catch {
    return undefined;
  }
  if (!expr) return undefined;
  if (allOf(expr, isAbsent)) return { kind: 'absent', expr };
  if (allOf(expr, isPresent)) return { kind: 'present', expr };
  return undefined;
}

/** `t` alone, or an AND of parts that all are. */
function allOf(e: Node, test: (e: Node) => boolean): boolean {
  if ('BoolExpr' in e && e.BoolExpr.boolop === 'AND_EXPR') return (e.BoolExpr.args ?? []).every((a) => allOf(a, test));
  return test(e);
}

function isAbsent(e: Node): boolean {
  if ('BoolExpr' in e && e.BoolExpr.boolop === 'NOT_EXPR' && e.BoolExpr.args?.length === 1) return isExists(e.BoolExpr.args[0]!);
  return 'NullTest' in e && e.NullTest.nulltesttype === 'IS_NULL' && e.NullTest.arg !== undefined && existenceCall(e.NullTest.arg) !== undefined;
}

function isPresent(e: Node): boolean {
  return isExists(e) || ('NullTest' in e && e.NullTest.nulltesttype === 'IS_NOT_NULL' && e.NullTest.arg !== undefined && existenceCall(e.NullTest.arg) !== undefined);
}

function isExists(e: Node): boolean {
  return 'SubLink' in e && e.SubLink.subLinkType === 'EXISTS_SUBLINK';
}

// ---------------------------------------------------------------------------------------------
// What the DDL creates

export type ObjectKind = 'table' | 'view' | 'index' | 'sequence' | 'type' | 'constraint' | 'column' | 'extension' | 'schema' | 'role' | 'function' | 'trigger' | 'policy' | 'rule' | 'enum-label';

export interface CreatedObject {
  /** Undefined when only the name is known (the catalog rule is skipped). */
  kind?: ObjectKind;
  /** As Postgres stores it (the parser has folded it). */
  name: string;
  /** The table it belongs to (constraint, column, index, trigger, policy, rule). */
  table?: QualifiedName;
  /** A foreign key's referenced table. */
  references?: QualifiedName;
  /** A primary key, unique or exclusion constraint: its index is in pg_class under the same name. */
  indexBacked?: boolean;
}

/**
 * The objects a statement creates, by name. For a statement pgmend does not model, every name
 * in it, kind unknown: the name rule still catches a condition that names nothing of it.
 */
export function createdObjects(node: Node): CreatedObject[] {
  const found = modelled(node);
  if (found?.length) return found;
  return [...stringLeaves(node)].map((name) => ({ name }));
}

function modelled(node: Node): CreatedObject[] | undefined {
  const n = node as unknown as Record<string, Json>;
  const [type] = Object.keys(n);
  const s = n[type!]!;
  const rel = (v: unknown) => fromRangeVar((v ?? {}) as { schemaname?: string; relname?: string });
  const list = (v: unknown) => fromNameList(v as Node[]);
  switch (type) {
    case 'CreateStmt':
      return [{ kind: 'table', name: rel(s.relation).name }];
    case 'CreateTableAsStmt':
      return [{ kind: s.objtype === 'OBJECT_MATVIEW' ? 'view' : 'table', name: rel((s.into as Json | undefined)?.rel).name }];
    case 'ViewStmt':
      return [{ kind: 'view', name: rel(s.view).name }];
    case 'CreateSeqStmt':
      return [{ kind: 'sequence', name: rel(s.sequence).name }];
    case 'IndexStmt':
      // Unnamed: the name Postgres gives it when it is free (naming.ts).
      return [{ kind: 'index', name: s.idxname ? String(s.idxname) : chooseIndexName(rel(s.relation).name, indexColumnNames((s.indexParams ?? []) as Node[]), 'idx', () => false).name, table: rel(s.relation) }];
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
      return [{ kind: 'type', name: list(s.typeName).name }];
    case 'CompositeTypeStmt':
      return [{ kind: 'type', name: rel(s.typevar).name }];
    case 'CreateDomainStmt':
      return [{ kind: 'type', name: list(s.domainname).name }];
    case 'DefineStmt':
      return s.kind === 'OBJECT_TYPE' ? [{ kind: 'type', name: list(s.defnames).name }] : undefined;
    case 'CreateExtensionStmt':
      return [{ kind: 'extension', name: String(s.extname) }];
    case 'CreateSchemaStmt':
      return s.schemaname ? [{ kind: 'schema', name: String(s.schemaname) }] : undefined;
    case 'CreateRoleStmt':
      return [{ kind: 'role', name: String(s.role) }];
    case 'CreateFunctionStmt':
      return [{ kind: 'function', name: list(s.funcname).name }];
    case 'CreateTrigStmt':
      return [{ kind: 'trigger', name: String(s.trigname), table: rel(s.relation) }];
    case 'CreatePolicyStmt':
      return [{ kind: 'policy', name: String(s.policy_name), table: rel(s.table) }];
    case 'RuleStmt':
      return [{ kind: 'rule', name: String(s.rulename), table: rel(s.relation) }];
    case 'AlterEnumStmt':
      return s.newVal && !s.oldVal ? [{ kind: 'enum-label', name: String(s.newVal) }] : undefined;
    case 'RenameStmt':
      return s.newname ? [{ kind: RENAMED[String(s.renameType)], name: String(s.newname), ...(s.relation ? { table: rel(s.relation) } : {}) }] : undefined;
    case 'AlterTableStmt':
      return ((s.cmds ?? []) as Json[]).flatMap((c): CreatedObject[] => {
        const cmd = c.AlterTableCmd as Json;
        const def = cmd.def as Json | undefined;
        const table = rel(s.relation);
        if (cmd.subtype === 'AT_AddColumn' && def?.ColumnDef) return [{ kind: 'column', name: String((def.ColumnDef as Json).colname), table }];
        const con = def?.Constraint as Json | undefined;
        const name = con && (con.conname ? String(con.conname) : constraintName(table.name, con as Parameters<typeof constraintName>[1], () => false)?.name);
        if (cmd.subtype === 'AT_AddConstraint' && con && name) {
          const contype = String(con.contype);
          return [{ kind: 'constraint', name, table, ...(con.pktable ? { references: rel(con.pktable) } : {}), indexBacked: ['CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_EXCLUSION'].includes(contype) }];
        }
        return [];
      });
    default:
      return undefined;
  }
}

/** ALTER … RENAME: the kind of the new name (the table of a column or constraint is `relation`). */
const RENAMED: Record<string, ObjectKind | undefined> = {
  OBJECT_COLUMN: 'column',
  OBJECT_TABCONSTRAINT: 'constraint',
  OBJECT_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'view',
  OBJECT_INDEX: 'index',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'type',
  OBJECT_SCHEMA: 'schema',
  OBJECT_ROLE: 'role',
  OBJECT_FUNCTION: 'function',
  OBJECT_TRIGGER: 'trigger',
  OBJECT_POLICY: 'policy',
};

/** Keys of the parse tree that hold names (not enum constants such as `contype`). */
const NAME_KEYS = new Set(['sval', 'relname', 'schemaname', 'conname', 'colname', 'idxname', 'name', 'newname', 'subname', 'trigname', 'policy_name', 'rulename', 'extname', 'role', 'rolename', 'aliasname', 'newVal', 'oldVal', 'servername', 'dbname']);

function stringLeaves(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => stringLeaves(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string') {
        if (NAME_KEYS.has(k)) out.add(v);
      } else stringLeaves(v, out);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Does the condition test one of them?

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

/** Calls answering NULL when the object is missing, and the kinds they look up. */
const EXISTENCE: Record<string, ObjectKind[]> = {
  to_regclass: ['table', 'view', 'index', 'sequence', 'type', 'constraint'],
  to_regtype: ['type', 'table', 'view'],
  to_regnamespace: ['schema'],
  to_regrole: ['role'],
  to_regproc: ['function'],
  to_regprocedure: ['function'],
};
/** Casts that look a name up (`'x'::regclass`): they fail rather than answer NULL, but name the object all the same. */
const REG_CASTS: Record<string, string> = { regclass: 'to_regclass', regtype: 'to_regtype', regnamespace: 'to_regnamespace', regrole: 'to_regrole', regproc: 'to_regproc', regprocedure: 'to_regprocedure' };

/** `to_regclass('x')`, `'x'::regclass` (possibly cast on to oid): the function and the name it looks up. */
function existenceCall(e: Node): { fn: string; name: QualifiedName } | undefined {
  let v: Node | undefined = e;
  while (v && 'TypeCast' in v) {
    const names = v.TypeCast.typeName?.names ?? [];
    const last = names.at(-1);
    const reg = last && 'String' in last ? REG_CASTS[last.String.sval ?? ''] : undefined;
    const arg: Node | undefined = v.TypeCast.arg;
    if (reg && arg && 'A_Const' in arg && arg.A_Const.sval) return { fn: reg, name: identifierText(arg.A_Const.sval.sval ?? '') };
    v = arg;
  }
  if (!v || !('FuncCall' in v)) return undefined;
  const fname = v.FuncCall.funcname?.at(-1);
  const fn = fname && 'String' in fname ? (fname.String.sval ?? '') : '';
  const arg = v.FuncCall.args?.[0];
  if (!(fn in EXISTENCE) || !arg) return undefined;
  let a: Node | undefined = arg;
  while (a && 'TypeCast' in a) a = a.TypeCast.arg;
  return a && 'A_Const' in a && a.A_Const.sval ? { fn, name: identifierText(a.A_Const.sval.sval ?? '') } : undefined;
}

/**
 * The name a to_reg* argument looks up, folded as Postgres folds identifiers: `public.T` is
 * public.t, `"T"` is T; for to_regprocedure `f(int)`, the function's name.
 */
function identifierText(text: string): QualifiedName {
  const parts: string[] = [];
  let i = 0;
  const src = text.replace(/\(.*$/s, '');
  while (i < src.length) {
    if (src[i] === '"') {
      let part = '';
      i++;
      while (i < src.length) {
        if (src[i] === '"' && src[i + 1] === '"') (part += '"'), (i += 2);
        else if (src[i] === '"') break;
        else part += src[i++];
      }
      i++;
      parts.push(part);
    } else {
      const end = src.indexOf('.', i);
      const stop = end < 0 ? src.length : end;
      const raw = src.slice(i, stop).trim();
      if (raw) parts.push(raw.toLowerCase());
      i = stop;
    }
    while (src[i] === '.' || src[i] === ' ') i++;
  }
  const name = parts.at(-1) ?? '';
  return parts.length >= 2 ? { schema: parts.at(-2)!, name } : { name };
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

// --- the catalog rule -------------------------------------------------------------------------

/** The kinds of object each known catalog lists, by its name (pg_catalog and information_schema share no names here). */
const CATALOG_KINDS: Record<string, Array<ObjectKind | 'index-backed'>> = {
  pg_class: ['table', 'view', 'index', 'sequence', 'type', 'index-backed'],
  pg_tables: ['table'],
  pg_views: ['view'],
  pg_matviews: ['view'],
  pg_indexes: ['index', 'index-backed'],
  pg_sequences: ['sequence'],
  pg_type: ['type', 'table', 'view'],
  pg_enum: ['enum-label'],
  pg_constraint: ['constraint'],
  pg_extension: ['extension'],
  pg_namespace: ['schema'],
  pg_roles: ['role'],
  pg_authid: ['role'],
  pg_user: ['role'],
  pg_shadow: ['role'],
  pg_proc: ['function'],
  pg_trigger: ['trigger'],
  pg_policy: ['policy'],
  pg_policies: ['policy'],
  pg_attribute: ['column'],
  pg_rewrite: ['rule'],
  pg_rules: ['rule'],
  tables: ['table', 'view'],
  views: ['view'],
  sequences: ['sequence'],
  columns: ['column'],
  table_constraints: ['constraint'],
  constraint_column_usage: ['constraint'],
  constraint_table_usage: ['constraint'],
  key_column_usage: ['constraint'],
  referential_constraints: ['constraint'],
  check_constraints: ['constraint'],
  domains: ['type'],
  user_defined_types: ['type'],
  schemata: ['schema'],
  routines: ['function'],
  triggers: ['trigger'],
};

/** Catalog columns saying which table an object belongs to: `name` or `schema` part, or a regclass (`oid`). */
const TABLE_COLUMNS: Record<string, Record<string, 'name' | 'schema' | 'oid'>> = {
  pg_indexes: { tablename: 'name', schemaname: 'schema' },
  pg_policies: { tablename: 'name', schemaname: 'schema' },
  pg_rules: { tablename: 'name', schemaname: 'schema' },
  pg_constraint: { conrelid: 'oid', confrelid: 'oid' },
  pg_trigger: { tgrelid: 'oid' },
  pg_policy: { polrelid: 'oid' },
  pg_attribute: { attrelid: 'oid' },
  pg_rewrite: { ev_class: 'oid' },
  columns: { table_name: 'name', table_schema: 'schema' },
  table_constraints: { table_name: 'name', table_schema: 'schema' },
  constraint_column_usage: { table_name: 'name', table_schema: 'schema' },
  constraint_table_usage: { table_name: 'name', table_schema: 'schema' },
  key_column_usage: { table_name: 'name', table_schema: 'schema' },
  triggers: { event_object_table: 'name', event_object_schema: 'schema' },
};

/**
 * The table under which `catalog` lists `o` through `column`: information_schema's
 * constraint_column_usage and constraint_table_usage list a foreign key under the table it
 * references (the columns it uses are the referenced ones); pg_constraint.confrelid is that
 * table too. Everything else lists the object under its own table.
 */
function listedUnder(catalog: string, column: string, o: CreatedObject): QualifiedName | undefined {
  if (o.references && (catalog === 'constraint_column_usage' || catalog === 'constraint_table_usage' || column === 'confrelid')) return o.references;
  if (column === 'confrelid') return undefined; // not a foreign key: confrelid is 0
  return o.table;
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
