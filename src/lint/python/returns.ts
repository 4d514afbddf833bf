import { PHASE_NAME, type Block } from './blocks.js';
import { parseExpr, splitTopLevel, type PyArg, type PyValue } from './expr.js';
import { fieldNames, fillFString } from './fstring.js';
import { staticValues } from './sql-argument.js';
import { closingBracket, endOfLine, type PyToken } from './tokenize.js';

/** A helper of the file that only computes a value: `def _sql(table): return f"UPDATE {table} …"`. */
interface ReturnHelper {
  params: Array<{ name: string; default?: PyValue }>;
  /** Its simple assignments (`sql = …`), in order, and what it returns. */
  locals: Array<{ name: string; value: PyValue }>;
  returns: PyValue;
}

/** How deep helpers returning calls of helpers are followed. */
const MAX_DEPTH = 4;

/**
 * Calls of the file's value helpers read as what they return: `_sql("users")` is the expression
 * of `return …` with the helper's parameters bound to the caller's arguments (so names there are
 * read where the caller wrote them, module constants where the helper did). A helper qualifies
 * when its body is a docstring, simple assignments and one final `return <expr>`: no branches,
 * loops or other statements. An argument the call does not show (`*args`, a missing one without
 * default) is a value lint cannot read, never a guess.
 */
export function returnExpander(tokens: PyToken[], text: string, functions: Block[], lookup: (name: string, at: number) => PyValue | undefined): (value: PyValue) => PyValue {
  const helpers = new Map<string, ReturnHelper>();
  const defined = new Map<string, number>();
  for (const fn of functions) {
    const name = tokens[fn.head + 1]?.text ?? '';
    defined.set(name, (defined.get(name) ?? 0) + 1);
    const helper = readHelper(tokens, text, fn);
    if (helper && !PHASE_NAME.test(name)) helpers.set(name, helper);
  }
  for (const [name, count] of defined) if (count > 1) helpers.delete(name); // redefined: which one runs depends on order

  const active = new Set<PyValue>();
  /** A helper call was left unread: helpers returning calls of helpers nest too deep (or recurse). */
  let tooDeep = false;
  const expand = (value: PyValue, depth = 0): PyValue => {
    if (depth > MAX_DEPTH || active.has(value)) return value;
    active.add(value);
    try {
      return expandIn(value, depth);
    } finally {
      active.delete(value);
    }
  };
  const expandIn = (value: PyValue, depth: number): PyValue => {
    switch (value.kind) {
      case 'attr':
        return rebuilt(value, { ...value, object: expand(value.object, depth) }, [value.object]);
      case 'list':
        return rebuilt(value, { ...value, items: value.items.map((v) => expand(v, depth)) }, value.items);
      case 'percent':
        return rebuilt(value, { ...value, operands: expand(value.operands, depth) }, [value.operands]);
      case 'each':
        return rebuilt(value, { ...value, of: expand(value.of, depth) }, [value.of]);
      case 'call': {
        const args = value.args.map((a) => ({ ...a, value: expand(a.value, depth) }));
        const helper = value.callee.kind === 'name' && helpers.has(value.callee.name) && !lookup(value.callee.name, value.at) ? helpers.get(value.callee.name) : undefined;
        if (helper && depth >= MAX_DEPTH) tooDeep = true;
        if (helper) return expand(bind(helper, args, value), depth + 1);
        const callee = expand(value.callee, depth);
        const same = callee === value.callee && args.every((a, i) => a.value === value.args[i]!.value);
        return same ? value : { ...value, callee, args };
      }
      default:
        return value;
    }
  };

  /** The helper's returned expression with its parameters (and locals) replaced by what they hold at this call. */
  const bind = (helper: ReturnHelper, args: PyArg[], call: PyValue & { kind: 'call' }): PyValue => {
    const unread: PyValue = { kind: 'other', text: `the value ${sourceOf(call)} returns`, at: call.at };
    const starred = args.some((a) => a.star);
    const positional = args.filter((a) => !a.keyword && !a.star);
    const bound = new Map<string, PyValue>();
    helper.params.forEach((p, i) => {
      const value = args.find((a) => a.keyword === p.name)?.value ?? (starred ? undefined : positional[i]?.value) ?? (starred ? undefined : p.default);
      bound.set(p.name, value ?? { kind: 'other', text: `an argument of ${sourceOf(call)} lint cannot read`, at: call.at });
    });
    if (positional.length > helper.params.length) return unread;
    const locals = new Map<string, PyValue>();
    const substitute = (value: PyValue): PyValue | undefined => {
      switch (value.kind) {
        case 'name':
          return bound.get(value.name) ?? locals.get(value.name) ?? value;
        case 'string': {
          if (!value.str.formatted || !fieldNames(value.str).some((f) => bound.has(f) || locals.has(f))) return value;
          // Its fields read the caller's values: the strings they make, or nothing lint can read.
          const own = (name: string) => bound.get(name) ?? locals.get(name);
          const filled = fillFString(value.str, (name, at) => staticValues(own(name) ?? { kind: 'name', name, at }, lookup));
          if (!filled || filled.some((f) => f.holes.length)) return undefined;
          const strings = filled.map((f): PyValue => ({ kind: 'string', str: f.str, at: value.at }));
          return strings.length === 1 ? strings[0]! : { kind: 'each', of: { kind: 'list', items: strings, at: value.at }, at: value.at };
        }
        case 'attr': {
          const object = substitute(value.object);
          return object && { ...value, object };
        }
        case 'list': {
          const items = value.items.map(substitute);
          return items.every((v) => v) ? { ...value, items: items as PyValue[] } : undefined;
        }
        case 'percent': {
          const operands = substitute(value.operands);
          return operands && { ...value, operands };
        }
        case 'call': {
          const callee = substitute(value.callee);
          const args = value.args.map((a) => ({ ...a, value: substitute(a.value) }));
          return callee && args.every((a) => a.value) ? { ...value, callee, args: args as PyArg[] } : undefined;
        }
        default:
          return value;
      }
    };
    for (const local of helper.locals) {
      const value = substitute(local.value);
      if (!value) return unread;
      locals.set(local.name, value);
    }
    return substitute(helper.returns) ?? unread;
  };
  const cache = new WeakMap<PyValue, PyValue>();
  return (value) => {
    if (!helpers.size) return value;
    if (active.size) return expand(value);
    const known = cache.get(value);
    if (known) return known;
    tooDeep = false;
    const expanded = expand(value);
    const result: PyValue = tooDeep ? { kind: 'other', text: 'the value of helpers that call each other too deeply', at: value.at } : expanded;
    cache.set(value, result);
    return result;
  };
}

/** The node itself when no child changed (keeps identities lint compares), else the rebuilt one. */
function rebuilt(value: PyValue, next: PyValue, before: PyValue[]): PyValue {
  const after = next.kind === 'attr' ? [next.object] : next.kind === 'list' ? next.items : next.kind === 'percent' ? [next.operands] : next.kind === 'each' ? [next.of] : [];
  return after.every((v, i) => v === before[i]) ? value : next;
}

function sourceOf(call: PyValue & { kind: 'call' }): string {
  return `${call.callee.kind === 'name' ? call.callee.name : 'a helper'}()`;
}

/** Reads a function whose body is a docstring, simple `name = …` assignments and one final `return …`. */
function readHelper(tokens: PyToken[], text: string, fn: Block): ReturnHelper | undefined {
  if (tokens[fn.head + 2]?.text !== '(') return undefined;
  const close = closingBracket(tokens, fn.head + 2);
  if (close < 0) return undefined;
  const params: ReturnHelper['params'] = [];
  for (const [a, b] of splitTopLevel(tokens, fn.head + 3, close)) {
    const t = tokens[a]!;
    if (t.type !== 'name' || (b - a > 1 && tokens[a + 1]!.text !== ':' && tokens[a + 1]!.text !== '=')) return undefined; // `*args`, `/`, `**kw`
    const eq = tokens.findIndex((c, k) => k > a && k < b && c.text === '=' && c.depth === t.depth);
    params.push({ name: t.text, ...(eq > 0 ? { default: parseExpr(tokens, eq + 1, b, text) } : {}) });
  }
  const names = new Set(params.map((p) => p.name));
  const locals: ReturnHelper['locals'] = [];
  const indent = tokens[fn.from]?.indent;
  for (let k = fn.from; k < fn.to; k = endOfLine(tokens, k) + 1) {
    const t = tokens[k]!;
    if (t.type === 'newline') continue;
    if (k !== fn.from && t.indent !== indent) return undefined; // a nested block
    const end = Math.min(endOfLine(tokens, k), fn.to);
    if (t.text === 'return') {
      if (end < fn.to - 1 && tokens.slice(end + 1, fn.to).some((c) => c.type !== 'newline')) return undefined; // statements after it
      if (end <= k + 1) return undefined;
      return { params, locals, returns: parseExpr(tokens, k + 1, end, text) };
    }
    if (t.type === 'string' && end === k + 1) continue; // docstring
    let eq = k + 1;
    if (tokens[eq]?.text === ':') while (eq < end && !(tokens[eq]!.text === '=' && tokens[eq]!.depth === t.depth)) eq++;
    if (t.type !== 'name' || tokens[eq]?.text !== '=' || eq + 1 >= end || names.has(t.text)) return undefined;
    locals.push({ name: t.text, value: parseExpr(tokens, eq + 1, end, text) });
  }
  return undefined;
}
