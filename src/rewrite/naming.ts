/**
 * The names Postgres gives unnamed indexes and constraints (src/backend/commands/indexcmds.c
 * ChooseIndexName / ChooseIndexColumnNames / ChooseIndexNameAddition, catalog/pg_constraint.c
 * ChooseConstraintName, catalog/namespace.c makeObjectName), so pgmend can write the name out
 * and guard or drop the object by it.
 *
 * Postgres adds a number (`t_a_idx1`) when the name is taken in the schema. pgmend only knows
 * the names it has seen in the files it reads: `taken` answers from those.
 */
import type { Node } from '../sql/parser.js';
import { strings } from './names.js';

/** Names are at most NAMEDATALEN - 1 = 63 bytes of UTF-8. */
export const NAMEDATALEN = 64;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** The longest prefix of `s` that fits in `bytes` without splitting a character (pg_mbcliplen). */
export function clipBytes(s: string, bytes: number): string {
  if (utf8(s) <= bytes) return s; // the usual case: nothing to clip
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = utf8(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * `name1_name2_label`, shortening the longer of name1/name2 one byte at a time until it fits,
 * exactly as makeObjectName does.
 */
export function makeObjectName(name1: string, name2: string | undefined, label: string | undefined): string {
  let len1 = utf8(name1);
  let len2 = name2 === undefined ? 0 : utf8(name2);
  let overhead = label ? utf8(label) + 1 : 0;
  if (name2 !== undefined) overhead++;
  const avail = NAMEDATALEN - 1 - overhead;
  while (len1 + len2 > avail) {
    if (len1 > len2) len1--;
    else len2--;
  }
  let out = clipBytes(name1, len1);
  if (name2 !== undefined) out += `_${clipBytes(name2, len2)}`;
  if (label) out += `_${label}`;
  return out;
}

export type Taken = (name: string) => boolean;

/** ChooseRelationName / ChooseConstraintName: label, then label1, label2, … until free. */
export function chooseName(name1: string, name2: string | undefined, label: string, taken: Taken): { name: string; renumbered: boolean } {
  const plain = makeObjectName(name1, name2, label);
  let name = plain;
  for (let pass = 1; taken(name); pass++) name = makeObjectName(name1, name2, `${label}${pass}`);
  return { name, renumbered: name !== plain };
}

/** ChooseIndexNameAddition: column names joined by `_`, stopping once it is long enough. */
export function nameAddition(columns: string[]): string | undefined {
  let buf = '';
  for (const c of columns) {
    if (buf) buf += '_';
    buf += clipBytes(c, NAMEDATALEN - 1);
    if (utf8(buf) >= NAMEDATALEN) break;
  }
  return buf || undefined;
}

/** ChooseIndexColumnNames: each element's name (`expr` for expressions), made distinct with digits. */
export function indexColumnNames(elems: Node[]): string[] {
  const out: string[] = [];
  for (const n of elems) {
    const e = 'IndexElem' in n ? n.IndexElem : {};
    const orig = e.indexcolname ?? e.name ?? (e.expr ? figureColname(e.expr) : undefined) ?? 'expr';
    let cur = orig;
    for (let i = 1; out.includes(cur); i++) cur = clipBytes(orig, NAMEDATALEN - 1 - String(i).length) + String(i);
    out.push(cur);
  }
  return out;
}

/**
 * FigureIndexColname: the name an expression gives an index column — a function's name, a
 * column's name, a cast's type; undefined (→ `expr`) for operators and the like.
 */
export function figureColname(node: Node): string | undefined {
  if ('FuncCall' in node) return strings(node.FuncCall.funcname).at(-1);
  if ('ColumnRef' in node) return strings(node.ColumnRef.fields).at(-1);
  if ('TypeCast' in node) {
    const inner = node.TypeCast.arg ? figureColname(node.TypeCast.arg) : undefined;
    return inner ?? strings(node.TypeCast.typeName?.names).at(-1);
  }
  if ('CoalesceExpr' in node) return 'coalesce';
  if ('MinMaxExpr' in node) return node.MinMaxExpr.op === 'IS_GREATEST' ? 'greatest' : 'least';
  if ('CaseExpr' in node) return 'case';
  if ('A_Indirection' in node) {
    const last = node.A_Indirection.indirection?.at(-1);
    if (last && 'String' in last) return last.String.sval;
    return node.A_Indirection.arg ? figureColname(node.A_Indirection.arg) : undefined;
  }
  return undefined;
}

export type IndexLabel = 'pkey' | 'key' | 'excl' | 'idx';

/** ChooseIndexName: `table_pkey`, or `table_cols_key|excl|idx`. */
export function chooseIndexName(table: string, columns: string[], label: IndexLabel, taken: Taken): { name: string; renumbered: boolean } {
  return chooseName(table, label === 'pkey' ? undefined : nameAddition(columns), label, taken);
}

/**
 * The name Postgres gives an unnamed table constraint of `table`: primary key, unique and
 * exclusion constraints are named like their index; checks after their one column (if they
 * use exactly one); foreign keys after their columns. `column` is the column a column-level
 * constraint is written on.
 */
export function constraintName(table: string, con: NonNullable<Extract<Node, { Constraint: unknown }>['Constraint']>, taken: Taken, column?: string): { name: string; renumbered: boolean } | undefined {
  const cols = (list: Node[] | undefined) => (column !== undefined && !list?.length ? [column] : strings(list));
  switch (con.contype) {
    case 'CONSTR_PRIMARY':
      return chooseIndexName(table, [], 'pkey', taken);
    case 'CONSTR_UNIQUE':
      return chooseIndexName(table, cols(con.keys), 'key', taken);
    case 'CONSTR_EXCLUSION': {
      const elems = (con.exclusions ?? []).flatMap((pair) => ('List' in pair ? (pair.List.items ?? []).slice(0, 1) : []));
      return chooseIndexName(table, indexColumnNames(elems), 'excl', taken);
    }
    case 'CONSTR_FOREIGN':
      return chooseName(table, nameAddition(cols(con.fk_attrs)), 'fkey', taken);
    case 'CONSTR_CHECK': {
      const used = [...new Set(columnRefs(con.raw_expr))];
      return chooseName(table, used.length === 1 ? used[0] : undefined, 'check', taken);
    }
    default:
      return undefined;
  }
}

/** Names of the columns an expression refers to (the last field of each ColumnRef). */
export function columnRefs(node: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('ColumnRef' in o) {
        const name = strings((o.ColumnRef as { fields?: Node[] }).fields).at(-1);
        if (name !== undefined) out.push(name);
        return;
      }
      for (const k in o) walk(o[k]);
    }
  };
  walk(node);
  return out;
}
