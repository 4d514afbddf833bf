import { PHASE_NAME, within, type Block } from './blocks.js';
import { parseArgs, splitTopLevel, type PyArg, type PyValue } from './expr.js';
import type { OpCall } from './revision.js';
import { fieldNames, fillFString } from './fstring.js';
import { operationObjects } from './objects.js';
import { sqlArgument, staticValues } from './sql-argument.js';
import { closingBracket, type PyToken } from './tokenize.js';

/** What forwarding needs to know of the file's names. */
export interface ForwardScope {
  lookup: (name: string, at: number) => PyValue | undefined;
  /** The function around `at` assigns the name before it (a parameter so reassigned is not the caller's value). */
  assignedBefore: (name: string, at: number) => boolean;
  /** The value is a connection: `op.get_bind()`, or a name assigned it. */
  isBind: (value: PyValue | undefined) => boolean;
  /** A value with the calls of the file's value helpers read as what they return. */
  expand?: (value: PyValue) => PyValue;
}

type Where = Omit<OpCall, 'method' | 'via' | 'params' | 'extra' | 'hasKwargs' | 'at' | 'guessed'>;
/** Where a call runs (phase, checks around it), given its SQL or the names of what it works on. */
type WhereAt = (at: number, value: PyValue | undefined, objects?: string[]) => Where;

/**
 * Helpers that pass their parameter to an execute call (`def run_sql(sql): op.execute(sql)`,
 * as pgmend convert and many projects write them): each call of the helper is an execute of
 * its argument, located where the helper is called. The same for a table object passed to a
 * helper that writes through it (`def change(conn, t): conn.execute(t.update()…)`,
 * `op.bulk_insert(t, rows)`): each call writes to the table its caller passed. A connection
 * passed as a parameter (`change(op.get_bind(), …)`) is a connection in the helper.
 */
export function forwardedCalls(tokens: PyToken[], text: string, functions: Block[], calls: OpCall[], scope: ForwardScope, where: WhereAt): { calls: OpCall[]; inside: Set<OpCall> } {
  /** What one call of a helper runs, given the arguments at the call site. */
  const forwards = new Map<string, Array<(at: number, arg: (param: string) => PyValue | undefined) => OpCall | undefined>>();
  const add = (helper: string, forward: (at: number, arg: (param: string) => PyValue | undefined) => OpCall | undefined) => forwards.set(helper, [...(forwards.get(helper) ?? []), forward]);
  const inside = new Set<OpCall>();
  /** Executes on a connection parameter: their receiver's argument at each call site. */
  const onParameter: Array<{ helper: string; receiver: string; call: OpCall }> = [];
  for (const fn of functions) {
    const name = tokens[fn.head + 1]?.text ?? '';
    if (PHASE_NAME.test(name) || tokens[fn.head + 2]?.text !== '(') continue;
    const params = splitTopLevel(tokens, fn.head + 3, closingBracket(tokens, fn.head + 2)).map(([a]) => tokens[a]!.text);
    const isParam = (v: PyValue | undefined): v is PyValue & { kind: 'name' } => v?.kind === 'name' && params.includes(v.name) && !scope.assignedBefore(v.name, v.at);
    for (const call of calls) {
      if (!within(tokens, fn, call.at)) continue;
      const receiver = call.receiver !== undefined && params.includes(call.receiver) && !scope.assignedBefore(call.receiver, call.at) ? call.receiver : undefined;
      const inner = (site: number, value: PyValue | undefined, objects?: string[]): Where => ({ ...where(site, value, objects), ...(call.dialectTested ? { dialectTested: true } : {}), ...(call.conditional ? { conditional: true } : {}) });
      if (call.method === 'bulk_insert' && isParam(call.params.table)) {
        const param = call.params.table.name;
        add(name, (at, arg) => ({ ...call, params: { ...call.params, table: arg(param) ?? unknown(at) }, at, ...inner(at, undefined) }));
        inside.add(call);
        continue;
      }
      const named = call.method === 'execute' || call.via === 'batch' ? [] : Object.entries(call.params).filter(([, v]) => isParam(v));
      if (named.length) {
        // `def rename(from_, to): op.rename_table(from_, to)`: each call names the tables its caller passes.
        add(name, (at, arg) => {
          const params = { ...call.params, ...Object.fromEntries(named.map(([k, v]) => [k, arg((v as { name: string }).name) ?? unknown(at)])) };
          return { ...call, params, at, ...inner(at, undefined, operationObjects(params, undefined, scope.lookup)) };
        });
        inside.add(call);
        continue;
      }
      if (call.method !== 'execute') continue;
      const sql = call.params.sqltext;
      const template = sql?.kind === 'string' && sql.str.formatted && !receiver ? sql : undefined;
      if (template && fieldNames(template.str).some((f) => params.includes(f) && !scope.assignedBefore(f, template.at))) {
        // `op.execute(f"ALTER INDEX {from_}_pkey RENAME TO {to}_pkey")`: the SQL each caller's strings make.
        add(name, (at, arg) => {
          const filled = fillFString(template.str, (field, fieldAt) => (params.includes(field) && !scope.assignedBefore(field, fieldAt) ? staticValues(arg(field), scope.lookup) : staticValues({ kind: 'name', name: field, at: fieldAt }, scope.lookup)));
          const only = filled?.length === 1 && !filled[0]!.holes.length ? filled[0]!.str : undefined;
          // Not all static here: the f-string as written, whose run-time fields may be mere values.
          const sqltext: PyValue = only ? { kind: 'string', str: only, at: template.at } : template;
          return { ...call, params: { ...call.params, sqltext }, at, ...inner(at, sqltext) };
        });
        inside.add(call);
        continue;
      }
      if (sql?.kind === 'name' && params.includes(sql.name)) {
        // Run on the helper's connection parameter, it is an execute on a connection where the caller passes one.
        const guessed = (arg: (param: string) => PyValue | undefined) => call.guessed === true && !(receiver && scope.isBind(arg(receiver)));
        add(name, (at, arg) => {
          const value = arg(sql.name);
          if (!value) return undefined;
          return { method: 'execute', via: 'op', params: { sqltext: value }, extra: [], hasKwargs: false, at, ...where(at, value), ...(guessed(arg) ? { guessed: true } : {}) };
        });
        inside.add(call);
        continue;
      }
      const statement = sqlArgument(sql, scope.lookup);
      if (statement?.kind === 'table-write' && isParam(statement.table)) {
        // Which table it writes is the caller's: traced there, or a dynamic-sql warning there.
        const { verb, table } = statement;
        add(name, (at, arg) => ({ method: 'execute', via: 'bind', params: { sqltext: sql! }, extra: [], hasKwargs: false, at, ...inner(at, undefined), write: { verb, table: arg(table.name) ?? unknown(at) } }));
        inside.add(call);
        continue;
      }
      if (receiver && call.guessed) {
        // A write through a table object on a connection parameter is a write, traced or not.
        if (statement?.kind === 'table-write') delete call.guessed;
        else onParameter.push({ helper: name, receiver, call });
      }
    }
  }
  const out: OpCall[] = [];
  const bound = new Set<OpCall>();
  tokens.forEach((t, k) => {
    const helper = t.type === 'name' && tokens[k - 1]?.text !== '.' && tokens[k - 1]?.text !== 'def' && tokens[k + 1]?.text === '(' ? t.text : undefined;
    if (!helper || (!forwards.has(helper) && !onParameter.some((p) => p.helper === helper))) return;
    const params = helperParams(tokens, functions, helper);
    const arg = argumentOf(parseArgs(tokens, k + 1, closingBracket(tokens, k + 1), text).map((a) => ({ ...a, value: scope.expand?.(a.value) ?? a.value })), params);
    for (const forward of forwards.get(helper) ?? []) {
      const call = forward(t.start, arg);
      if (call) out.push(call);
    }
    for (const p of onParameter) if (p.helper === helper && scope.isBind(arg(p.receiver))) bound.add(p.call);
  });
  // An execute on a connection parameter some caller passes op.get_bind() runs on a connection.
  for (const call of bound) delete call.guessed;
  return { calls: out, inside };
}

/** A value lint cannot read: an argument the call site does not show. */
function unknown(at: number): PyValue {
  return { kind: 'other', text: 'an argument not passed by name or position', at };
}

function helperParams(tokens: PyToken[], functions: Block[], name: string): string[] {
  const fn = functions.find((f) => tokens[f.head + 1]?.text === name && tokens[f.head + 2]?.text === '(');
  return fn ? splitTopLevel(tokens, fn.head + 3, closingBracket(tokens, fn.head + 2)).map(([a]) => tokens[a]!.text) : [];
}

/** The argument a call site passes for a parameter, by keyword or by position (none after a `*x`). */
function argumentOf(args: PyArg[], params: string[]): (param: string) => PyValue | undefined {
  return (param) => {
    const keyword = args.find((a) => a.keyword === param);
    if (keyword) return keyword.value;
    const index = params.indexOf(param);
    const positional: PyArg[] = [];
    for (const a of args) {
      if (a.star) break;
      if (!a.keyword) positional.push(a);
    }
    return index >= 0 ? positional[index]?.value : undefined;
  };
}
