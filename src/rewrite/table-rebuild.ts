/**
 * The downgrade of DROP TABLE: the table as the earlier statements left it. Postgres drops a
 * table with its indexes, triggers, policies, rules, comments, privileges, row level security
 * and the sequences its columns own, so all of them come back, not just its first CREATE TABLE.
 *
 * When pgmend recorded every column and constraint of the table (see recordTable), the CREATE
 * TABLE is written from that record: each column with the type, default and NOT NULL it has now,
 * in the order Postgres keeps them, and each constraint under its name (one a rename left with
 * the table's old name keeps it). While nothing changed since, the user's own CREATE TABLE text
 * is used as it is.
 */
import { quoteIdent } from '../sql/quote.js';
import { parseSql } from '../sql/parser.js';
import { codeTokens, type Token } from '../sql/tokens.js';
import { columnSegments, serialInt } from './column-facts.js';
import type { Definitions } from './definitions.js';
import { defKey, sqlName, type QualifiedName } from './names.js';
import { makeObjectName } from './naming.js';
import { commentKeys, indexesOn, retarget } from './table-defs.js';
import { closingParen, findTopLevel, skipName, skipWords, textOf, type Span } from './token-spans.js';

/**
 * The statements that rebuild a dropped table as pgmend last saw it. Undefined when its CREATE
 * was never seen.
 */
export function rebuildTable(defs: Definitions, table: QualifiedName): string[] | undefined {
  const key = defKey(table);
  const create = defs.get('table', key);
  if (!create) return undefined;
  const elements = defs.has('table-elements', key) ? elementList(defs, table) : undefined;
  const steps: string[] = [];
  if (!elements) steps.push(...fromCreateText(defs, table, create));
  else {
    const sequences = ownedSequences(defs, table);
    const unchanged = defs.get('table-elements', key) === recordsOf(defs, table);
    // Unchanged, the user's text makes the sequences of its serial columns itself.
    if (!unchanged) steps.push(...sequences.map((s) => s.create));
    steps.push(unchanged ? create : withElements(create, elements.list));
    steps.push(...elements.after);
    if (!unchanged) steps.push(...sequences.map((s) => s.own));
  }
  const target = sqlName(table);
  for (const k of indexesOn(defs, table)) steps.push(defs.get('index', k)!);
  // Triggers and policies recorded before a rename name the table as it was then.
  for (const k of defs.names('trigger', `${key}.`)) steps.push(retarget(defs.get('trigger', k)!, 'ON', table));
  for (const k of defs.names('policy', `${key}.`)) steps.push(retarget(defs.get('policy', k)!, 'ON', table));
  for (const k of defs.names('rule', `${key}.`)) steps.push(defs.get('rule', k)!);
  for (const k of defs.names('table-setting', `${key}.`)) steps.push(`ALTER TABLE ${target} ${defs.get('table-setting', k)!}`);
  steps.push(...comments(defs, table));
  return steps;
}

/**
 * Earlier changes to the table its rebuild cannot replay (`file:line: what`), for the DROP
 * TABLE's finding and downgrade note.
 */
export function unfollowedChanges(defs: Definitions, table: QualifiedName): string[] {
  const key = defKey(table);
  const out = defs.names('table-unfollowed', `${key}.`).map((k) => defs.get('table-unfollowed', k)!);
  if (defs.has('table', key) && (!defs.has('table-elements', key) || !elementList(defs, table))) {
    out.push(`its CREATE TABLE (LIKE, PARTITION OF, OF type, or a constraint pgmend could not name) is replayed as written: later changes to its columns' types, defaults, NOT NULL and constraints are not`);
  }
  return out;
}

/**
 * Records, right after its CREATE TABLE, what its rebuild would be written from: while that stays
 * the same, the rebuild uses the user's text. The records themselves, not the text they make:
 * writing the element list for every CREATE TABLE cost more than all else the table's rules do.
 */
export function recordTableElements(defs: Definitions, table: QualifiedName): void {
  defs.set('table-elements', defKey(table), recordsOf(defs, table));
}

/**
 * Every record the element list and the owned sequences are made of, in a stable order. The
 * column records are looked up by each column's key: asking every kind for the table's prefix
 * would make each of them keep a prefix index from then on.
 */
function recordsOf(defs: Definitions, table: QualifiedName): string {
  const prefix = `${defKey(table)}.`;
  const parts: string[] = [];
  for (const column of defs.names('column', prefix)) {
    parts.push(column);
    for (const kind of COLUMN_RECORDS) parts.push(defs.get(kind, column) ?? '\0');
    for (const seq of defs.ownedBy('sequence', column)) parts.push(seq, defs.get('sequence', seq)!);
  }
  for (const k of defs.names('constraint', prefix)) parts.push(k, defs.get('constraint', k)!);
  return parts.join('\n');
}

const COLUMN_RECORDS = ['column', 'column-type', 'column-default', 'column-not-null', 'column-not-null-name', 'column-order'] as const;

interface Elements {
  /** Columns, then constraints, comma-separated. */
  list: string;
  /** Constraints CREATE TABLE cannot make (NOT VALID, USING INDEX): added after it. */
  after: string[];
}

/** The table's columns as they are now, in order, then its constraints, each by its name. */
function elementList(defs: Definitions, table: QualifiedName): Elements | undefined {
  const prefix = `${defKey(table)}.`;
  const own = (k: string) => !k.slice(prefix.length).includes('.');
  const order = (k: string) => Number(defs.get('column-order', k) ?? Infinity);
  const columns = defs.names('column', prefix).filter(own).sort((a, b) => order(a) - order(b));
  const items = columns.map((k) => columnDefinition(defs, table, k.slice(prefix.length)));
  if (items.some((c) => c === undefined)) return undefined;
  const after: string[] = [];
  for (const k of defs.names('constraint', prefix).filter(own)) {
    const body = defs.get('constraint', k)!;
    const named = `CONSTRAINT ${quoteIdent(k.slice(prefix.length))} ${body}`;
    if (/\bNOT\s+VALID\s*$|\bUSING\s+INDEX\s+(?!TABLESPACE)/i.test(body)) after.push(`ALTER TABLE ${sqlName(table)} ADD ${named}`);
    else items.push(named);
  }
  return { list: items.join(', '), after };
}

/** Clauses of a column definition kept as written; its type, default and NOT NULL come from the record. */
const KEPT_CLAUSES = new Set(['COLLATE', 'GENERATED']);

/** A column definition as the column is now, without its constraints (they are table constraints). */
function columnDefinition(defs: Definitions, table: QualifiedName, column: string): string | undefined {
  const key = defKey(table, column);
  const text = defs.get('column', key)!;
  const tokens = codeTokens(text);
  if (!tokens.length) return undefined;
  const segments = columnSegments(tokens, [0, tokens.length - 1]);
  const typeEnd = segments.length ? segments[0]![0] - 1 : tokens.length - 1;
  if (typeEnd < 1) return undefined;
  const written = textOf(text, tokens, [1, typeEnd]);
  const type = defs.get('column-type', key) ?? serialInt(written) ?? written;
  // A changed type has its own default collation (ALTER COLUMN … TYPE without COLLATE).
  const kept = segments.filter((s) => KEPT_CLAUSES.has(clauseWord(tokens, s)) && (clauseWord(tokens, s) !== 'COLLATE' || type === written));
  const parts = [quoteIdent(column), type, ...kept.map((s) => textOf(text, tokens, s))];
  const dflt = defs.get('column-default', key);
  if (dflt !== undefined) parts.push(`DEFAULT ${dflt}`);
  if (defs.get('column-not-null', key) === 'true') {
    const name = defs.get('column-not-null-name', key);
    parts.push(name && name !== makeObjectName(table.name, column, 'not_null') ? `CONSTRAINT ${quoteIdent(name)} NOT NULL` : 'NOT NULL');
  }
  return parts.join(' ');
}

function clauseWord(tokens: Token[], s: Span): string {
  return tokens[tokens[s[0]]!.keyword === 'CONSTRAINT' ? s[0] + 2 : s[0]]?.keyword ?? '';
}

/** `CREATE TABLE … (<list>) …` with the element list replaced. */
function withElements(create: string, list: string): string {
  const tokens = codeTokens(create);
  const open = skipName(tokens, skipWords(tokens, findTopLevel(tokens, new Set(['TABLE']), 0) + 1, ['IF', 'NOT', 'EXISTS']));
  const close = tokens[open]?.text === '(' ? closingParen(tokens, open) : -1;
  if (close < 0) return create;
  return `${create.slice(0, tokens[open]!.end)}${list}${create.slice(tokens[close]!.start)}`;
}

interface OwnedSequence {
  /** CREATE SEQUENCE without OWNED BY: the column's default reads it, so it comes first. */
  create: string;
  own: string;
}

/** The sequences the table's columns own (serial ones too): DROP TABLE took them along. */
function ownedSequences(defs: Definitions, table: QualifiedName): OwnedSequence[] {
  const prefix = `${defKey(table)}.`;
  return defs.names('column', prefix).flatMap((col) =>
    defs.ownedBy('sequence', col).flatMap((seq) => {
      const sql = defs.get('sequence', seq)!;
      const owned = ownedByClause(sql);
      if (!owned) return [];
      const name = sequenceName(sql);
      return name ? [{ create: `${sql.slice(0, owned[0])}${sql.slice(owned[1])}`.trimEnd(), own: `ALTER SEQUENCE ${name} ${sql.slice(owned[0], owned[1]).trim()}` }] : [];
    }),
  );
}

/** Character range of `OWNED BY t.c` in a CREATE SEQUENCE. */
function ownedByClause(sql: string): [number, number] | undefined {
  const tokens = codeTokens(sql);
  const at = findTopLevel(tokens, new Set(['OWNED']), 0);
  if (at < 0 || tokens[at + 1]?.keyword !== 'BY' || !tokens[at + 2]) return undefined;
  return [tokens[at - 1]!.end, tokens[skipName(tokens, at + 2) - 1]!.end];
}

function sequenceName(sql: string): string | undefined {
  const tokens = codeTokens(sql);
  const first = skipWords(tokens, findTopLevel(tokens, new Set(['SEQUENCE']), 0) + 1, ['IF', 'NOT', 'EXISTS']);
  return tokens[first] ? textOf(sql, tokens, [first, skipName(tokens, first) - 1]) : undefined;
}

/** COMMENT ON the table and its parts, as earlier statements left them. */
function comments(defs: Definitions, table: QualifiedName): string[] {
  const key = defKey(table);
  const target = sqlName(table);
  const out: string[] = [];
  for (const k of commentKeys(defs, key)) {
    const value = defs.get('comment', k)!;
    if (value === 'NULL') continue;
    const [kind, rest] = [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)];
    const part = rest === key ? '' : rest.slice(key.length + 1);
    const what: Record<string, string> = {
      OBJECT_TABLE: `TABLE ${target}`,
      OBJECT_COLUMN: `COLUMN ${target}.${quoteIdent(part)}`,
      OBJECT_TABCONSTRAINT: `CONSTRAINT ${quoteIdent(part)} ON ${target}`,
      OBJECT_TRIGGER: `TRIGGER ${quoteIdent(part)} ON ${target}`,
      OBJECT_POLICY: `POLICY ${quoteIdent(part)} ON ${target}`,
      OBJECT_RULE: `RULE ${quoteIdent(part)} ON ${target}`,
    };
    if (what[kind] && (kind !== 'OBJECT_COLUMN' || defs.has('column', defKey(table, part)))) out.push(`COMMENT ON ${what[kind]} IS ${value}`);
  }
  return out;
}

/**
 * Without a full record: the user's CREATE TABLE, then the columns added and dropped since.
 */
function fromCreateText(defs: Definitions, table: QualifiedName, create: string): string[] {
  const target = sqlName(table);
  const steps = [create];
  const node = parseSql(create).stmts?.[0]?.stmt;
  const created = node && 'CreateStmt' in node ? (node.CreateStmt.tableElts ?? []).flatMap((e) => ('ColumnDef' in e ? [e.ColumnDef.colname ?? ''] : [])) : [];
  const now = defs.names('column', `${defKey(table)}.`).map((k) => k.slice(defKey(table).length + 1)).filter((c) => !c.includes('.'));
  for (const c of now) if (!created.includes(c)) steps.push(`ALTER TABLE ${target} ADD COLUMN IF NOT EXISTS ${defs.get('column', defKey(table, c))}`);
  for (const c of created) if (!now.includes(c)) steps.push(`ALTER TABLE ${target} DROP COLUMN IF EXISTS ${c}`);
  return steps;
}
