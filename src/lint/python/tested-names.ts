import { decodeString } from './strings.js';
import { closingBracket, type PyToken } from './tokenize.js';

/** How testedNames tells the parts of a condition apart. */
export interface NameReader {
  /** The token calls a catalog check (`has_table`, `get_columns`, a helper running one). */
  isCheck(t: PyToken): boolean;
  /** For a name holding a check's result (`tables = insp.get_table_names()`): the names that check tests. */
  held(name: string): string[] | undefined;
  /** The static string a name holds (`TABLE = "users"`), if any. */
  valueOf(name: string, at: number): string | undefined;
}

/**
 * The names of the objects the test in tokens[from, to) is about, so that an early return
 * guards only the operations on them: `'users' in tables` → users, `has_table(TABLE)` → TABLE's
 * value, `'x' not in [c['name'] for c in insp.get_columns('t')]` → x. What the test looks for
 * (the operand of `in`) wins over where it looks (the table whose columns are listed) and any
 * other name (`dialect.name == 'postgresql'`), which count only when nothing is looked for.
 * Subscript keys (`c['name']`) and schemas name no object.
 */
export function testedNames(tokens: PyToken[], from: number, to: number, reader: NameReader): string[] {
  const lookedFor: string[] = [];
  const lookedIn: string[] = [];
  let checkArgumentsEnd = -1;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (reader.isCheck(t) && tokens[k + 1]?.text === '(') {
      checkArgumentsEnd = Math.max(checkArgumentsEnd, closingBracket(tokens, k + 1));
      continue;
    }
    const held = t.type === 'name' && !isAttribute(tokens, k) ? reader.held(t.text) : undefined;
    if (held) {
      lookedIn.push(...held);
      continue;
    }
    const name = nameAt(tokens, k, reader);
    if (name !== undefined) (k >= checkArgumentsEnd && beforeIn(tokens, k) ? lookedFor : lookedIn).push(name);
  }
  return lookedFor.length ? lookedFor : lookedIn;
}

/** The object name tokens[k] stands for: a plain string literal, or a name holding one. */
function nameAt(tokens: PyToken[], k: number, reader: NameReader): string | undefined {
  const t = tokens[k]!;
  const previous = tokens[k - 1]?.text;
  if (previous === '=' && tokens[k - 2]?.text === 'schema') return undefined;
  if (t.type === 'string') {
    const subscriptKey = previous === '[' && tokens[k + 1]?.text === ']' && isSubscripted(tokens[k - 2]);
    const str = decodeString(t.text, t.start);
    return subscriptKey || str.formatted || str.bytes ? undefined : str.value;
  }
  if (t.type !== 'name' || isAttribute(tokens, k) || tokens[k + 1]?.text === '(' || tokens[k + 1]?.text === '=') return undefined;
  return reader.valueOf(t.text, t.start);
}

/** `x in …`, `x not in …`. */
function beforeIn(tokens: PyToken[], k: number): boolean {
  const next = tokens[k + 1]?.text;
  return next === 'in' || (next === 'not' && tokens[k + 2]?.text === 'in');
}

const KEYWORDS = new Set(['in', 'not', 'and', 'or', 'is', 'if', 'else', 'return', 'for', 'lambda']);

/** What comes before `[` when it subscripts (`c[`, `f()[`, `x[0][`), not a list display (`in [`). */
function isSubscripted(before: PyToken | undefined): boolean {
  return before !== undefined && ((before.type === 'name' && !KEYWORDS.has(before.text)) || before.text === ')' || before.text === ']');
}

/** `x.name`: an attribute, not a variable. */
function isAttribute(tokens: PyToken[], k: number): boolean {
  return tokens[k - 1]?.text === '.';
}
