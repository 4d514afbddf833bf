/**
 * Downgrade SQL that puts a column or constraint back as pgmend last recorded it: used when a
 * later statement dropped it or changed its type, default or NOT NULL.
 */
import { quoteIdent, quoteLiteral } from '../sql/quote.js';
import { codeTokens } from '../sql/tokens.js';
import type { Definitions } from './definitions.js';
import { columnExists, constraintExists, exists, guardedDo, notExists } from './guards.js';
import { unqualifiedSchema, defKey, regclass, sibling, sqlName, type QualifiedName } from './names.js';
import { columnFacts, identOf, serialInt } from './column-facts.js';
import { makeObjectName } from './naming.js';
import { COLUMN_PARTS, forgetOwnedSequences, indexesOn, nextval } from './table-defs.js';
import type { DownStep } from './types.js';
import { forgetColumnSettings } from './table-settings.js';

/** `ALTER TABLE [IF EXISTS] [ONLY] name` for generated subcommands. */
export type AlterHead = string;

/**
 * Re-adds a dropped column from its recorded definition, then brings its type, default and
 * NOT NULL to the state recorded last (a later ALTER may have changed them), and says that its
 * values are not restored. Undefined when the column was never seen.
 */
export function restoreColumn(defs: Definitions, head: AlterHead, table: QualifiedName, column: string): DownStep[] | undefined {
  const key = defKey(table, column);
  const text = defs.get('column', key);
  if (text === undefined) return undefined;
  const tokens = codeTokens(text);
  let created = columnFacts(text, tokens, [0, tokens.length - 1]);
  const dflt = defs.get('column-default', key);
  const int = serialInt(created.type);
  if (int) {
    // Re-added, a serial column gets a new sequence (its old one went with it) and a default
    // reading it: the one recorded, when it still reads a sequence, else as Postgres names it.
    const own = dflt?.startsWith('nextval(') ? dflt : nextval(sibling(table, makeObjectName(table.name, column, 'seq')));
    created = { ...created, type: int, default: own };
  }
  const notNull = defs.get('column-not-null', key) === 'true';
  // Its values are gone: with rows in the table and no default (or identity) to fill them, NOT
  // NULL (or a primary key) would fail. It comes back nullable, and NOT NULL and its primary key
  // come back only when the table is empty.
  const filled = created.default !== undefined || tokens.some((t) => t.keyword === 'GENERATED');
  const deferred = notNull && !filled;
  const addedNotNull = deferred ? false : created.notNull;
  const steps = [guardedDo(notExists(columnExists(table, column)), `${head} ADD COLUMN ${deferred ? created.nullable : text}`)];
  const col = quoteIdent(column);
  const type = defs.get('column-type', key);
  if (type !== undefined && type !== created.type) steps.push(`${head} ALTER COLUMN ${col} TYPE ${type} ${usingCast(defs, col, type, created.type)}`);
  if (dflt !== created.default) steps.push(`${head} ALTER COLUMN ${col} ${dflt === undefined ? 'DROP DEFAULT' : `SET DEFAULT ${dflt}`}`);
  const whenEmpty = (sql: string) => guardedDo(notExists(`SELECT 1 FROM ${sqlName(table)}`), sql);
  const primaryKey = deferred ? created.primaryKey : undefined;
  const setNotNull = `${head} ALTER COLUMN ${col} ${notNull ? 'SET' : 'DROP'} NOT NULL`;
  // Adding the primary key makes the column NOT NULL too.
  if (primaryKey) steps.push(whenEmpty(`${head} ADD ${primaryKey}`));
  else if (notNull !== addedNotNull) steps.push(deferred ? whenEmpty(setNotNull) : setNotNull);
  // Postgres 18 names the NOT NULL after the column as it is now; the one dropped had kept the
  // name it got under an earlier name of the column or table (made again, it takes that one back).
  const notNullName = notNull ? defs.get('column-not-null-name', key) : undefined;
  const fresh = makeObjectName(table.name, column, 'not_null');
  if (notNullName && notNullName !== fresh) {
    const named = `SELECT 1 FROM pg_constraint WHERE conrelid = ${regclass(table)} AND contype = 'n' AND conname = `;
    steps.push(guardedDo(`${exists(named + quoteLiteral(fresh))} AND ${notExists(constraintExists(table, notNullName))}`, `${head} RENAME CONSTRAINT ${quoteIdent(fresh)} TO ${quoteIdent(notNullName)}`));
  }
  const emptyOnly = deferred ? `; it is NOT NULL${primaryKey ? ' and the primary key' : ''} again only if ${sqlName(table)} has no rows` : '';
  return [...steps.map((sql): DownStep => ({ kind: 'sql', sql })), { kind: 'note', text: `column ${column} comes back empty: its data is not restored${emptyOnly}` }];
}

export function forgetColumn(defs: Definitions, table: QualifiedName, column: string): void {
  const key = defKey(table, column);
  forgetOwnedSequences(defs, key);
  for (const kind of COLUMN_PARTS) defs.delete(kind, key);
  forgetColumnSettings(defs, table, column);
  // Postgres drops the table's constraints that involve the column with it.
  for (const k of defs.names('constraint', `${defKey(table)}.`)) {
    const name = k.slice(defKey(table).length + 1);
    if (!name.includes('.') && constraintUsesColumn(defs.get('constraint', k)!, column)) forgetConstraint(defs, table, name);
  }
}

/** Whether a constraint body names the column among its own columns (a foreign key's referenced ones are another table's). */
function constraintUsesColumn(body: string, column: string): boolean {
  const tokens = codeTokens(body);
  const references = tokens.findIndex((t) => t.keyword === 'REFERENCES');
  return tokens.slice(0, references < 0 ? undefined : references).some((t) => identOf(t) === column && /^["A-Za-z_]/.test(t.text));
}

/**
 * The recorded indexes on `table` that use `column` (Postgres drops them with it): their
 * CREATE INDEX statements, forgotten here, to create again after the column comes back.
 */
export function takeDependentIndexes(defs: Definitions, table: QualifiedName, column: string): string[] {
  const out: string[] = [];
  for (const key of indexesOn(defs, table)) {
    const sql = defs.get('index', key);
    if (!sql || !usesColumn(sql, column)) continue; // '' marks a constraint's index: the constraint's own business
    out.push(sql);
    defs.delete('index', key);
  }
  return out;
}

/** Whether the column list (or expressions, or WHERE) after `ON table` names the column. */
function usesColumn(indexSql: string, column: string): boolean {
  const tokens = codeTokens(indexSql);
  const open = tokens.findIndex((t) => t.text === '(');
  return open >= 0 && tokens.slice(open).some((t) => identOf(t) === column); // a string literal keeps its quotes: never equal
}

/** Forgets a dropped constraint (and the relation name its index held). */
export function forgetConstraint(defs: Definitions, table: QualifiedName, name: string): void {
  defs.delete('constraint', defKey(table, name));
  const index = defKey(sibling(table, name));
  if (defs.get('index', index) === '') defs.delete('index', index);
}

/** Re-adds a dropped constraint from its recorded body, guarded on pg_constraint. */
export function restoreConstraint(defs: Definitions, head: AlterHead, table: QualifiedName, name: string): string | undefined {
  const body = defs.get('constraint', defKey(table, name));
  if (body === undefined) return undefined;
  return guardedDo(notExists(constraintExists(table, name)), `${head} ADD CONSTRAINT ${quoteIdent(name)} ${body}`);
}

/**
 * `USING col::type` for a column type restored on the way down; through text when either type
 * is an enum pgmend saw created, since Postgres has no cast between enums (the usual way to
 * drop a label is a new enum, a column moved to it, and the old one dropped).
 */
export function usingCast(defs: Definitions, col: string, to: string, from?: string): string {
  const viaText = [to, from].some((t) => t !== undefined && isKnownEnum(defs, t));
  return `USING ${col}::${viaText ? 'text::' : ''}${to}`;
}

function isKnownEnum(defs: Definitions, spelled: string): boolean {
  const parts = spelled.replace(/(\[\])+$/, '').split('.').map((p) => p.trim().replace(/^"(.*)"$/, '$1'));
  const q = parts.length > 1 ? { schema: parts[parts.length - 2], name: parts[parts.length - 1]! } : { name: parts[0]! };
  return /\bAS\s+ENUM\b/i.test(defs.get('type', defKey(q)) ?? '');
}

/**
 * After a type is renamed or moved, column types recorded with its old spelling name it by
 * the new one, so a later downgrade restores the column to the type it really had.
 */
export function retypeColumns(defs: Definitions, from: QualifiedName, to: QualifiedName): void {
  const spellings = new Set([from.name, quoteIdent(from.name), sqlName(from), defKey(from), `${quoteIdent(from.schema ?? unqualifiedSchema())}.${quoteIdent(from.name)}`]);
  for (const key of defs.names('column-type')) {
    const value = defs.get('column-type', key)!;
    const array = /(\[\])+$/.exec(value)?.[0] ?? '';
    if (spellings.has(value.slice(0, value.length - array.length))) defs.set('column-type', key, sqlName(to) + array);
  }
}
