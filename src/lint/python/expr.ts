import { closingBracket, type PyToken } from './tokenize.js';
import { concatStrings, decodeString, type PyString } from './strings.js';

/**
 * The static value of a Python expression, as far as it can be known without running it:
 * literals, names, attribute chains and calls. Everything else is `other` (its source text).
 * `at` is the file offset where the expression starts.
 */
export type PyValue =
  | { kind: 'string'; str: PyString; at: number }
  | { kind: 'const'; value: boolean | number | null; at: number }
  | { kind: 'name'; name: string; at: number }
  | { kind: 'attr'; object: PyValue; name: string; at: number }
  | { kind: 'call'; callee: PyValue; args: PyArg[]; at: number }
  /** A list or tuple display: `["a", "b"]`, `("a", "b")`. */
  | { kind: 'list'; items: PyValue[]; at: number }
  /** `'… %s …' % operands`: printf-style formatting of a string literal. */
  | { kind: 'percent'; format: PyString; operands: PyValue; at: number }
  /**
   * The variable of `for name in <of>:`, one item of `of` at a time; in `for a, b in <of>:`
   * each name takes its `index` in the item (`a` the first of each pair).
   */
  | { kind: 'each'; of: PyValue; at: number; index?: number }
  | { kind: 'other'; text: string; at: number };

export interface PyArg {
  /** Keyword name; absent for positional arguments. */
  keyword?: string;
  /** `*args` / `**kwargs`: the positional / keyword arguments cannot be known statically. */
  star?: '*' | '**';
  value: PyValue;
}

/** Parses tokens[from, to) as one expression. */
export function parseExpr(tokens: PyToken[], from: number, to: number, text: string): PyValue {
  const at = tokens[from]?.start ?? 0;
  const other = (): PyValue => ({ kind: 'other', text: text.slice(at, tokens[to - 1]?.end ?? at), at });
  if (from >= to) return other();
  // A parenthesised expression (not a tuple) is its content.
  const first = tokens[from]!;
  if ((first.text === '(' || first.text === '[') && closingBracket(tokens, from) === to - 1) {
    const parts = splitTopLevel(tokens, from + 1, to - 1);
    const isTuple = first.text === '(' && (parts.length !== 1 || tokens[to - 2]?.text === ',');
    if (first.text === '(' && !isTuple) return parseExpr(tokens, from + 1, to - 1, text);
    return { kind: 'list', items: parts.map(([a, b]) => parseExpr(tokens, a, b, text)), at };
  }
  if (splitTopLevel(tokens, from, to).length > 1) {
    return { kind: 'list', items: splitTopLevel(tokens, from, to).map(([a, b]) => parseExpr(tokens, a, b, text)), at }; // bare tuple: `X = "a", "b"`
  }
  const strings = stringConcatenation(tokens, from, to);
  if (strings) return { kind: 'string', str: strings, at };
  const percent = tokens.findIndex((t, k) => k > from && k < to && t.text === '%' && t.depth === first.depth);
  const format = percent > 0 ? stringConcatenation(tokens, from, percent) : undefined;
  if (format) return { kind: 'percent', format, operands: parseExpr(tokens, percent + 1, to, text), at };
  let k = from;
  let value: PyValue;
  if (first.type === 'name') {
    value = constant(first.text, at) ?? { kind: 'name', name: first.text, at };
    k++;
  } else if (first.type === 'number' && to - from === 1) {
    return { kind: 'const', value: Number(first.text.replaceAll('_', '')), at };
  } else if (first.type === 'string') {
    value = { kind: 'string', str: decodeString(first.text, first.start), at };
    k++;
  } else if (first.text === '(') {
    // `(expr).attr` / `(expr)(args)`; a tuple is not a value lint needs.
    const close = closingBracket(tokens, from);
    if (close < 0 || close >= to || splitTopLevel(tokens, from + 1, close).length !== 1) return other();
    value = parseExpr(tokens, from + 1, close, text);
    k = close + 1;
  } else return other();
  while (k < to) {
    const t = tokens[k]!;
    if (t.text === '.' && tokens[k + 1]?.type === 'name' && k + 1 < to) {
      value = { kind: 'attr', object: value, name: tokens[k + 1]!.text, at };
      k += 2;
    } else if (t.text === '(') {
      const close = closingBracket(tokens, k);
      if (close < 0 || close >= to) return other();
      value = { kind: 'call', callee: value, args: parseArgs(tokens, k, close, text), at };
      k = close + 1;
    } else return other();
  }
  return value;
}

/** The arguments of the call whose brackets are tokens[open] and tokens[close]. */
export function parseArgs(tokens: PyToken[], open: number, close: number, text: string): PyArg[] {
  return splitTopLevel(tokens, open + 1, close).map(([a, b]) => {
    const t = tokens[a]!;
    if (t.text === '*' || t.text === '**') return { star: t.text, value: parseExpr(tokens, a + 1, b, text) };
    if (t.type === 'name' && tokens[a + 1]?.text === '=' && a + 1 < b) {
      return { keyword: t.text, value: parseExpr(tokens, a + 2, b, text) };
    }
    return { value: parseExpr(tokens, a, b, text) };
  });
}

/** Ranges of tokens[from, to) separated by commas at the range's own bracket depth. */
export function splitTopLevel(tokens: PyToken[], from: number, to: number): Array<[number, number]> {
  if (from >= to) return [];
  const depth = tokens[from]!.depth;
  const parts: Array<[number, number]> = [];
  let start = from;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.text === ',' && t.depth === depth) {
      if (k > start) parts.push([start, k]);
      start = k + 1;
    }
  }
  if (to > start) parts.push([start, to]);
  return parts;
}

/** `'a' 'b'`, `'a' + "b"` (all literals): one string. */
function stringConcatenation(tokens: PyToken[], from: number, to: number): PyString | undefined {
  const parts: PyString[] = [];
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.type === 'string') parts.push(decodeString(t.text, t.start));
    else if (!(t.text === '+' && parts.length && tokens[k + 1]?.type === 'string')) return undefined;
  }
  return parts.length ? concatStrings(parts) : undefined;
}

function constant(name: string, at: number): PyValue | undefined {
  if (name === 'True' || name === 'False') return { kind: 'const', value: name === 'True', at };
  if (name === 'None') return { kind: 'const', value: null, at };
  return undefined;
}

/** `sa.text` for attr(name(sa), text); undefined when the chain has calls in it. */
export function dottedName(v: PyValue): string | undefined {
  if (v.kind === 'name') return v.name;
  if (v.kind === 'attr') {
    const head = dottedName(v.object);
    return head === undefined ? undefined : `${head}.${v.name}`;
  }
  return undefined;
}

/** The last part of a call's callee: `text` for `sa.text(...)`, `execute` for `conn.execute(...)`. */
export function calleeName(v: PyValue): string | undefined {
  if (v.kind !== 'call') return undefined;
  return v.callee.kind === 'attr' ? v.callee.name : v.callee.kind === 'name' ? v.callee.name : undefined;
}

/** The value a loop variable takes from one item of what it iterates over (its place in a tuple item). */
export function loopItem(loop: PyValue & { kind: 'each' }, item: PyValue): PyValue | undefined {
  if (loop.index === undefined) return item;
  return item.kind === 'list' ? item.items[loop.index] : undefined;
}
