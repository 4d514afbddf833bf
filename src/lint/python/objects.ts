import { calleeName, type PyValue } from './expr.js';
import { sqlArgument, staticString } from './sql-argument.js';

type Lookup = (name: string, at: number) => PyValue | undefined;

/** The parameters that name what an operation works on (not its schema, column lists or options). */
const NAMING_PARAMS = ['table_name', 'old_table_name', 'new_table_name', 'source_table', 'referent_table', 'index_name', 'column_name', 'constraint_name', 'column'];
/** Calls that wrap a name: `sa.Column("x", …)`, `op.f("ix_t_x")`, `conv(…)`, `quoted_name(…)`. */
const NAME_WRAPPERS = new Set(['Column', 'f', 'conv', 'quoted_name']);

/**
 * The names of the objects an operation works on (its table, column, index, constraint), to
 * match against the names an early return tests; undefined when one is computed at run time
 * (it could be any object, so any early return may guard it).
 */
export function operationObjects(params: Record<string, PyValue>, batch: Record<string, PyValue> | undefined, lookup: Lookup): string[] | undefined {
  const values = [...NAMING_PARAMS.map((p) => params[p]), batch?.table_name].filter((v): v is PyValue => v !== undefined && !(v.kind === 'const' && v.value === null));
  const names = values.map((v) => nameOf(v, lookup));
  return names.length && names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}

/**
 * For executed SQL: every word of its text, which holds the names of what it works on (a test
 * never looks for a keyword); undefined when the SQL is not static.
 */
export function sqlObjects(value: PyValue | undefined, lookup: Lookup): string[] | undefined {
  const arg = sqlArgument(value, lookup);
  const items = arg?.kind === 'many' ? arg.items : arg ? [arg] : [];
  if (!items.length || items.some((item) => item.kind !== 'sql')) return undefined;
  return items.flatMap((item) => (item.kind === 'sql' ? (item.str.value.match(/[A-Za-z_][\w$]*/g) ?? []) : []));
}

function nameOf(value: PyValue, lookup: Lookup): string | undefined {
  if (value.kind === 'call' && NAME_WRAPPERS.has(calleeName(value) ?? '')) {
    const first = value.args.find((a) => !a.keyword && !a.star)?.value ?? value.args.find((a) => a.keyword === 'name')?.value;
    return first && nameOf(first, lookup);
  }
  return staticString(value, lookup);
}
