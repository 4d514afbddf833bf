/**
 * Tests of which database a migration runs on (`conn.dialect.name == "sqlite"`, `dialect in
 * ("mysql", "mssql")`, `engine.name != MYSQL_ENGINE`), also held in a name (`is_sqlite = …`,
 * then `if is_sqlite:`) or made by a helper of the file (`def _is_pg(conn): return
 * conn.dialect.name == "postgresql"`, then `if _is_pg(conn):`). Only what is known for sure
 * counts: a test lint cannot read is assumed to let Postgres through either way.
 */
import type { Block } from './blocks.js';
import { decodeString } from './strings.js';
import { closingBracket, endOfLine, type PyToken } from './tokenize.js';

/** What a test tells when it holds (`whenTrue`) and when it fails (`whenFalse`): true = not on Postgres. */
export interface DialectTruth {
  whenTrue: boolean;
  whenFalse: boolean;
}

export interface DialectTests {
  /** The test in tokens[from, to), if it names a database (directly, through a name or a helper). */
  truth(from: number, to: number): DialectTruth | undefined;
}

const POSTGRES_VALUE = /^(?:postgres(?:ql)?|psycopg2?|asyncpg|pg8000)(?:\+\w+)?$/i;
const OTHER_VALUE = /^(?:mysql|mariadb|sqlite3?|mssql|oracle)(?:\+\w+)?$/i;
const POSTGRES_NAME = /^(?:postgres|psycopg)/i;
const OTHER_NAME = /^(?:mysql|mariadb|sqlite|mssql|oracle)/i;

interface Held {
  at: number;
  scope: Block | undefined;
  truth: DialectTruth | undefined;
}

export function readDialectTests(tokens: PyToken[], functions: Block[], enclosing: (offset: number) => Block | undefined): DialectTests {
  const held = new Map<string, Held[]>();
  const helpers = new Map<string, DialectTruth>();
  const valueOfName = (name: string, at: number): DialectTruth | undefined => {
    const all = held.get(name) ?? [];
    const fn = enclosing(at);
    const local = all.filter((h) => h.scope === fn && fn !== undefined && h.at < at);
    const chosen = local.length ? local : all.filter((h) => h.scope === undefined);
    return chosen[chosen.length - 1]?.truth;
  };
  const truth = (from: number, to: number): DialectTruth | undefined => evaluate(tokens, from, to, valueOfName, helpers);

  // `def _is_pg(conn): return conn.dialect.name == "postgresql"`: a helper whose only return is a test.
  for (const fn of functions) {
    const name = tokens[fn.head + 1]?.text;
    const returns: number[] = [];
    for (let k = fn.from; k < fn.to; k++) if (tokens[k]!.text === 'return' && (tokens[k]!.lineStart === k || tokens[k - 1]?.text === ':')) returns.push(k);
    if (!name || returns.length !== 1) continue;
    const r = returns[0]!;
    const t = truth(r + 1, endOfLine(tokens, r));
    if (t) helpers.set(name, t);
  }
  // `is_sqlite = conn.dialect.name == "sqlite"`, in file order (a name may hold a test of names before it).
  tokens.forEach((t, k) => {
    if (t.lineStart !== k || t.type !== 'name' || tokens[k + 1]?.text !== '=') return;
    const list = held.get(t.text) ?? [];
    list.push({ at: t.start, scope: enclosing(t.start), truth: truth(k + 2, endOfLine(tokens, k)) });
    held.set(t.text, list);
  });
  return { truth };
}

type Reader = (name: string, at: number) => DialectTruth | undefined;

/** Splits tokens[from, to) at the keyword `word` at the range's own bracket depth. */
function splitAt(tokens: PyToken[], from: number, to: number, word: string): Array<[number, number]> {
  const depth = tokens[from]?.depth ?? 0;
  const parts: Array<[number, number]> = [];
  let start = from;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.type === 'name' && t.text === word && t.depth === depth) {
      parts.push([start, k]);
      start = k + 1;
    }
  }
  parts.push([start, to]);
  return parts;
}

/** `undefined`: nothing in the range names a database. */
function evaluate(tokens: PyToken[], from: number, to: number, held: Reader, helpers: Map<string, DialectTruth>): DialectTruth | undefined {
  while (to > from && tokens[to - 1]!.type === 'newline') to--;
  if (from >= to) return undefined;
  const ors = splitAt(tokens, from, to, 'or');
  if (ors.length > 1) {
    const parts = ors.map(([a, b]) => evaluate(tokens, a, b, held, helpers));
    if (parts.every((p) => p === undefined)) return undefined;
    const known = parts.map((p) => p ?? UNKNOWN);
    // One of them holds: not Postgres only if each says so; all fail: not Postgres if any says so.
    return { whenTrue: known.every((p) => p.whenTrue), whenFalse: known.some((p) => p.whenFalse) };
  }
  const ands = splitAt(tokens, from, to, 'and');
  if (ands.length > 1) {
    const parts = ands.map(([a, b]) => evaluate(tokens, a, b, held, helpers));
    if (parts.every((p) => p === undefined)) return undefined;
    const known = parts.map((p) => p ?? UNKNOWN);
    return { whenTrue: known.some((p) => p.whenTrue), whenFalse: known.every((p) => p.whenFalse) };
  }
  const first = tokens[from]!;
  if (first.text === 'not') {
    const inner = evaluate(tokens, from + 1, to, held, helpers);
    return inner && { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
  }
  if (first.text === '(' && closingBracket(tokens, from) === to - 1) return evaluate(tokens, from + 1, to - 1, held, helpers);
  if (first.type === 'name' && to === from + 1) return held(first.text, first.start);
  if (first.type === 'name' && tokens[from + 1]?.text === '(' && closingBracket(tokens, from + 1) === to - 1 && helpers.has(first.text)) return helpers.get(first.text);
  return comparison(tokens, from, to);
}

const UNKNOWN: DialectTruth = { whenTrue: false, whenFalse: false };

/** `dialect == "sqlite"`, `name in ("mysql", "mssql")`, `engine.name != MYSQL_ENGINE`, `url.startswith("postgresql")`. */
function comparison(tokens: PyToken[], from: number, to: number): DialectTruth | undefined {
  let postgres = false;
  let other = false;
  let negated = false;
  const depth = tokens[from]!.depth;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.depth === depth && (t.text === '!=' || t.text === 'not')) negated = true;
    if (t.type === 'string') {
      const str = decodeString(t.text, t.start);
      if (str.formatted || str.bytes) continue;
      if (POSTGRES_VALUE.test(str.value)) postgres = true;
      else if (OTHER_VALUE.test(str.value)) other = true;
    } else if (t.type === 'name' && tokens[k + 1]?.text !== '.' && tokens[k + 1]?.text !== '(') {
      if (POSTGRES_NAME.test(t.text)) postgres = true;
      else if (OTHER_NAME.test(t.text)) other = true;
    }
  }
  // A bare value (`name = "mysql"`) tests nothing: only a comparison or a call (`startswith`) does.
  const compares = tokens.slice(from, to).some((t) => ['==', '!=', 'in', 'is', '('].includes(t.text));
  if ((!postgres && !other) || !compares) return undefined;
  // `== 'postgresql'` (or a list naming it): holds only on Postgres, fails only elsewhere.
  const onlyPostgresWhenTrue = postgres ? { whenTrue: false, whenFalse: true } : { whenTrue: true, whenFalse: false };
  return negated ? { whenTrue: onlyPostgresWhenTrue.whenFalse, whenFalse: onlyPostgresWhenTrue.whenTrue } : onlyPostgresWhenTrue;
}
