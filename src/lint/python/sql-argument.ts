import { calleeName, dottedName, loopItem, type PyArg, type PyValue } from './expr.js';
import { fillFormat, fillFString, HOLE, type FilledFString } from './fstring.js';
import type { PyString } from './strings.js';

/** What the argument of `op.execute(...)` / `conn.execute(...)` is, statically. */
export type SqlArgument =
  | { kind: 'sql'; str: PyString; at: number }
  /**
   * Built at run time (f-string, `%`, `.format`, a variable assigned something else). An
   * f-string whose run-time fields may be mere values carries its text with `$1` in them.
   */
  | { kind: 'dynamic'; at: number; why: string; template?: FilledFString }
  /** A SQLAlchemy expression (`t.update()`, `sa.insert(t)`) writing to a table object. */
  | { kind: 'table-write'; at: number; verb: string; table: PyValue }
  /** A loop variable: one argument per item of what it iterates over. */
  | { kind: 'many'; items: SqlArgument[] }
  /** A SQLAlchemy query that only reads (`t.select()`, `sa.select(t).where(...)`). */
  | { kind: 'read'; at: number };

/**
 * Calls whose first argument is the SQL: SQLAlchemy's text() and DDL(), and string helpers that
 * only change whitespace (textwrap.dedent, inspect.cleandoc).
 */
const TEXT_CALLS = new Set(['text', 'sql.text', 'expression.text', 'DDL', 'schema.DDL', 'dedent', 'textwrap.dedent', 'cleandoc', 'inspect.cleandoc'].flatMap((c) => [c, `sa.${c}`, `sqlalchemy.${c}`, `sa.sql.${c}`, `sqlalchemy.sql.${c}`]));
/** Calls that return their receiver's SQL unchanged (or with only whitespace changed). */
const PASS_THROUGH = new Set(['bindparams', 'columns', 'execution_options', 'strip', 'lstrip', 'rstrip']);
const EXPRESSION_WRITES: Record<string, string> = { insert: 'inserts into', update: 'updates', delete: 'deletes from' };

export function sqlArgument(value: PyValue | undefined, lookup: (name: string, at: number) => PyValue | undefined, depth = 0): SqlArgument | undefined {
  if (!value) return undefined;
  const at = value.at;
  if (depth > 8) return { kind: 'dynamic', at, why: 'the SQL is assigned through too many names' };
  switch (value.kind) {
    case 'string':
      if (value.str.formatted) return formattedArgument(value.str, at, lookup, depth);
      if (value.str.bytes) return { kind: 'dynamic', at, why: 'it is a bytes literal' };
      return { kind: 'sql', str: value.str, at };
    case 'name': {
      const assigned = lookup(value.name, value.at);
      if (!assigned) return { kind: 'dynamic', at, why: `${value.name} is not assigned a literal in this file` };
      const inner = sqlArgument(assigned, lookup, depth + 1);
      return inner?.kind === 'dynamic' ? { ...inner, at } : inner; // reported where it is executed
    }
    case 'percent': {
      const operands = (value.operands.kind === 'list' ? value.operands.items : [value.operands]).map((v) => (v.kind === 'const' && typeof v.value === 'number' ? String(v.value) : staticString(v, lookup)));
      const filled = percentFormat(value.format, operands);
      if (filled && !filled.holes.length) return { kind: 'sql', str: filled.str, at };
      return { kind: 'dynamic', at, why: 'it is built with % formatting from run-time values', ...(filled ? { template: filled } : {}) };
    }
    case 'each': {
      const items = value.of.kind === 'name' ? lookup(value.of.name, value.of.at) : value.of;
      if (items?.kind !== 'list') return { kind: 'dynamic', at, why: 'it is a loop variable over a run-time value' };
      return { kind: 'many', items: items.items.flatMap((item) => sqlArgument(loopItem(value, item) ?? { kind: 'other', text: 'an item lint cannot unpack', at }, lookup, depth + 1) ?? []) };
    }
    case 'call': {
      const callee = dottedName(boundCallee(value.callee, lookup));
      const method = callee?.split('.').at(-1) ?? calleeName(value);
      if (callee && TEXT_CALLS.has(callee)) return sqlArgument(value.args.find((a) => !a.keyword || a.keyword === 'text')?.value, lookup, depth + 1);
      if (value.callee.kind === 'attr' && method && PASS_THROUGH.has(method)) return sqlArgument(value.callee.object, lookup, depth + 1);
      if (method === 'select' || method === 'exists') return { kind: 'read', at };
      if (method && EXPRESSION_WRITES[method]) {
        // t.insert() / t.update().where(...) chains start at the table; sa.insert(t) names it first.
        const table = value.callee.kind === 'attr' && !callee?.startsWith('sa.') && !callee?.startsWith('sqlalchemy.') ? value.callee.object : value.args[0]?.value;
        if (table) return { kind: 'table-write', at, verb: EXPRESSION_WRITES[method]!, table };
      }
      if (value.callee.kind === 'attr') {
        const inner = sqlArgument(value.callee.object, lookup, depth + 1);
        if (inner?.kind === 'table-write' || inner?.kind === 'read') return inner; // .where(...).values(...) on an update()
        if (method === 'format' && inner?.kind === 'sql') return formatArgument(inner.str, value.args, at, lookup, depth);
      }
      return { kind: 'dynamic', at, why: `it is the result of ${callee ?? method ?? 'a call'}()` };
    }
    default:
      return { kind: 'dynamic', at, why: value.kind === 'other' ? `${abbreviate(value.text)} is computed at run time` : 'it is not a string' };
  }
}

/**
 * An f-string whose fields are names of static strings or numbers (module constants, local
 * literals, loop variables over a literal list): the SQL it makes, one statement per value of a
 * loop variable. Anything else in a field is run-time data.
 */
function formattedArgument(str: PyString, at: number, lookup: (name: string, at: number) => PyValue | undefined, depth: number): SqlArgument {
  const filled = fillFString(str, (name, fieldAt) => staticValues({ kind: 'name', name, at: fieldAt }, lookup, depth + 1));
  if (!filled) return { kind: 'dynamic', at, why: 'it is an f-string' };
  const items = filled.map((f): SqlArgument => (f.holes.length ? { kind: 'dynamic', at, why: 'it is an f-string', template: f } : { kind: 'sql', str: f.str, at }));
  return items.length === 1 ? items[0]! : { kind: 'many', items };
}

/**
 * `sa.table("accounts", ..., schema="crm")` / `Table("accounts", metadata, schema=...)` /
 * `op.create_table("accounts", ...)` (which returns the Table it made) → name and schema values.
 */
export function tableDefinition(value: PyValue | undefined, lookup: (name: string, at: number) => PyValue | undefined): { name?: PyValue; schema?: PyValue } | undefined {
  if (value?.kind === 'name') return tableDefinition(lookup(value.name, value.at), lookup);
  if (value?.kind !== 'call') return undefined;
  const method = dottedName(boundCallee(value.callee, lookup))?.split('.').at(-1) ?? calleeName(value);
  if (method !== 'table' && method !== 'Table' && method !== 'create_table') return undefined;
  const nameKeyword = method === 'create_table' ? 'table_name' : 'name';
  const name = value.args.find((a) => !a.keyword)?.value ?? value.args.find((a) => a.keyword === nameKeyword)?.value;
  const schema = value.args.find((a) => a.keyword === 'schema')?.value;
  return { ...(name ? { name } : {}), ...(schema ? { schema } : {}) };
}

/**
 * A callee whose first name is bound to another name: `from sqlalchemy import table as sa_table`
 * makes `sa_table(...)` a `table(...)`, `import sqlalchemy as sqla` makes `sqla.text` a
 * `sqlalchemy.text` (one level: names bound to calls or literals stay as written).
 */
function boundCallee(callee: PyValue, lookup: (name: string, at: number) => PyValue | undefined): PyValue {
  if (callee.kind === 'attr') return { ...callee, object: boundCallee(callee.object, lookup) };
  if (callee.kind !== 'name') return callee;
  const bound = lookup(callee.name, callee.at);
  return bound?.kind === 'name' || (bound?.kind === 'attr' && dottedName(bound) !== undefined) ? bound : callee;
}

/**
 * `"… {0} …".format(a, key=b)`: the SQL it makes from static arguments; arguments lint cannot read
 * are `$1` holes (read where SQL takes a value, as an f-string's). `*args` / `**kwargs` hide them all.
 */
function formatArgument(str: PyString, args: PyArg[], at: number, lookup: (name: string, at: number) => PyValue | undefined, depth: number): SqlArgument {
  const why = 'it is built with str.format()';
  if (args.some((a) => a.star)) return { kind: 'dynamic', at, why };
  const positional = args.filter((a) => !a.keyword);
  const argument = (key: number | string) => staticValues(typeof key === 'number' ? positional[key]?.value : args.find((a) => a.keyword === key)?.value, lookup, depth + 1);
  const filled = fillFormat(str, argument);
  if (!filled) return { kind: 'dynamic', at, why };
  const items = filled.map((f): SqlArgument => (f.holes.length ? { kind: 'dynamic', at, why, template: f } : { kind: 'sql', str: f.str, at }));
  return items.length === 1 ? items[0]! : { kind: 'many', items };
}

/**
 * `format % (a, b)` with the operands' static values: `%s`, `%d`, `%r` of positional operands and
 * `%%`; an operand lint cannot read is a `$1` hole. Undefined for anything else (`%(name)s`,
 * widths). Inserted text is located at its `%`.
 */
function percentFormat(format: PyString, operands: Array<string | undefined>): FilledFString | undefined {
  const value: string[] = [];
  const map: number[] = [];
  const holes: number[] = [];
  let next = 0;
  for (let i = 0; i < format.value.length; i++) {
    const c = format.value[i]!;
    if (c !== '%') {
      value.push(c);
      map.push(format.map[i]!);
      continue;
    }
    const spec = format.value[++i];
    if (spec !== '%' && spec !== 's' && spec !== 'd' && spec !== 'r') return undefined;
    if (spec !== '%' && next >= operands.length) return undefined;
    const text = spec === '%' ? '%' : operands[next++];
    if (text === undefined) holes.push(value.length);
    const inserted = text === undefined ? HOLE : spec === 'r' ? `'${text}'` : text;
    for (let j = 0; j < inserted.length; j++) (value.push(inserted[j]!), map.push(format.map[i - 1]!));
  }
  if (next !== operands.length) return undefined;
  map.push(format.map[format.value.length]!);
  return { str: { value: value.join(''), map, formatted: false, bytes: format.bytes }, holes };
}

/**
 * The text a value puts into an f-string field when lint can know it: a string, a number, or
 * each item of a loop over a literal list; undefined for run-time data.
 */
export function staticValues(value: PyValue | undefined, lookup: (name: string, at: number) => PyValue | undefined, depth = 0): string[] | undefined {
  const resolved = value?.kind === 'name' ? lookup(value.name, value.at) : value;
  if (resolved?.kind === 'const') return typeof resolved.value === 'number' ? [String(resolved.value)] : undefined;
  const arg = sqlArgument(value, lookup, depth);
  const items = arg?.kind === 'many' ? arg.items : arg ? [arg] : [];
  const values = items.map((item) => (item.kind === 'sql' ? item.str.value : undefined));
  return values.length && values.every((v) => v !== undefined) ? (values as string[]) : undefined;
}

/** A static string's value (a literal, or a name assigned one), else undefined. */
export function staticString(value: PyValue | undefined, lookup: (name: string, at: number) => PyValue | undefined): string | undefined {
  const arg = sqlArgument(value, lookup);
  return arg?.kind === 'sql' ? arg.str.value : undefined;
}

function abbreviate(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}
