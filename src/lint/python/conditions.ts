/**
 * What the `if` statements around an operation tell about when it runs: under a catalog check
 * (only when its object is missing, or present), and only on another database than Postgres.
 * A helper function runs under what surrounds every call of it.
 */
import { blocksOf, headerHas, PHASE_NAME, within, type Block } from './blocks.js';
import { callSites } from './phases.js';
import { testedNames, type NameReader } from './tested-names.js';
import { closingBracket, type PyToken } from './tokenize.js';
import { readDialectTests, type DialectTruth } from './dialect-tests.js';

/** A catalog check runs what it guards when the object is `missing` or `present`. */
export type CheckPolarity = 'missing' | 'present';

/**
 * Names of the catalog checks a migration guards an operation with: SQLAlchemy's inspector
 * (`has_table`, `get_columns`, `get_indexes`, …) and helpers named like `column_exists` or
 * `table_has_column` (Superset's).
 */
const EXISTENCE_CHECK = /^_*(?:(?:\w*_)?has_\w+|get_(?:\w+_names|columns|indexes|foreign_keys|pk_constraint|\w+_constraints)|\w+_exists|exists_\w+)$/;

/**
 * `objects`: the names of what the operation works on (see operationObjects). An `if` block
 * guards all it holds, but an early return only the operations on an object its test names
 * (`if 'users' in tables: return` guards creating users, not adding a column to orders); one
 * whose test names nothing, or an operation on a computed name, counts as before: guarded.
 */
export interface Conditions {
  /** The polarities of the catalog checks an operation at `offset` runs under, if any. */
  checkedAt(offset: number, objects?: string[]): CheckPolarity[] | undefined;
  /** The names the catalog checks around `offset` test (`has_table('t')` → t). */
  checkedNamesAt(offset: number, objects?: string[]): string[];
  /** The operation at `offset` runs only under some condition or loop of its function (or of every call of its helper). */
  conditionalAt(offset: number): boolean;
  /** The innermost block (`if`, loop) or function around `offset`, as its start: operations with the same one run together. */
  blockAt(offset: number): number;
  /** The operation at `offset` runs only on another database (a MySQL branch, after `if dialect != 'mysql': return`). */
  otherDialectAt(offset: number): boolean;
}

interface Check {
  block: Block;
  polarity: CheckPolarity;
  names: string[];
}

/**
 * `functions`: the file's top-level functions; `enclosing` finds the one an offset is in;
 * `valueOf` the static string a name holds there.
 */
export function readConditions(
  tokens: PyToken[],
  functions: Block[],
  enclosing: (offset: number) => Block | undefined,
  valueOf: NameReader['valueOf'],
): Conditions {
  const ifs = [...blocksOf(tokens, 'if'), ...blocksOf(tokens, 'elif')];
  const elses = blocksOf(tokens, 'else');
  const loops = [...blocksOf(tokens, 'for'), ...blocksOf(tokens, 'while')];
  const checks = catalogChecks(tokens, functions, ifs, elses, loops, valueOf);
  // `if has_table('t'): return` in a function's own body guards what follows, the other way round;
  // `if 'c' in columns: continue` (or break, or return) in a loop's own body, what follows in that body.
  const earlyReturns = checks.flatMap((c) => {
    if (tokens[c.block.head]!.text === 'for' || tokens[c.block.head]!.text === 'while') return [];
    const at = tokens[c.block.head]!.start;
    const loop = innermost(tokens, loops, at);
    const inLoopBody = loop !== undefined && tokens[c.block.head]!.indent === tokens[loop.from]!.indent && endsWith(tokens, c.block, LOOP_EXITS);
    const scope = inLoopBody ? loop : endsWith(tokens, c.block, ['return']) && atFunctionLevel(tokens, c.block, enclosing) ? enclosing(at) : undefined;
    return scope ? [{ after: tokens[c.block.to - 1]!.end, scope, polarity: (c.polarity === 'missing' ? 'present' : 'missing') as CheckPolarity, names: c.names }] : [];
  });
  const dialectTests = readDialectTests(tokens, functions, enclosing);
  const truths = new Map<Block, DialectTruth | undefined>(ifs.map((b) => [b, dialectTests.truth(b.head + 1, b.colon)]));
  const notPostgres = (b: Block): boolean => bodyNotPostgres(tokens, b, ifs, truths);
  // `if dialect != 'mysql': return` leaves MySQL; `if dialect == 'postgresql': return` leaves the others.
  const dialectReturns = ifs.filter((b) => tokens[b.head]!.text === 'if' && truths.get(b)?.whenFalse === true && endsWith(tokens, b, ['return']) && atFunctionLevel(tokens, b, enclosing));
  const sites = callSites(tokens, functions);

  const localChecks = (offset: number, objects: string[] | undefined) => {
    return [...checks.filter((c) => within(tokens, c.block, offset)), ...earlyReturns.filter((r) => r.after < offset && within(tokens, r.scope, offset) && testsAny(r.names, objects))];
  };
  /** What holds at every call of the helper `offset` is in (nothing for upgrade/downgrade, or a helper nobody calls). */
  const atEveryCall = <T>(offset: number, local: (at: number) => T[], seen: Set<Block>): T[][] => {
    const fn = enclosing(offset);
    const calls = fn ? sites.get(fn) : undefined;
    if (!fn || !calls?.length || seen.has(fn)) return [];
    seen.add(fn);
    return calls.map((at) => [...local(at), ...atEveryCall(at, local, seen).reduce(intersect, undefined as T[] | undefined) ?? []]);
  };
  const inherited = <T>(offset: number, local: (at: number) => T[]): T[] => [...local(offset), ...(atEveryCall(offset, local, new Set()).reduce(intersect, undefined as T[] | undefined) ?? [])];
  const localOtherDialect = (offset: number): boolean => {
    // Any branch around it that Postgres never takes; else a return before it in the function that Postgres always takes.
    if ([...ifs, ...elses].some((b) => within(tokens, b, offset) && notPostgres(b))) return true;
    const fn = enclosing(offset);
    return dialectReturns.some((b) => tokens[b.head]!.start < offset && enclosing(tokens[b.head]!.start) === fn);
  };
  const compound = [...ifs, ...elses, ...loops];
  return {
    checkedAt(offset, objects) {
      const found = new Set(inherited(offset, (at) => localChecks(at, objects).map((c) => c.polarity)));
      return found.size ? [...found] : undefined;
    },
    checkedNamesAt: (offset, objects) => inherited(offset, (at) => localChecks(at, objects).flatMap((c) => c.names)),
    blockAt: (offset) => [...compound, ...functions].filter((b) => within(tokens, b, offset)).reduce((inner, b) => Math.max(inner, tokens[b.head]!.start), -1),
    conditionalAt: (offset) => inherited(offset, (at) => (compound.some((b) => within(tokens, b, at)) ? [true] : [])).length > 0,
    otherDialectAt: (offset) => inherited(offset, (at) => (localOtherDialect(at) ? [true] : [])).length > 0,
  };
}

/** An early return testing `names` guards an operation on `objects` (unknown objects: any). */
function testsAny(names: string[], objects: string[] | undefined): boolean {
  if (!names.length || !objects?.length) return true;
  const lower = new Set(objects.map((o) => o.toLowerCase())); // SQL folds unquoted names
  return names.some((n) => lower.has(n.toLowerCase()));
}

/** Items in both lists (the first list as it is). */
function intersect<T>(a: T[] | undefined, b: T[]): T[] {
  return a === undefined ? b : a.filter((x) => b.includes(x));
}

function catalogChecks(tokens: PyToken[], functions: Block[], ifs: Block[], elses: Block[], loops: Block[], valueOf: NameReader['valueOf']): Check[] {
  // A check's result is often held in a name first: `columns = [c["name"] for c in insp.get_columns("t")]`,
  // `missing = not insp.has_table("t")` (then `if missing:` wants it missing, of t).
  // `items`: for a list (a comprehension), whether what it holds is there or missing.
  const names = new Map<string, { negated: boolean; tests: string[]; items?: CheckPolarity }>();
  const isCheck = (t: PyToken) => isCheckName(t) || (t.type === 'name' && names.has(t.text));
  const reader: NameReader = { isCheck, held: (name) => names.get(name)?.tests, valueOf };
  // A helper of the file may run one: `def column_in(table, column): … get_columns(table)`.
  const helpers = new Set<string>();
  for (const fn of functions) {
    const name = tokens[fn.head + 1]?.text;
    if (!name || PHASE_NAME.test(name) || !tokens.slice(fn.from, fn.to).some(isCheckName)) continue;
    helpers.add(name);
    names.set(name, { negated: false, tests: [] });
  }
  tokens.forEach((t, k) => {
    if (t.lineStart !== k || t.type !== 'name' || tokens[k + 1]?.text !== '=' || helpers.has(t.text)) return;
    let end = k + 2;
    while (end < tokens.length && tokens[end]!.type !== 'newline') end++;
    // `to_add = [c for name, c in wanted if name not in existing]`: what passes its filter passes the check.
    const comp = comprehension(tokens, k + 2, end);
    const has = (range: { from: number; to: number } | undefined) => range !== undefined && tokens.slice(range.from, range.to).some(isCheck);
    const filterNegated = comp?.filter && negates(tokens, comp.filter.from, comp.filter.to) !== tokens.slice(comp.filter.from, comp.filter.to).some((n) => n.type === 'name' && names.get(n.text)?.negated === true);
    const items: CheckPolarity | undefined = has(comp?.iterable) ? 'present' : has(comp?.filter) ? (filterNegated ? 'missing' : 'present') : undefined;
    if (tokens.slice(k + 2, end).some(isCheckName)) names.set(t.text, { negated: negates(tokens, k + 2, end), tests: testedNames(tokens, k + 2, end, reader), ...(items ? { items } : {}) });
    else if (comp?.filter && items) names.set(t.text, { negated: filterNegated === true, tests: testedNames(tokens, comp.filter.from, comp.filter.to, reader), items });
  });
  const checks: Check[] = [];
  for (const block of ifs) {
    if (!headerHas(tokens, block, isCheck)) continue;
    const negatedName = tokens.slice(block.head, block.colon).some((t) => t.type === 'name' && names.get(t.text)?.negated === true);
    const polarity: CheckPolarity = negates(tokens, block.head, block.colon) !== negatedName ? 'missing' : 'present';
    const tested = testedNames(tokens, block.head + 1, block.colon, reader);
    checks.push({ block, polarity, names: tested });
    // `if has_table('t'): … else: create` runs the else when t is missing.
    const other = elses.find((e) => (block.to === e.head || block.to + 1 === e.head) && tokens[e.head]!.indent === tokens[block.head]!.indent);
    if (other && tokens[block.head]!.text === 'if') checks.push({ block: other, polarity: polarity === 'missing' ? 'present' : 'missing', names: tested });
  }
  // `for fk in insp.get_foreign_keys('t'): op.drop_constraint(fk['name'], …)`: each exists;
  // `for c in to_add:` over a list filtered to what is missing, each is missing.
  for (const block of loops) {
    if (!headerHas(tokens, block, isCheck)) continue;
    const missing = headerHas(tokens, block, (t) => t.type === 'name' && names.get(t.text)?.items === 'missing');
    checks.push({ block, polarity: missing ? 'missing' : 'present', names: [] });
  }
  return checks;
}

interface Range {
  from: number;
  to: number;
}

/**
 * A comprehension that is the whole of tokens[from, to) (`[x for x in xs if …]`, `{…}`, `(…)`):
 * the tokens of its first `for` clause up to its first `if`, and those after that `if`.
 */
function comprehension(tokens: PyToken[], from: number, to: number): { iterable: Range; filter?: Range } | undefined {
  if (!['[', '{', '('].includes(tokens[from]?.text ?? '')) return undefined;
  const close = closingBracket(tokens, from);
  let last = to - 1;
  while (last > from && tokens[last]!.type === 'newline') last--;
  if (close !== last) return undefined;
  const depth = tokens[from]!.depth + 1;
  const top = (word: string, after: number) => tokens.findIndex((t, k) => k > after && k < close && t.depth === depth && t.type === 'name' && t.text === word);
  const clause = top('for', from);
  if (clause < 0) return undefined;
  const filter = top('if', clause);
  return filter < 0 ? { iterable: { from: clause + 1, to: close } } : { iterable: { from: clause + 1, to: filter }, filter: { from: filter + 1, to: close } };
}

/** A test that holds when something is NOT there: `not`, `is False`, `== False`, `!= True` (but `is not False` is no negation). */
function negates(tokens: PyToken[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k]!.text;
    const next = tokens[k + 1]?.text;
    const previous = tokens[k - 1]?.text;
    if (t === 'not' && next !== 'False') return true;
    if (t === 'False' && (previous === 'is' || previous === '==')) return true;
    if (t === '!=' && next === 'True') return true;
  }
  return false;
}

const isCheckName = (t: PyToken) => t.type === 'name' && EXISTENCE_CHECK.test(t.text);

/**
 * Postgres never runs the body of the if/elif/else `b`: its own test fails there (`if dialect ==
 * 'sqlite':`), or a test before it in its chain holds there (the `else:` of `if dialect == 'postgresql':`).
 */
function bodyNotPostgres(tokens: PyToken[], b: Block, ifs: Block[], truths: Map<Block, DialectTruth | undefined>): boolean {
  if (tokens[b.head]!.text !== 'else' && truths.get(b)?.whenTrue) return true;
  if (tokens[b.head]!.text === 'if') return false;
  for (let head = b.head; ; ) {
    const previous = ifs.find((d) => (d.to === head || d.to + 1 === head) && tokens[d.head]!.indent === tokens[b.head]!.indent);
    if (!previous) return false;
    if (truths.get(previous)?.whenFalse) return true;
    if (tokens[previous.head]!.text === 'if') return false;
    head = previous.head;
  }
}

/** What leaves the rest of a loop's body: `continue`, `break`, `return`. */
const LOOP_EXITS = ['continue', 'break', 'return'];

/** The innermost of `blocks` whose body holds `offset`. */
function innermost(tokens: PyToken[], blocks: Block[], offset: number): Block | undefined {
  return blocks.filter((b) => within(tokens, b, offset)).reduce<Block | undefined>((inner, b) => (!inner || b.head > inner.head ? b : inner), undefined);
}

/** A block whose last statement is one of `keywords` (`return`; a message may be logged first). */
function endsWith(tokens: PyToken[], b: Block, keywords: string[]): boolean {
  let last = b.to - 1;
  while (last >= b.from && tokens[last]!.type === 'newline') last--;
  // Back to where that statement starts: a line start, a `;`, or the body of a one-line `if x: return`.
  let start = last;
  while (start > b.from && tokens[start]!.lineStart !== start && tokens[start - 1]!.text !== ';') start--;
  return start >= b.from && keywords.includes(tokens[start]!.text);
}

/** The block is a statement of its function's own body, not nested in a loop or another block. */
function atFunctionLevel(tokens: PyToken[], b: Block, enclosing: (offset: number) => Block | undefined): boolean {
  const fn = enclosing(tokens[b.head]!.start);
  return fn !== undefined && tokens[b.head]!.indent === tokens[fn.from]!.indent;
}
