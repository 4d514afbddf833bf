/**
 * `DEFAULT 'now()'` (quoted): Postgres reads the string as a timestamp once, when the table is
 * made, and every row gets that moment. Almost always meant as `DEFAULT now()`; it also makes
 * two builds of the same schema differ (verify's re-upgrade sees it).
 */
import type { Finding } from '../findings.js';
import type { ParsedStatement } from './types.js';

const QUOTED_SPECIAL = /'\s*(?:now|today|tomorrow|yesterday|current_timestamp|current_date|localtimestamp)\b/i;
const SPECIAL_VALUES = /^\s*(now|today|tomorrow|yesterday|current_timestamp|current_date|localtimestamp)\s*(\(\s*\))?\s*$/i;

export function frozenDefaults(stmt: ParsedStatement): Finding[] {
  // Almost no statement has one: a look at the text spares walking every parse tree.
  if (!QUOTED_SPECIAL.test(stmt.text)) return [];
  const found: string[] = [];
  const check = (constraint: Record<string, unknown>, timeType: boolean) => {
    const value = stringConstant(constraint.raw_expr);
    // On a column of a date/time type any of these; elsewhere (SET DEFAULT) only the call-like 'now()'.
    if (value !== undefined && SPECIAL_VALUES.test(value) && (timeType || value.includes('('))) found.push(value);
  };
  const walk = (v: unknown, timeType = false): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, timeType));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if ('ColumnDef' in o) {
      const def = o.ColumnDef as { typeName?: { names?: Array<{ String?: { sval?: string } }> }; constraints?: unknown };
      const type = def.typeName?.names?.at(-1)?.String?.sval ?? '';
      return walk(def.constraints, TIME_TYPES.has(type));
    }
    if (o.contype === 'CONSTR_DEFAULT') return check(o, timeType);
    if (o.subtype === 'AT_ColumnDefault') return check({ raw_expr: o.def }, false); // ALTER COLUMN … SET DEFAULT
    Object.values(o).forEach((x) => walk(x, timeType));
  };
  walk(stmt.node);
  return found.map((value) => ({
    code: 'frozen-default',
    severity: 'warning',
    message: `DEFAULT '${value}' is a string: Postgres turns it into one fixed moment when this runs, and every row gets that moment`,
    location: stmt.location,
    hint: `write DEFAULT ${/^(today|tomorrow|yesterday|current_date)/i.test(value) ? 'CURRENT_DATE' : 'now()'} (evaluated for each row) unless a fixed moment is meant`,
  }));
}

const TIME_TYPES = new Set(['timestamp', 'timestamptz', 'date', 'time', 'timetz']);

/** `'now()'` or `'now()'::timestamptz`. */
function stringConstant(expr: unknown): string | undefined {
  const node = expr as { A_Const?: { sval?: { sval?: string } }; TypeCast?: { arg?: unknown } } | undefined;
  if (node?.A_Const?.sval) return node.A_Const.sval.sval ?? '';
  return node?.TypeCast ? stringConstant(node.TypeCast.arg) : undefined;
}
