import { blocksOf, headerHas, isEmptyBody, within, type Block } from './blocks.js';
import { calleeName, dottedName, loopItem, parseArgs, parseExpr, splitTopLevel, type PyArg, type PyValue } from './expr.js';
import { decodeString } from './strings.js';
import { forwardedCalls } from './forwarders.js';
import { returnExpander } from './returns.js';
import { operationObjects, sqlObjects } from './objects.js';
import { signature } from './ops.js';
import { staticString } from './sql-argument.js';
import { readConditions, type CheckPolarity } from './conditions.js';
import { implicitExecutions } from './implicit-execution.js';
import { functionPhases, type Phase } from './phases.js';
import { inRunOrder } from './run-order.js';
import { closingBracket, endOfLine, tokenizePython, type PyToken } from './tokenize.js';

export type { Phase } from './phases.js';

export type { CheckPolarity } from './conditions.js';

/** One `op.*` call (or a call on a batch_alter_table context or on `op.get_bind()`). */
export interface OpCall {
  method: string;
  via: 'op' | 'batch' | 'bind';
  /** Arguments by Alembic's parameter name (positional ones named from its signature). */
  params: Record<string, PyValue>;
  /** Positional arguments beyond the signature (create_table's columns, …). */
  extra: PyValue[];
  /**
   * `**kwargs`: keyword arguments are unknown (the if_exists / if_not_exists flags are
   * keyword-only, so a `*columns` hides none of them).
   */
  hasKwargs: boolean;
  /** A `*x` / `**x` argument lint cannot read hides some of its arguments. */
  unpacked?: boolean;
  at: number;
  phase: Phase;
  /** Inside `with op.get_context().autocommit_block():`. */
  autocommit: boolean;
  /** For calls on a batch context: the context's own arguments (table_name, schema). */
  batch?: Record<string, PyValue>;
  /** `x.execute(...)` on a receiver not traced to op.get_bind(): SQL only if its argument is. */
  guessed?: boolean;
  /** The name an execute is called on (`conn` of `conn.execute(…)`), when it is one bare name. */
  receiver?: string;
  /**
   * A write through a table object a helper was passed (`def change(conn, t): conn.execute(t.update())`,
   * `change(bind, sa.table("queries"))`): at each call of the helper, the table its caller passed.
   */
  write?: { verb: string; table: PyValue };
  /**
   * Inside catalog checks (`if not inspector.has_table(...):`, `if 'c' in columns:`), or after an
   * early return on one that tests its object (`if has_table('t'): return`, then t's creation):
   * what each one lets through, `missing` (a `not` in its test) or `present`.
   */
  checked?: CheckPolarity[];
  /** The names those checks test (`has_table('t')` → t). */
  checkedNames?: string[];
  /** It runs only under some `if` or loop (of its function, or around every call of its helper). */
  conditional?: boolean;
  /** Where its innermost block or function starts: calls with the same one run together. */
  block?: number;
  /**
   * It runs only on another database than Postgres: under `if dialect == 'mysql':` (or a name or
   * helper holding such a test), in the `else:` of a Postgres test, after `if dialect != 'mysql': return`.
   */
  dialectTested?: boolean;
}

export interface RevisionFile {
  text: string;
  tokens: PyToken[];
  calls: OpCall[];
  /** Offset of `def upgrade` / `def downgrade`, and whether its body does nothing. */
  functions: Partial<Record<'upgrade' | 'downgrade', { at: number; empty: boolean }>>;
  /** Resolves a bare name to the value last assigned to it before `at` (in its function, else the module). */
  lookup(name: string, at: number): PyValue | undefined;
}

const EXECUTE_METHODS = new Set(['execute', 'exec_driver_sql']);
/** `op` helpers that run nothing themselves (names, literals, contexts). */
const NOT_OPERATIONS = new Set(['f', 'inline_literal', 'get_bind', 'get_context', 'batch_alter_table', 'implementation_for', 'register_operation', 'invoke', 'run_async']);

/** Reads an Alembic revision file's operations statically (never imports or runs it). */
export function readRevision(text: string): RevisionFile {
  const tokens = tokenizePython(text);
  const defs = blocksOf(tokens, 'def');
  const topLevel = defs.filter((d) => tokens[d.head]!.indent === 0);
  const functions: RevisionFile['functions'] = {};
  for (const d of topLevel) {
    const name = tokens[d.head + 1]?.text;
    if (name === 'upgrade' || name === 'downgrade') functions[name] = { at: tokens[d.head]!.start, empty: isEmptyBody(tokens, d) };
  }
  const assignments = collectAssignments(tokens, text, topLevel);
  const rawLookup = (name: string, at: number): PyValue | undefined => {
    const fn = enclosing(topLevel, tokens, at);
    // `stmt = stmt.values(…)`: the name on the right is what stmt held before this assignment.
    const candidates = assignments.filter((a) => a.name === name && (a.scope === fn || a.scope === undefined) && !(at > a.at && at < a.end));
    const local = candidates.filter((a) => a.scope === fn && fn !== undefined && a.at < at);
    const chosen = local.length ? local : candidates.filter((a) => a.scope === undefined);
    return chosen[chosen.length - 1]?.value;
  };
  // `_sql("users")` where `def _sql(t): return f"…{t}…"`: read as what the helper returns for it.
  const expand = returnExpander(tokens, text, topLevel, (name, at) => lookup(name, at));
  const lookup = (name: string, at: number): PyValue | undefined => {
    const value = rawLookup(name, at);
    return value && expand(value);
  };
  const withs = blocksOf(tokens, 'with');
  const autocommit = withs.filter((w) => headerHas(tokens, w, (t) => t.text === 'autocommit_block'));
  const batches = batchContexts(tokens, text, withs);
  const phases = functionPhases(tokens, topLevel);
  const phaseAt = (offset: number): Phase => {
    const fn = enclosing(topLevel, tokens, offset);
    return fn ? phases.get(fn)! : 'other';
  };
  const inAutocommit = (offset: number): boolean => autocommit.some((w) => within(tokens, w, offset));
  const conditions = readConditions(tokens, topLevel, (offset) => enclosing(topLevel, tokens, offset), (name, at) => staticString({ kind: 'name', name, at }, lookup));
  /** `objects`: the names of what the call works on, for the early returns that guard it. */
  const circumstances = (at: number, objects: string[] | undefined): Pick<OpCall, 'checked' | 'checkedNames' | 'conditional' | 'block' | 'dialectTested'> => {
    const checked = conditions.checkedAt(at, objects);
    return {
      block: conditions.blockAt(at),
      ...(checked ? { checked, checkedNames: conditions.checkedNamesAt(at, objects) } : {}),
      ...(conditions.conditionalAt(at) ? { conditional: true } : {}),
      ...(conditions.otherDialectAt(at) ? { dialectTested: true } : {}),
    };
  };
  const unpack = unpacker(tokens, text, lookup);
  const binds = new Set(assignments.filter((a) => isGetBind(a.value)).map((a) => a.name));

  const calls: OpCall[] = [];
  for (let k = 0; k + 3 < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type !== 'name' || tokens[k - 1]?.text === '.' || tokens[k + 1]?.text !== '.') continue;
    const receiver = receiverAt(tokens, k, binds, batches);
    if (!receiver) continue;
    const method = tokens[receiver.end + 1]!;
    const open = receiver.end + 2;
    if (method.type !== 'name' || tokens[open]?.text !== '(' || tokens[receiver.end]?.text !== '.') continue;
    if (receiver.via === 'op' && NOT_OPERATIONS.has(method.text)) continue;
    if (receiver.via === 'bind' && !EXECUTE_METHODS.has(method.text)) continue;
    const close = closingBracket(tokens, open);
    if (close < 0) continue;
    // `stmt.execute()` on a name not traced to a connection: the statement it holds runs itself.
    const args = receiver.guessed && close === open + 1 ? [{ value: { kind: 'name' as const, name: t.text, at: t.start } }] : parseArgs(tokens, open, close, text);
    const sig = signature(method.text);
    const names = receiver.via === 'bind' ? ['sqltext'] : ((receiver.via === 'batch' ? sig?.batch : sig?.op) ?? []);
    const bound = bindParams(args.map((a) => ({ ...a, value: expand(a.value) })), names, unpack);
    const executes = receiver.via === 'bind' || method.text === 'execute';
    calls.push({
      method: receiver.via === 'bind' ? 'execute' : method.text,
      via: receiver.via,
      ...bound,
      at: t.start,
      phase: phaseAt(t.start),
      autocommit: inAutocommit(t.start),
      ...(receiver.batch ? { batch: receiver.batch } : {}),
      ...(receiver.guessed ? { guessed: true } : {}),
      ...(receiver.via === 'bind' && receiver.end === k + 1 ? { receiver: t.text } : {}),
      ...circumstances(t.start, executes ? sqlObjects(bound.params.sqltext, lookup) : operationObjects(bound.params, receiver.batch, lookup)),
    });
  }
  for (const at of implicitExecutions(tokens)) {
    const statement = expand(parseExpr(tokens, at.start, at.dot, text));
    const start = tokens[at.start]!.start;
    // As for an execute on an unknown receiver: only what is SQL or a traced table write counts.
    calls.push({ method: 'execute', via: 'bind', params: { sqltext: statement }, extra: [], hasKwargs: false, at: start, phase: phaseAt(start), autocommit: inAutocommit(start), guessed: true, ...circumstances(start, sqlObjects(statement, lookup)) });
  }
  // `for table in ["params", "metrics"]: op.create_index(…, table, …)`: one operation per item.
  const expanded = calls.flatMap((c) => eachItem(c, lookup));
  calls.splice(0, calls.length, ...expanded);
  const scope = {
    lookup,
    // A helper's parameter is its caller's value unless the helper assigns the name before.
    assignedBefore: (name: string, at: number) => assignments.some((a) => a.name === name && a.scope !== undefined && a.scope === enclosing(topLevel, tokens, at) && a.at < at),
    isBind: (value: PyValue | undefined) => isBindValue(value, lookup),
    expand,
  };
  const forwarded = forwardedCalls(tokens, text, topLevel, calls, scope, (at, value, objects) => ({ phase: phaseAt(at), autocommit: inAutocommit(at), ...circumstances(at, objects ?? (value && sqlObjects(value, lookup))) }));
  // `for n in ("a", "b"): _drop(n)`: a helper's operation on a loop variable runs once per item too.
  const all = inRunOrder(tokens, topLevel, phases, [...calls.filter((c) => !forwarded.inside.has(c)), ...forwarded.calls.flatMap((c) => eachItem(c, lookup))]);
  return { text, tokens, calls: all, functions, lookup };
}

/**
 * `unpack`: what a `*x` / `**x` argument holds when the file shows it (a literal tuple or dict,
 * or a name assigned one): its items are arguments like the others.
 */
/**
 * An operation whose arguments name the variable of a loop over a literal list or tuple (or a
 * name assigned one, a module constant): one operation per item, each with that item in place
 * of the variable. Executed SQL reads loop variables itself (sqlArgument's `many`).
 */
function eachItem(call: OpCall, lookup: RevisionFile['lookup'], depth = 0): OpCall[] {
  if (call.via === 'bind' || call.method === 'execute' || depth > 3) return [call];
  for (const value of Object.values(call.params)) {
    if (value.kind !== 'name') continue;
    const loop = lookup(value.name, value.at);
    if (loop?.kind !== 'each') continue;
    let of: PyValue | undefined = loop.of;
    for (let hops = 0; of?.kind === 'name' && hops < 5; hops++) of = lookup(of.name, of.at);
    if (of?.kind !== 'list' || !of.items.length) continue;
    // Every variable of this loop (`for table, column in …`) takes its place in the same item.
    const variable = (v: PyValue) => {
      const bound = v.kind === 'name' ? lookup(v.name, v.at) : undefined;
      return bound?.kind === 'each' && bound.of === loop.of ? bound : undefined;
    };
    const unknown = (at: number): PyValue => ({ kind: 'other', text: 'an item lint cannot unpack', at });
    const inItem = (item: PyValue) => Object.fromEntries(Object.entries(call.params).map(([k, v]) => [k, variable(v) ? (loopItem(variable(v)!, item) ?? unknown(v.at)) : v]));
    return of.items.flatMap((item) => eachItem({ ...call, params: inItem(item) }, lookup, depth + 1));
  }
  return [call];
}

/**
 * The names a `for` binds, tokens[from, to): one name, or a flat tuple of names (each with its
 * place in the item); a nested or starred target's names get no place (what they hold is unknown).
 */
function loopTargets(tokens: PyToken[], from: number, to: number): Array<{ name: string; index?: number }> {
  const inner = tokens[from]?.text === '(' && closingBracket(tokens, from) === to - 1 ? [from + 1, to - 1] : [from, to];
  const parts = splitTopLevel(tokens, inner[0]!, inner[1]!);
  const flat = parts.every(([a, b]) => b - a === 1 && tokens[a]!.type === 'name');
  if (flat && parts.length === 1 && tokens[inner[1]! - 1]?.text !== ',') return [{ name: tokens[parts[0]![0]]!.text }]; // `(x)` is x, `x,` a tuple
  if (flat) return parts.map(([a], index) => ({ name: tokens[a]!.text, index }));
  return tokens.slice(from, to).filter((c) => c.type === 'name').map((c) => ({ name: c.text }));
}

function bindParams(args: PyArg[], names: string[], unpack?: Unpacker): Pick<OpCall, 'params' | 'extra' | 'hasKwargs' | 'unpacked'> {
  const params: Record<string, PyValue> = {};
  const extra: PyValue[] = [];
  let hasKwargs = false;
  let unpacked = false;
  let position = 0;
  const positional = (value: PyValue) => {
    if (position < names.length) params[names[position++]!] = value;
    else extra.push(value);
  };
  for (const a of args) {
    if (a.star === '**') {
      const entries = unpack?.dict(a.value);
      if (entries) Object.assign(params, entries);
      else [hasKwargs, unpacked] = [true, true];
    } else if (a.star) {
      const items = unpack?.list(a.value);
      if (items) items.forEach(positional);
      else [position, unpacked] = [names.length, true]; // `*columns`: the positions after it are unknown
    } else if (a.keyword) params[a.keyword] = a.value;
    else positional(a.value);
  }
  return { params, extra, hasKwargs, ...(unpacked ? { unpacked } : {}) };
}

interface Unpacker {
  dict(value: PyValue): Record<string, PyValue> | undefined;
  list(value: PyValue): PyValue[] | undefined;
}

/** Reads `*x` / `**x` through names to a literal tuple or list, or a dict display with string keys. */
function unpacker(tokens: PyToken[], text: string, lookup: RevisionFile['lookup']): Unpacker {
  const resolve = (value: PyValue, depth = 0): PyValue => (value.kind === 'name' && depth < 5 ? resolve(lookup(value.name, value.at) ?? value, depth + 1) : value);
  return {
    list(value) {
      const v = resolve(value);
      return v.kind === 'list' ? v.items : undefined;
    },
    dict(value) {
      const v = resolve(value);
      if (v.kind !== 'other' || !v.text.startsWith('{')) return undefined;
      const open = tokens.findIndex((t) => t.start === v.at && t.text === '{');
      const close = open < 0 ? -1 : closingBracket(tokens, open);
      if (close < 0) return undefined;
      const entries: Record<string, PyValue> = {};
      for (const [a, b] of splitTopLevel(tokens, open + 1, close)) {
        const key = tokens[a]!;
        if (key.type !== 'string' || tokens[a + 1]?.text !== ':' || a + 2 >= b) return undefined;
        const name = decodeString(key.text, key.start);
        if (name.formatted || name.bytes) return undefined;
        entries[name.value] = parseExpr(tokens, a + 2, b, text);
      }
      return entries;
    },
  };
}

interface Receiver {
  via: OpCall['via'];
  /** Index of the '.' before the method name. */
  end: number;
  batch?: Record<string, PyValue>;
  guessed?: boolean;
}

/** What the dotted call starting at tokens[k] is called on: op, a connection, a batch context. */
function receiverAt(tokens: PyToken[], k: number, binds: Set<string>, batches: BatchContext[]): Receiver | undefined {
  const t = tokens[k]!;
  if (t.text === 'op' && tokens[k + 2]?.text === 'get_bind' && tokens[k + 3]?.text === '(' && tokens[k + 4]?.text === ')') return { via: 'bind', end: k + 5 };
  if (t.text === 'op') return { via: 'op', end: k + 1 };
  if (binds.has(t.text)) return { via: 'bind', end: k + 1 };
  const ctx = batches.find((b) => b.alias === t.text && within(tokens, b.block, t.start));
  if (ctx) return { via: 'batch', end: k + 1, batch: ctx.args };
  // session.execute(text(...)), context.execute("..."), db.engine.execute("...") (Flask-SQLAlchemy):
  // SQL on something not traced to op.get_bind(), through any chain of attributes.
  let end = k + 1;
  while (tokens[end]?.text === '.' && tokens[end + 1]?.type === 'name' && tokens[end + 2]?.text === '.') end += 2;
  if (EXECUTE_METHODS.has(tokens[end + 1]?.text ?? '')) return { via: 'bind', end, guessed: true };
  return undefined;
}

interface Assignment {
  name: string;
  value: PyValue;
  at: number;
  /** Where its statement ends: a name used before that (on its right) is not yet this value. */
  end: number;
  /** The top-level function it is in; undefined at module level. */
  scope: Block | undefined;
}

/**
 * `name = expr`, `name: type = expr` and `for name in expr:` (how revisions keep SQL strings,
 * schemas and tables), and import aliases (`from sqlalchemy import table as sa_table` binds
 * sa_table to the name `table`, `import sqlalchemy as sqla` binds sqla to `sqlalchemy`).
 */
function collectAssignments(tokens: PyToken[], text: string, functions: Block[]): Assignment[] {
  const out: Assignment[] = [];
  tokens.forEach((t, k) => {
    if (t.lineStart !== k || t.type !== 'name') return;
    const end = endOfLine(tokens, k);
    if (t.text === 'from' || t.text === 'import') {
      const scope = enclosing(functions, tokens, t.start);
      const from = t.text === 'from' ? tokens.findIndex((c, i) => i > k && i < end && c.text === 'import') : k;
      if (from < 0) return;
      for (let i = from + 1; i + 2 < end; i++) {
        if (tokens[i + 1]!.text !== 'as' || tokens[i + 2]!.type !== 'name') continue;
        // The imported name: one name after `from … import`, a dotted module after `import`.
        let first = i;
        if (t.text === 'import') while (tokens[first - 1]?.text === '.' && first - 2 > from) first -= 2;
        const name = tokens.slice(first, i + 1).map((c) => c.text).join('');
        out.push({ name: tokens[i + 2]!.text, value: { kind: 'name', name, at: tokens[first]!.start }, at: t.start, end: tokens[end]!.start, scope });
      }
      return;
    }
    const inAt = t.text === 'for' ? tokens.findIndex((c, i) => i > k && i < end && c.text === 'in' && c.depth === t.depth) : -1;
    if (inAt > k + 1) {
      const colon = tokens.findIndex((c, i) => i > inAt && i < end && c.text === ':' && c.depth === t.depth);
      const of = parseExpr(tokens, inAt + 1, colon < 0 ? end : colon, text);
      const where = { at: t.start, end: tokens[colon < 0 ? end : colon]!.start, scope: enclosing(functions, tokens, t.start) };
      // `for name in …`, or `for a, b in …` / `for (a, b) in …`: each name one place of the item.
      const targets = loopTargets(tokens, k + 1, inAt);
      if (targets.length === 1 && targets[0]!.index === undefined) out.push({ name: targets[0]!.name, value: { kind: 'each', of, at: of.at }, ...where });
      else for (const target of targets) out.push({ name: target.name, value: target.index === undefined ? { kind: 'other', text: target.name, at: of.at } : { kind: 'each', of, at: of.at, index: target.index }, ...where });
      return;
    }
    let eq = k + 1;
    if (tokens[eq]?.text === ':') while (eq < end && !(tokens[eq]!.text === '=' && tokens[eq]!.depth === t.depth)) eq++;
    if (tokens[eq]?.text !== '=' || eq >= end) return;
    out.push({ name: t.text, value: parseExpr(tokens, eq + 1, end, text), at: t.start, end: tokens[end]!.start, scope: enclosing(functions, tokens, t.start) });
  });
  return out;
}

/** `with op.batch_alter_table("t", schema="s") as batch_op:` → alias, arguments, body. */
interface BatchContext {
  alias: string;
  args: Record<string, PyValue>;
  block: Block;
}

function batchContexts(tokens: PyToken[], text: string, withs: Block[]): BatchContext[] {
  const out: BatchContext[] = [];
  for (const w of withs) {
    for (let k = w.head + 1; k < w.colon; k++) {
      if (tokens[k]!.text !== 'batch_alter_table' || tokens[k + 1]?.text !== '(') continue;
      const close = closingBracket(tokens, k + 1);
      const alias = tokens[close + 1]?.text === 'as' ? tokens[close + 2]?.text : undefined;
      if (!alias) continue;
      out.push({ alias, args: bindParams(parseArgs(tokens, k + 1, close, text), ['table_name']).params, block: w });
    }
  }
  return out;
}

/** `op.get_bind()`, or a name assigned it (through names). */
function isBindValue(value: PyValue | undefined, lookup: RevisionFile['lookup'], depth = 0): boolean {
  if (!value || depth > 5) return false;
  if (value.kind === 'name') return isBindValue(lookup(value.name, value.at), lookup, depth + 1);
  return isGetBind(value);
}

function isGetBind(v: PyValue): boolean {
  return v.kind === 'call' && calleeName(v) === 'get_bind' && v.callee.kind === 'attr' && dottedName(v.callee.object) === 'op';
}



function enclosing(functions: Block[], tokens: PyToken[], offset: number): Block | undefined {
  return functions.find((f) => offset >= tokens[f.head]!.start && within(tokens, f, offset));
}
