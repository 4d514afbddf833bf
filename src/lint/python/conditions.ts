/**
 * What the `if` statements around an operation tell about when it runs: under a catalog check
 * (only when its object is missing, or present), and only on another database than Postgres.
 */
import { blocksOf, headerHas, within, type Block } from './blocks.js';
import type { PyToken } from './tokenize.js';

/** A catalog check runs what it guards when the object is `missing` or `present`. */
export type CheckPolarity = 'missing' | 'present';

/**
 * Names of the catalog checks a migration guards an operation with: SQLAlchemy's inspector
 * (`has_table`, `get_columns`, `get_indexes`, …) and helpers named like `column_exists` or
 * `table_has_column` (Superset's).
 */
const EXISTENCE_CHECK = /^_*(?:(?:\w*_)?has_\w+|get_(?:\w+_names|columns|indexes|foreign_keys|pk_constraint|\w+_constraints)|\w+_exists|exists_\w+)$/;

export interface Conditions {
  /** The polarities of the catalog checks an operation at `offset` runs under, if any. */
  checkedAt(offset: number): CheckPolarity[] | undefined;
  /** The operation at `offset` runs only on another database (a MySQL branch, after `if dialect != 'mysql': return`). */
  otherDialectAt(offset: number): boolean;
}

/** `functions`: the file's top-level functions; `enclosing` finds the one an offset is in. */
export function readConditions(tokens: PyToken[], functions: Block[], enclosing: (offset: number) => Block | undefined): Conditions {
  const ifs = [...blocksOf(tokens, 'if'), ...blocksOf(tokens, 'elif')];
  const elses = blocksOf(tokens, 'else');
  const checks = catalogChecks(tokens, functions, ifs);
  // `if has_table('t'): return` at the top of a function guards what follows, the other way round.
  const earlyReturns = checks
    .filter((c) => returnsOnly(tokens, c.block) && atFunctionLevel(tokens, c.block, enclosing))
    .map((c) => ({ at: tokens[c.block.head]!.start, fn: enclosing(tokens[c.block.head]!.start), polarity: (c.polarity === 'missing' ? 'present' : 'missing') as CheckPolarity }));
  const dialects = ifs.filter((b) => headerHas(tokens, b, isDialect));
  const dialectReturns = dialects.filter((b) => returnsOnly(tokens, b) && atFunctionLevel(tokens, b, enclosing));
  return {
    checkedAt(offset) {
      const fn = enclosing(offset);
      const found = new Set([
        ...checks.filter((c) => within(tokens, c.block, offset)).map((c) => c.polarity),
        ...earlyReturns.filter((r) => r.at < offset && r.fn === fn).map((r) => r.polarity),
      ]);
      return found.size ? [...found] : undefined;
    },
    otherDialectAt(offset) {
      // The innermost branch that names a database decides; else a return before it in the function.
      const branches = [...dialects, ...elses].filter((b) => within(tokens, b, offset)).sort((a, b) => b.head - a.head);
      for (const b of branches) {
        const runsOn = tokens[b.head]!.text === 'else' ? elseRunsOn(tokens, b, dialects) : ifRunsOn(tokens, b);
        if (runsOn) return runsOn === 'other';
      }
      const fn = enclosing(offset);
      // `if dialect != 'mysql': return` leaves MySQL; `if dialect == 'postgresql': return` leaves the others.
      return dialectReturns.some((b) => tokens[b.head]!.start < offset && enclosing(tokens[b.head]!.start) === fn && ifRunsOn(tokens, b) === 'postgres');
    },
  };
}

function catalogChecks(tokens: PyToken[], functions: Block[], ifs: Block[]): Array<{ block: Block; polarity: CheckPolarity }> {
  const names = new Set<string>();
  // A check's result is often held in a name first: `columns = [c["name"] for c in insp.get_columns("t")]`.
  tokens.forEach((t, k) => {
    if (t.lineStart !== k || t.type !== 'name' || tokens[k + 1]?.text !== '=') return;
    for (let i = k + 2; i < tokens.length && tokens[i]!.type !== 'newline'; i++) if (isCheckName(tokens[i]!)) return void names.add(t.text);
  });
  // And a helper of the file may run one: `def column_in(table, column): … get_columns(table)`.
  for (const fn of functions) {
    const name = tokens[fn.head + 1]?.text;
    if (name && !/^(?:up|down)grade/.test(name) && tokens.slice(fn.from, fn.to).some(isCheckName)) names.add(name);
  }
  const isCheck = (t: PyToken) => isCheckName(t) || (t.type === 'name' && names.has(t.text));
  return ifs.filter((b) => headerHas(tokens, b, isCheck)).map((block) => ({ block, polarity: headerHas(tokens, block, (t) => t.text === 'not') ? 'missing' : 'present' }));
}

const isCheckName = (t: PyToken) => t.type === 'name' && EXISTENCE_CHECK.test(t.text);

const OTHER_DIALECT = /^(?:[rRuU]?['"])?(mysql|mariadb|sqlite|mssql|oracle)/i;
const POSTGRES = /^(?:[rRuU]?['"])?(postgres|psycopg)/i;

/** `'mysql'`, `"sqlite"`, `MYSQL_ENGINE`, `'postgresql'`: a name or string naming a database. */
function isDialect(t: PyToken): boolean {
  return (t.type === 'string' || t.type === 'name') && (OTHER_DIALECT.test(t.text) || POSTGRES.test(t.text));
}

/** Which database an if/elif branch naming one runs on: `== 'mysql'` other, `!= 'mysql'` or `== 'postgresql'` Postgres. */
function ifRunsOn(tokens: PyToken[], b: Block): 'postgres' | 'other' | undefined {
  const negated = headerHas(tokens, b, (t) => t.text === '!=' || t.text === 'not');
  if (headerHas(tokens, b, (t) => (t.type === 'string' || t.type === 'name') && POSTGRES.test(t.text))) return negated ? 'other' : 'postgres';
  if (headerHas(tokens, b, (t) => (t.type === 'string' || t.type === 'name') && OTHER_DIALECT.test(t.text))) return negated ? 'postgres' : 'other';
  return undefined;
}

/** An else after branches naming databases runs on what they leave: Postgres unless one of them took it. */
function elseRunsOn(tokens: PyToken[], b: Block, dialects: Block[]): 'postgres' | 'other' | undefined {
  const chain: Block[] = [];
  for (let head = b.head; ; ) {
    const previous = dialects.find((d) => (d.to === head || d.to + 1 === head) && tokens[d.head]!.indent === tokens[b.head]!.indent);
    if (!previous) break;
    chain.push(previous);
    if (tokens[previous.head]!.text === 'if') break;
    head = previous.head;
  }
  if (!chain.length) return undefined;
  return chain.some((d) => ifRunsOn(tokens, d) === 'postgres') ? 'other' : 'postgres';
}

/** A block whose body is only `return` (with a constant, or nothing). */
function returnsOnly(tokens: PyToken[], b: Block): boolean {
  const body = tokens.slice(b.from, b.to).filter((t) => t.type !== 'newline');
  return body[0]?.text === 'return' && body.length <= 2;
}

/** The block is a statement of its function's own body, not nested in a loop or another block. */
function atFunctionLevel(tokens: PyToken[], b: Block, enclosing: (offset: number) => Block | undefined): boolean {
  const fn = enclosing(tokens[b.head]!.start);
  return fn !== undefined && tokens[b.head]!.indent === tokens[fn.from]!.indent;
}
