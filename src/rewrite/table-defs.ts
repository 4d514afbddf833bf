/**
 * What pgmend records about tables as it reads them — each column's definition text, type,
 * default and NOT NULL, each constraint's body, unique keys — and how it rebuilds a dropped
 * table or column from that record. Keys: see names.ts defKey.
 */
import type { Node } from '../sql/parser.js';
import { quoteIdent, quoteLiteral } from '../sql/quote.js';
import { parseSql } from '../sql/parser.js';
import { codeTokens, type Token } from '../sql/tokens.js';
import { ownerRule, type Definitions } from './definitions.js';
import { columnExists, guardedDo } from './guards.js';
import { defKey, unqualifiedSchema, fromNameList, fromRangeVar, sibling, sqlName, strings, type QualifiedName } from './names.js';
import { chooseName, constraintName, makeObjectName, type Taken } from './naming.js';
import { identOf, serialInt, type ColumnFacts } from './column-facts.js';
import { findTopLevel, listItems, skipName, skipWords, textOf, type Span } from './token-spans.js';

type ConstraintNode = NonNullable<Extract<Node, { Constraint: unknown }>['Constraint']>;
type ColumnDefNode = NonNullable<Extract<Node, { ColumnDef: unknown }>['ColumnDef']>;

/**
 * Records a column (definition text, type, default, NOT NULL) and its constraints, naming
 * unnamed ones. A serial column is recorded as what Postgres makes of it: an integer column
 * whose default reads the sequence it owns, recorded too (so undoing a later DROP DEFAULT,
 * ALTER TYPE or DROP SEQUENCE restores them).
 */
export function recordColumn(defs: Definitions, table: QualifiedName, col: ColumnDefNode, facts: ColumnFacts): boolean {
  const name = col.colname ?? '';
  const key = defKey(table, name);
  defs.set('column', key, facts.text);
  defs.set('column-order', key, String(nextColumnOrder++));
  const int = serialInt(facts.type);
  if (int) {
    // The sequence takes a relation name, chosen before the column's constraints name their indexes.
    const seq = sibling(table, chooseName(table.name, name, 'seq', relationTaken(defs, table)).name);
    defs.set('sequence', defKey(seq), `CREATE SEQUENCE IF NOT EXISTS ${sqlName(seq)} AS ${int} OWNED BY ${sqlName(table)}.${quoteIdent(name)}`, key);
    facts = { ...facts, type: int, default: nextval(seq) };
  }
  setColumnState(defs, table, name, facts, key);
  const nodes = (col.constraints ?? []).flatMap((n) => ('Constraint' in n && NAMED_KINDS.has(n.Constraint.contype ?? '') ? [n.Constraint] : []));
  if (nodes.length !== facts.constraints.length) return false; // unusual layout: do not guess
  let recorded = true;
  nodes.forEach((con, i) => {
    const conName = con.conname ?? constraintName(table.name, con, takenFor(defs, table, con.contype), name)?.name;
    if (conName) recordConstraint(defs, table, conName, facts.constraints[i]!, con.contype);
    else recorded = false;
  });
  return recorded;
}

/** Orders a table's columns as Postgres does, by when each was made (a rename keeps its place). */
let nextColumnOrder = 0;

/** What pgmend records about each column, keyed by the column: moved by a rename, forgotten with it. */
export const COLUMN_PARTS = ['column', 'column-type', 'column-default', 'column-not-null', 'column-order', 'column-not-null-name'] as const;

/** A serial column's default, as Postgres writes it. */
export function nextval(seq: QualifiedName): string {
  return `nextval(${quoteLiteral(sqlName(seq))}::regclass)`;
}

/** The column a recorded CREATE SEQUENCE … OWNED BY t.c belongs to: it goes with that column, or its table. */
ownerRule('sequence', (sql) => {
  const owner = sequenceOwner(sql);
  return owner && defKey(owner.table, owner.column);
});

/** The table and column of `CREATE SEQUENCE … OWNED BY t.c` (undefined for OWNED BY NONE or none). */
export function sequenceOwner(sql: string): { table: QualifiedName; column: string } | undefined {
  const node = parseSql(sql).stmts?.[0]?.stmt;
  const owned = node && 'CreateSeqStmt' in node ? node.CreateSeqStmt.options?.find((o) => 'DefElem' in o && o.DefElem.defname === 'owned_by') : undefined;
  const arg = owned && 'DefElem' in owned ? owned.DefElem.arg : undefined;
  const items = arg && 'List' in arg ? (arg.List.items ?? []) : [];
  return items.length >= 2 ? { table: fromNameList(items.slice(0, -1)), column: strings(items).at(-1)! } : undefined;
}

/**
 * After a dropped sequence is created again, it would start over while its column keeps the
 * values it handed out: the next insert would collide. It continues after the largest value of
 * the column that owns it (when that column exists and has rows).
 */
export function resumeSequence(sql: string, seq: QualifiedName): string | undefined {
  const owner = sequenceOwner(sql);
  if (!owner) return undefined;
  const col = quoteIdent(owner.column);
  return guardedDo(
    `EXISTS (${columnExists(owner.table, owner.column)})`,
    `    PERFORM setval(${quoteLiteral(sqlName(seq))}::regclass, max(${col})) FROM ${sqlName(owner.table)} HAVING max(${col}) IS NOT NULL`,
  );
}

/**
 * Points the recorded OWNED BY of the sequences a column owns (`fromColumn`, its old key) at the
 * column under its new name or table: re-created on the way down, they must name it as it is then.
 */
export function moveOwnedSequences(defs: Definitions, fromColumn: string, table: QualifiedName, column: string): void {
  for (const k of defs.ownedBy('sequence', fromColumn)) defs.set('sequence', k, reown(defs.get('sequence', k)!, `${sqlName(table)}.${quoteIdent(column)}`));
}

function reown(sql: string, owner: string): string {
  const tokens = codeTokens(sql);
  const at = findTopLevel(tokens, new Set(['OWNED']), 0);
  if (at < 0 || tokens[at + 1]?.keyword !== 'BY' || !tokens[at + 2]) return sql;
  const end = skipName(tokens, at + 2) - 1;
  return sql.slice(0, tokens[at + 2]!.start) + owner + sql.slice(tokens[end]!.end);
}

/** Forgets the sequences a column (its key) owns: Postgres drops them with it. */
export function forgetOwnedSequences(defs: Definitions, column: string): void {
  for (const k of defs.ownedBy('sequence', column)) defs.delete('sequence', k);
}

/** `key`: the column's defKey when the caller has it already (one string, hashed once for every map). */
export function setColumnState(defs: Definitions, table: QualifiedName, column: string, facts: Pick<ColumnFacts, 'type' | 'default' | 'notNull'>, key = defKey(table, column)): void {
  if (facts.type) defs.set('column-type', key, facts.type);
  if (facts.default !== undefined) defs.set('column-default', key, facts.default);
  else defs.delete('column-default', key);
  defs.set('column-not-null', key, String(facts.notNull));
  setNotNullName(defs, table, column, facts.notNull, key);
}

/**
 * Postgres 18 names a column's NOT NULL constraint `<table>_<column>_not_null` after the table's
 * name when it is made, and keeps that name through renames: a table rebuilt under a later name
 * must name it as it was.
 */
export function setNotNullName(defs: Definitions, table: QualifiedName, column: string, notNull: boolean, key = defKey(table, column)): void {
  if (!notNull) defs.delete('column-not-null-name', key);
  else if (!defs.has('column-not-null-name', key)) defs.set('column-not-null-name', key, makeObjectName(table.name, column, 'not_null'));
}

const NAMED_KINDS = new Set(['CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_CHECK', 'CONSTR_FOREIGN', 'CONSTR_EXCLUSION']);

/** Records a constraint body (`UNIQUE (a)`, `CHECK (…)`); index-backed ones also take a relation name. */
export function recordConstraint(defs: Definitions, table: QualifiedName, name: string, body: string, contype?: string): void {
  defs.set('constraint', defKey(table, name), body);
  if (INDEXED.has(contype ?? '')) {
    // The constraint's index takes the name among relations; '' marks "not restorable on its own".
    const index = defKey({ schema: table.schema, name });
    if (!defs.get('index', index)) defs.set('index', index, '');
  }
}

/** Table constraint element text without its `CONSTRAINT name` prefix. */
export function constraintBody(sql: string, tokens: Token[], span: Span): string {
  const from = tokens[span[0]]!.keyword === 'CONSTRAINT' ? span[0] + 2 : span[0];
  return textOf(sql, tokens, [from, span[1]]);
}

export function constraintOf(node: Node | undefined): ConstraintNode | undefined {
  return node && 'Constraint' in node ? node.Constraint : undefined;
}

const RELATION_KINDS = ['table', 'index', 'sequence', 'view', 'materialized-view'] as const;

/** Is a relation name (table, index, sequence, view) in the table's schema already known? */
export function relationTaken(defs: Definitions, table: QualifiedName): Taken {
  return (name) => RELATION_KINDS.some((k) => defs.has(k, defKey({ schema: table.schema, name })));
}

/** Is a constraint name in the table's schema already known (Postgres checks the whole schema)? */
export function constraintTaken(defs: Definitions, table: QualifiedName): Taken {
  const schema = table.schema ?? unqualifiedSchema();
  return (name) => defs.namesEndingIn('constraint', name).some((k) => k.startsWith(`${schema}.`));
}

/**
 * Names a new constraint must avoid: constraint names in the schema, and for constraints with
 * an index (primary key, unique, exclusion) relation names too (ChooseRelationName).
 */
export function takenFor(defs: Definitions, table: QualifiedName, contype: string | undefined): Taken {
  const constraints = constraintTaken(defs, table);
  if (!INDEXED.has(contype ?? '')) return constraints;
  const relations = relationTaken(defs, table);
  return (name) => constraints(name) || relations(name);
}

const INDEXED = new Set(['CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_EXCLUSION']);

/** The indexes of the table's recorded primary key, unique and exclusion constraints (named like them). */
export function constraintIndexes(defs: Definitions, table: QualifiedName): QualifiedName[] {
  const prefix = `${defKey(table)}.`;
  return defs
    .names('constraint', prefix)
    .map((k) => sibling(table, k.slice(prefix.length)))
    .filter((q) => defs.get('index', defKey(q)) === '');
}

/** Columns sets of the table's known primary keys, unique constraints and plain unique indexes. */
export function uniqueKeys(defs: Definitions, table: QualifiedName, kinds = /^(PRIMARY|UNIQUE)$/): string[][] {
  const tableKey = defKey(table);
  const keys: string[][] = [];
  for (const k of defs.names('constraint', `${tableKey}.`)) {
    const body = defs.get('constraint', k)!;
    const tokens = codeTokens(body);
    const open = tokens.findIndex((t) => t.text === '(');
    if (!kinds.test(tokens[0]?.keyword ?? '') || open < 0 || k.slice(tableKey.length + 1).includes('.')) continue;
    const cols = listItems(tokens, open).map(([a, b]) => (a === b ? identOf(tokens[a]!) : ''));
    if (cols.every(Boolean)) keys.push(cols);
  }
  if (!kinds.test('UNIQUE')) return keys;
  for (const k of indexesOn(defs, table)) {
    const idx = parsedIndex(defs.get('index', k)!);
    if (!idx?.unique || idx.whereClause) continue;
    const cols = (idx.indexParams ?? []).map((p) => ('IndexElem' in p && !p.IndexElem.expr ? (p.IndexElem.name ?? '') : ''));
    if (cols.every(Boolean)) keys.push(cols);
  }
  return keys;
}

/** Keys of the recorded CREATE INDEX statements on `table`, in the order they were recorded. */
export function indexesOn(defs: Definitions, table: QualifiedName): string[] {
  return defs.ownedBy('index', defKey(table));
}

ownerRule('index', (sql) => {
  const on = indexTable(sql);
  return on ? defKey(on) : undefined;
});

/** The table a recorded CREATE INDEX is on. */
export function indexTable(sql: string): QualifiedName | undefined {
  const idx = parsedIndex(sql);
  return idx?.relation ? fromRangeVar(idx.relation) : undefined;
}

// Recorded index definitions are parsed again for every seed INSERT of the schema: memoise
// them (bounded), or converting a large corpus grows with the square of its size.
const indexCache = new Map<string, ReturnType<typeof parseIndex>>();

/**
 * Records a CREATE INDEX as rewritten from `node`'s statement: only names and guards differ
 * from the statement parsed, so its table, columns and predicate are known without parsing.
 */
export function recordIndex(defs: Definitions, key: string, sql: string, node: NonNullable<ReturnType<typeof parseIndex>>): void {
  if (indexCache.size >= 10_000) indexCache.clear();
  indexCache.set(sql, node);
  defs.set('index', key, sql);
}

function parsedIndex(sql: string) {
  if (!sql) return undefined;
  let idx = indexCache.get(sql);
  if (idx === undefined && !indexCache.has(sql)) {
    if (indexCache.size >= 10_000) indexCache.clear();
    indexCache.set(sql, (idx = parseIndex(sql)));
  }
  return idx;
}

function parseIndex(sql: string) {
  const node = parseSql(sql).stmts?.[0]?.stmt;
  return node && 'IndexStmt' in node ? node.IndexStmt : undefined;
}

/** Forgets a dropped table: its text, columns, constraints and indexes. */
export function forgetTable(defs: Definitions, table: QualifiedName): void {
  const key = defKey(table);
  for (const k of indexesOn(defs, table)) defs.delete('index', k);
  for (const k of defs.names('constraint', `${key}.`)) {
    const index = `${table.schema ?? unqualifiedSchema()}.${k.slice(key.length + 1)}`;
    if (defs.get('index', index) === '') defs.delete('index', index);
  }
  defs.delete('table', key);
  defs.delete('table-elements', key);
  for (const k of defs.names('column', `${key}.`)) forgetOwnedSequences(defs, k);
  for (const kind of TABLE_PARTS) for (const k of defs.names(kind, `${key}.`)) defs.delete(kind, k);
  // Its comments went with it: a table made again under its name starts without them.
  for (const k of commentKeys(defs, key)) defs.delete('comment', k);
}

/** What pgmend records about a table keyed under it (`<table key>.<part>`): moved by a rename, forgotten by a drop. */
export const TABLE_PARTS = [...COLUMN_PARTS, 'constraint', 'trigger', 'policy', 'rule', 'table-setting', 'table-unfollowed', 'table-elements'] as const;

/** The 'comment' kinds of a table and of the parts DROP TABLE takes with it. */
export const TABLE_COMMENT_KINDS = ['OBJECT_TABLE', 'OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT', 'OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE'];

/** Keys of the comments on a table (`tableKey`) and on its parts. */
export function commentKeys(defs: Definitions, tableKey: string): string[] {
  return TABLE_COMMENT_KINDS.flatMap((kind) => {
    const own = `${kind}:${tableKey}`;
    return defs.names('comment', own).filter((k) => k === own || k.startsWith(`${own}.`));
  });
}

/**
 * After a column rename, the recorded constraints and indexes of its table name it by its new
 * name: restored later, a CHECK (length(nickname) < 50) must read display_name.
 */
export function renameColumnInTableParts(defs: Definitions, table: QualifiedName, from: string, to: string): void {
  const rename = (sql: string) => {
    let out = sql;
    for (const t of codeTokens(sql).reverse()) if (identOf(t) === from && /^["A-Za-z_]/.test(t.text)) out = out.slice(0, t.start) + quoteIdent(to) + out.slice(t.end);
    return out;
  };
  for (const k of defs.names('constraint', `${defKey(table)}.`)) defs.set('constraint', k, rename(defs.get('constraint', k)!));
  // Column settings (SET STATISTICS, SET STORAGE) name it too; their keys keep the name they were set under.
  for (const k of defs.names('table-setting', `${defKey(table)}.`)) defs.set('table-setting', k, rename(defs.get('table-setting', k)!));
  const comment = defs.get('comment', `OBJECT_COLUMN:${defKey(table, from)}`);
  if (comment !== undefined) {
    defs.delete('comment', `OBJECT_COLUMN:${defKey(table, from)}`);
    defs.set('comment', `OBJECT_COLUMN:${defKey(table, to)}`, comment);
  }
  for (const k of indexesOn(defs, table)) {
    const sql = defs.get('index', k)!;
    const on = sql.search(/\bON\b/i); // the columns come after ON table
    if (sql && on >= 0) defs.set('index', k, sql.slice(0, on) + rename(sql.slice(on)));
  }
}

/** A recorded column definition under its new name (the name is its first token). */
export function renameColumnText(text: string, name: string): string {
  const first = codeTokens(text)[0];
  return first ? quoteIdent(name) + text.slice(first.end) : text;
}

/**
 * Replaces the name after `anchor` (`TABLE [IF NOT EXISTS]`, `ON [ONLY]`, `INDEX [CONCURRENTLY]`,
 * `VIEW`, `FUNCTION`, `TRIGGER`, …) in recorded SQL: the object renamed or moved, its recorded
 * CREATE makes it under the new name.
 */
export function retarget(sql: string, anchor: RetargetAnchor, name: QualifiedName): string {
  const tokens = codeTokens(sql);
  const at = findTopLevel(tokens, new Set([anchor]), 0);
  if (at < 0) return sql;
  const first = skipWords(tokens, skipWords(tokens, skipWords(tokens, at + 1, ['CONCURRENTLY']), ['IF', 'NOT', 'EXISTS']), ['ONLY']);
  const end = skipName(tokens, first) - 1;
  if (!tokens[first] || tokens[end]?.text === '*' || (anchor === 'INDEX' && tokens[first].keyword === 'ON')) return sql; // an unnamed index
  // CREATE INDEX names the index alone: it lives in its table's schema.
  return sql.slice(0, tokens[first].start) + (anchor === 'INDEX' ? quoteIdent(name.name) : sqlName(name)) + sql.slice(tokens[end]!.end);
}

export type RetargetAnchor = 'TABLE' | 'ON' | 'TYPE' | 'DOMAIN' | 'INDEX' | 'VIEW' | 'SEQUENCE' | 'FUNCTION' | 'PROCEDURE' | 'TRIGGER' | 'POLICY';
