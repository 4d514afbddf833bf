import type { Finding } from '../../findings.js';
import type { Node } from '../../sql/parser.js';
import { quoteIdent } from '../../sql/quote.js';
import { applyEdits, codeTokens, insertAfter, type TextEdit, type Token } from '../../sql/tokens.js';
import { forgetColumn, forgetConstraint, restoreColumn, restoreConstraint, takeDependentIndexes, usingCast } from '../column-restore.js';
import { info, inner, warning } from '../edits.js';
import { columnExists, constraintExists, guardedDo, notExists, relationBeside } from '../guards.js';
import { defKey, fromRangeVar, regclass, sibling, sqlName, strings, type QualifiedName } from '../names.js';
import { columnRefs, constraintName } from '../naming.js';
import { columnFacts } from '../column-facts.js';
import { constraintBody, recordColumn, recordConstraint, setColumnState, setNotNullName, takenFor, uniqueKeys } from '../table-defs.js';
import { recordTableSetting, recordUnfollowed } from '../table-settings.js';
import { findTopLevel, skipName, skipWords, splitTopLevel, textOf, type Span } from '../token-spans.js';
import { both, notYetCreated, notYetSwapped, replacing, stillThere } from '../rerun-guards.js';
import { anyLaterChange } from '../lookahead.js';
import { notYetReadded, readdedFurtherOn } from '../readded-column.js';
import { whileThere } from './alter-table-later.js';
import { alterTypeAttribute } from './alter-type-attribute.js';
import { keepForReview, nothingToUndo, where } from './keep.js';
import type { DownStep, Fate, ParsedStatement, Rewrite, RewriteContext, Rule, UpStep } from '../types.js';

/**
 * ALTER TABLE, every subcommand of the statement on its own:
 * - ADD COLUMN → IF NOT EXISTS (a DO guard on pg_attribute when the column carries
 *   constraints, which Postgres evaluates even when the column exists); DROP COLUMN / DROP
 *   CONSTRAINT → IF EXISTS, down re-adds what an earlier statement defined;
 * - ADD CONSTRAINT (unnamed ones get Postgres's name written out) → DO guard on pg_constraint;
 *   ADD IDENTITY and ATTACH PARTITION → guards on pg_attribute / pg_inherits;
 * - ALTER COLUMN TYPE, SET/DROP DEFAULT, SET/DROP NOT NULL, ENABLE/DISABLE ROW LEVEL SECURITY
 *   are re-runnable: kept, down restores the recorded earlier state;
 * - anything else is kept and flagged for review.
 * Subcommands that need a DO guard are split out of the statement into their own steps; the
 * others stay together in the user's text.
 * Composite types' attributes (ALTER TYPE … ADD ATTRIBUTE) go to alter-type-attribute.
 * Handles: AlterTableStmt.
 */
/**
 * A later subcommand of the same statement (Prisma's `DROP COLUMN "id", ADD COLUMN "id" UUID`),
 * a later statement of the migration, or a statement of a later revision adds a column of that
 * name to the table again (the chain may run where a later revision's SQL was applied by hand).
 */
function addedAgainLater(ctx: RewriteContext, table: QualifiedName, col: string, stmt: ParsedStatement, cmd: Cmd): boolean {
  const own = (inner(stmt, 'AlterTableStmt').cmds ?? []).map((c) => ('AlterTableCmd' in c ? c.AlterTableCmd : {}));
  const addsIt = (c: Cmd) => c.subtype === 'AT_AddColumn' && c.def !== undefined && 'ColumnDef' in c.def && c.def.ColumnDef.colname === col;
  if (own.slice(own.indexOf(cmd) + 1).some(addsIt)) return true;
  return readdedFurtherOn(ctx, table, col);
}

export const alterTable: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'AlterTableStmt');
  if (node.objtype === 'OBJECT_TYPE') return alterTypeAttribute(stmt, ctx);
  const table = fromRangeVar(node.relation ?? {});
  const tokens = codeTokens(stmt.text);
  const kind = KIND_WORDS[node.objtype ?? ''] ?? 'TABLE';
  const headEnd = skipName(tokens, nameStart(tokens, kind, node.missing_ok)) - 1;
  const spans = splitTopLevel(tokens, headEnd + 1, tokens.length - 1);
  const cmds = node.cmds ?? [];
  if (spans.length !== cmds.length) return unsplit(stmt);
  const alter: Alter = {
    stmt,
    ctx,
    table,
    tokens,
    head: `ALTER ${kind} ${node.missing_ok ? 'IF EXISTS ' : ''}${node.relation?.inh ? '' : 'ONLY '}${sqlName(table)}`,
    onTable: kind === 'TABLE',
  };
  const list = cmds.map((c) => ('AlterTableCmd' in c ? c.AlterTableCmd : {}));
  const pieces = whileThere(ctx, table, list, list.map((cmd, i) => subcommand(alter, cmd, spans[i]!)));
  return assemble(stmt, stmt.text.slice(0, tokens[headEnd]!.end), spans.map((s) => [tokens[s[0]]!.start, tokens[s[1]]!.end]), pieces);
};

const KIND_WORDS: Record<string, string> = {
  OBJECT_TABLE: 'TABLE',
  OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE',
  OBJECT_VIEW: 'VIEW',
  OBJECT_MATVIEW: 'MATERIALIZED VIEW',
  OBJECT_INDEX: 'INDEX',
  OBJECT_SEQUENCE: 'SEQUENCE',
};

/** The first token of the relation name: after ALTER <kind words> [IF EXISTS] [ONLY]. */
function nameStart(tokens: Token[], kindWords: string, ifExists: boolean | undefined): number {
  let i = 1 + kindWords.split(' ').length;
  if (ifExists) i = skipWords(tokens, i, ['IF', 'EXISTS']);
  return skipWords(tokens, i, ['ONLY']);
}

interface Alter {
  stmt: ParsedStatement;
  ctx: RewriteContext;
  table: QualifiedName;
  tokens: Token[];
  /** Generated `ALTER TABLE [IF EXISTS] [ONLY] name` for down steps and guards. */
  head: string;
  /** ALTER TABLE (not INDEX, VIEW, SEQUENCE): its settings are recorded for a rebuild of the table. */
  onTable: boolean;
}

/** One subcommand's part of the rewrite. */
interface Piece {
  edits: TextEdit[];
  /** Set when the subcommand must run inside a DO guard with this condition. */
  guard?: string;
  down: DownStep[];
  fate: Fate;
  how: string;
  findings: Finding[];
  /** The subcommand runs only outside a transaction block (it is then the statement's only one). */
  nonTransactional?: boolean;
}

export type Cmd = NonNullable<Extract<Node, { AlterTableCmd: unknown }>['AlterTableCmd']>;

const RERUNNABLE = new Set([
  'AT_ChangeOwner', 'AT_SetStatistics', 'AT_SetStorage', 'AT_SetCompression', 'AT_SetRelOptions', 'AT_ResetRelOptions',
  'AT_SetOptions', 'AT_ResetOptions', 'AT_ClusterOn', 'AT_DropCluster', 'AT_ReplicaIdentity', 'AT_SetLogged',
  'AT_SetUnLogged', 'AT_ValidateConstraint', 'AT_SetTableSpace', 'AT_SetAccessMethod',
]);

/** Subcommands whose inverse is another fixed subcommand. */
const INVERSE: Record<string, (c: Cmd) => string> = {
  AT_EnableRowSecurity: () => 'DISABLE ROW LEVEL SECURITY',
  AT_DisableRowSecurity: () => 'ENABLE ROW LEVEL SECURITY',
  AT_ForceRowSecurity: () => 'NO FORCE ROW LEVEL SECURITY',
  AT_NoForceRowSecurity: () => 'FORCE ROW LEVEL SECURITY',
  AT_EnableTrig: (c) => `DISABLE TRIGGER ${quoteIdent(c.name ?? '')}`,
  AT_DisableTrig: (c) => `ENABLE TRIGGER ${quoteIdent(c.name ?? '')}`,
  AT_EnableTrigAll: () => 'DISABLE TRIGGER ALL',
  AT_DisableTrigAll: () => 'ENABLE TRIGGER ALL',
  AT_EnableTrigUser: () => 'DISABLE TRIGGER USER',
  AT_DisableTrigUser: () => 'ENABLE TRIGGER USER',
};

function subcommand(a: Alter, cmd: Cmd, span: Span): Piece {
  const { stmt, ctx, table, tokens, head } = a;
  const defs = ctx.defs;
  const col = cmd.name ?? '';
  const key = defKey(table, col);
  const sql = (s: string): DownStep => ({ kind: 'sql', sql: s });
  const fail = (what: string): DownStep => ({ kind: 'fail', message: `cannot undo ${what} at ${where(stmt)}: pgmend never saw its earlier definition` });
  const kept = (down: DownStep[], how = 're-runnable as written'): Piece => ({ edits: [], down, fate: 'kept', how, findings: [] });
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const colDef = cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : {};
      const name = colDef.colname ?? '';
      const at = skipWords(tokens, skipWords(tokens, span[0] + 1, ['COLUMN']), ['IF', 'NOT', 'EXISTS']);
      const facts = columnFacts(stmt.text, tokens, [at, span[1]]);
      const down = [sql(`${head} DROP COLUMN IF EXISTS ${quoteIdent(name)}`)];
      recordColumn(defs, table, colDef, facts);
      const ref = { kind: 'column' as const, table, name };
      const renamedLater = notYetCreated(ctx, ref);
      const findings = replacing(stmt, ctx, ref);
      if (cmd.missing_ok && !renamedLater) return { ...kept(down, 'already IF NOT EXISTS'), findings };
      if (facts.constraints.length || renamedLater) {
        return { edits: [], guard: both(notExists(columnExists(table, name)), renamedLater), down, fate: 'idempotent', how: 'guarded on pg_attribute', findings };
      }
      return { edits: [insertAfter(tokens, at - 1, 'IF NOT EXISTS')], down, fate: 'idempotent', how: 'added IF NOT EXISTS', findings };
    }
    case 'AT_DropColumn': {
      // Added again under its name below: the drop runs on the old column only (told apart by
      // the types, the one the earlier statements left it with as it is now, before it is forgotten).
      const readded = addedAgainLater(ctx, table, col, stmt, cmd) ? (notYetReadded(ctx, table, col, true) ?? { indistinct: 'pgmend cannot tell the type it is added again with' }) : undefined;
      // The column's indexes go with it; on the way down they come back after it.
      const indexes = takeDependentIndexes(defs, table, col);
      const column = restoreColumn(defs, head, table, col);
      const restore = column && [...column, ...indexes.map(sql)];
      forgetColumn(defs, table, col);
      const nothing = cmd.missing_ok && !restore ? nothingLeftToRestore(a, 'column', col) : undefined;
      if (restore) defs.markDropped('column', key, where(stmt));
      const down = restore ?? [nothing ?? fail(`DROP COLUMN ${col}`)];
      const guard = both(notYetSwapped(ctx, { kind: 'column', table, name: col }), readded?.condition);
      const dropped = cmd.missing_ok
        ? { ...kept(down, 'already IF EXISTS'), guard }
        : { edits: [insertAfter(tokens, skipWords(tokens, span[0] + 1, ['COLUMN']) - 1, 'IF EXISTS')], guard, down, fate: 'idempotent' as const, how: 'added IF EXISTS', findings: [] };
      if (!readded) return dropped;
      if (readded.condition) return { ...dropped, fate: 'idempotent', how: `${dropped.how}; guarded: runs while the column ${col} is the old one (told from the one added again under its name by their types)` };
      // Run again, or on a database that already has the new column, this drops its values.
      const why = `column ${col} is dropped and added again further on, and ${readded.indistinct}: run again (or where the SQL was applied by hand), the revision drops the new column with its values`;
      return { ...dropped, fate: 'review', how: why, findings: [{ code: 'column-recreated', severity: 'warning', message: why, location: stmt.location, hint: 'change the column in place (ALTER COLUMN … TYPE … USING …), or guard the drop on the old column type' }] };
    }
    case 'AT_AddConstraint': {
      const con = cmd.def && 'Constraint' in cmd.def ? cmd.def.Constraint : {};
      const bodyStart = skipWords(tokens, span[0], ['ADD']);
      const body = constraintBody(stmt.text, tokens, [bodyStart, span[1]]);
      const predicted = con.conname ?? con.indexname ?? constraintName(table.name, con, takenFor(defs, table, con.contype))?.name;
      if (!predicted) return review(a, cmd, 'cannot tell the name of this constraint');
      const findings: Finding[] = [];
      const edits: TextEdit[] = [];
      if (!con.conname && !con.indexname) {
        edits.push({ start: tokens[bodyStart]!.start, end: tokens[bodyStart]!.start, text: `CONSTRAINT ${quoteIdent(predicted)} ` });
        findings.push(info(stmt, 'constraint-named', `unnamed constraint named ${predicted}, the name Postgres gives it; predicted from the names in these files only`));
      }
      recordConstraint(defs, table, predicted, body, con.contype);
      // On a re-run the constraint may be gone with a column it uses, which a later statement dropped.
      const used = anyLaterChange(ctx) ? [...strings(con.keys), ...strings(con.fk_attrs), ...columnRefs(con.raw_expr)] : [];
      const there = [...new Set(used)].map((name) => stillThere(ctx, { kind: 'column', table, name }));
      const indexed = indexName(a, con, predicted);
      const guard = [
        notExists(constraintExists(table, predicted)),
        notYetCreated(ctx, { kind: 'constraint', table, name: predicted }),
        ...indexed,
        ...there,
      ].reduce(both);
      const how = indexed.length ? 'guarded on pg_constraint and on pg_class (its index takes the name)' : 'guarded on pg_constraint';
      return { edits, guard, down: [sql(`${head} DROP CONSTRAINT IF EXISTS ${quoteIdent(predicted)}`)], fate: 'idempotent', how, findings };
    }
    case 'AT_DropConstraint': {
      const restore = restoreConstraint(defs, head, table, col);
      forgetConstraint(defs, table, col);
      if (restore) defs.markDropped('constraint', key, where(stmt));
      const nothing = cmd.missing_ok && !restore ? nothingLeftToRestore(a, 'constraint', col) : undefined;
      const down = restore ? [sql(restore)] : [nothing ?? fail(`DROP CONSTRAINT ${col}`)];
      const guard = notYetSwapped(ctx, { kind: 'constraint', table, name: col });
      if (cmd.missing_ok) return { ...kept(down, 'already IF EXISTS'), guard };
      return { edits: [insertAfter(tokens, span[0] + 1, 'IF EXISTS')], guard, down, fate: 'idempotent', how: 'added IF EXISTS', findings: [] };
    }
    case 'AT_AlterColumnType': {
      const typeAt = findTopLevel(tokens, new Set(['TYPE']), span[0]);
      const end = findTopLevel(tokens, new Set(['USING', 'COLLATE']), typeAt + 1, span[1]);
      const type = textOf(stmt.text, tokens, [typeAt + 1, end < 0 ? span[1] : end - 1]);
      const old = defs.get('column-type', key);
      if (old !== undefined) defs.set('column-type', key, type);
      const c = quoteIdent(col);
      return kept(old !== undefined ? [sql(`${head} ALTER COLUMN ${c} TYPE ${old} ${usingCast(defs, c, old, type)}`)] : [fail(`ALTER COLUMN ${col} TYPE`)]);
    }
    case 'AT_ColumnDefault': {
      const known = defs.has('column-type', key) || defs.has('column', key);
      const old = defs.get('column-default', key);
      const at = findTopLevel(tokens, new Set(['DEFAULT']), span[0]);
      if (known) setDefault(a, col, cmd.def ? textOf(stmt.text, tokens, [at + 1, span[1]]) : undefined);
      const down = known ? [sql(`${head} ALTER COLUMN ${quoteIdent(col)} ${old === undefined ? 'DROP DEFAULT' : `SET DEFAULT ${old}`}`)] : [fail(`${cmd.def ? 'SET' : 'DROP'} DEFAULT on ${col}`)];
      return kept(down);
    }
    case 'AT_SetNotNull':
    case 'AT_DropNotNull': {
      const setting = cmd.subtype === 'AT_SetNotNull';
      // Unknown earlier state: the statement changed it, so the inverse restores it. A primary
      // key's column is NOT NULL whatever was said (and Postgres refuses to drop that).
      const inPrimaryKey = uniqueKeys(defs, table, /^PRIMARY$/).some((k) => k.includes(col));
      const was = inPrimaryKey || (defs.has('column-not-null', key) ? defs.get('column-not-null', key) === 'true' : !setting);
      if (defs.has('column-not-null', key)) {
        defs.set('column-not-null', key, String(setting));
        setNotNullName(defs, table, col, setting, key);
      }
      return kept([sql(`${head} ALTER COLUMN ${quoteIdent(col)} ${was ? 'SET' : 'DROP'} NOT NULL`)]);
    }
    case 'AT_AddIdentity': {
      recordUnfollowed(defs, table, where(stmt), `ALTER TABLE … ${textOf(stmt.text, tokens, span)}`);
      const down = [sql(`${head} ALTER COLUMN ${quoteIdent(col)} DROP IDENTITY IF EXISTS`)];
      return { edits: [], guard: notExists(`${columnExists(table, col)} AND attidentity <> ''`), down, fate: 'idempotent', how: 'guarded on pg_attribute', findings: [] };
    }
    case 'AT_AttachPartition': {
      const part = fromRangeVar((cmd.def && 'PartitionCmd' in cmd.def ? cmd.def.PartitionCmd.name : undefined) ?? {});
      defs.set('partition', defKey(part), `ALTER TABLE ${sqlName(table)} ${textOf(stmt.text, tokens, span)}`);
      const attached = `SELECT 1 FROM pg_inherits WHERE inhrelid = ${regclass(part)} AND inhparent = ${regclass(table)}`;
      return { edits: [], guard: notExists(attached), down: [sql(`${head} DETACH PARTITION ${sqlName(part)}`)], fate: 'idempotent', how: 'guarded on pg_inherits', findings: [] };
    }
    case 'AT_DetachPartition': {
      const partition = cmd.def && 'PartitionCmd' in cmd.def ? cmd.def.PartitionCmd : {};
      const part = fromRangeVar(partition.name ?? {});
      const attached = `SELECT 1 FROM pg_inherits WHERE inhrelid = ${regclass(part)} AND inhparent = ${regclass(table)}`;
      // Attached again with the bounds an earlier CREATE … PARTITION OF or ATTACH gave it.
      const attach = defs.get('partition', defKey(part));
      const down: DownStep[] = attach
        ? [sql(guardedDo(notExists(attached), attach))]
        : [{ kind: 'fail', message: `cannot attach ${sqlName(part)} to ${sqlName(table)} again, detached at ${where(stmt)}: its partition bounds are not recorded` }];
      if (partition.concurrent) {
        // Postgres runs it only outside a transaction block, and a DO guard is one.
        const why = 'DETACH PARTITION … CONCURRENTLY runs outside a transaction, where no DO block can guard it: run again, it fails once the partition is detached';
        return { edits: [], down, fate: 'review', how: why, findings: [warning(stmt, 'needs-review', why)], nonTransactional: true };
      }
      return { edits: [], guard: `EXISTS (${attached})`, down, fate: 'idempotent', how: 'guarded on pg_inherits', findings: [] };
    }
    case 'AT_ValidateConstraint': {
      // Rebuilt, the constraint is made valid.
      const body = defs.get('constraint', key);
      if (body !== undefined) defs.set('constraint', key, body.replace(/\s+NOT\s+VALID\s*$/i, ''));
      return kept([{ kind: 'note', text: `${textOf(stmt.text, tokens, span)} at ${where(stmt)} is left as it is` }]);
    }
    default: {
      // A rebuild of the table after a later DROP TABLE sets it again.
      if (a.onTable) recordTableSetting(defs, table, cmd, textOf(stmt.text, tokens, span));
      const inverse = INVERSE[cmd.subtype ?? ''];
      if (inverse) return kept([sql(`${head} ${inverse(cmd)}`)]);
      if (RERUNNABLE.has(cmd.subtype ?? '')) return kept([{ kind: 'note', text: `${textOf(stmt.text, tokens, span)} at ${where(stmt)} is left as it is` }]);
      return review(a, cmd, `pgmend cannot prove ALTER TABLE … ${textOf(stmt.text, tokens, span)} re-runnable`);
    }
  }
}

/**
 * A UNIQUE, PRIMARY KEY or EXCLUDE constraint makes an index under its own name in its table's
 * schema (`USING INDEX i` renames i to it), so that name must be free as a relation too. Where a
 * relation holds it, the constraint was added already and a later statement or revision took
 * the name (dropped the constraint and made an index of that name, renamed the index away and
 * something else took it), and Postgres would refuse: the ADD is skipped, as it is while the
 * index is there under a name a later ALTER INDEX … RENAME gives it (the constraint goes along).
 * `USING INDEX` under the index's own name: that relation is the index it takes, not a clash.
 */
function indexName(a: Alter, con: { contype?: string; indexname?: string }, name: string): string[] {
  if (!INDEXED.has(con.contype ?? '')) return [];
  const free = con.indexname === name ? undefined : notExists(relationBeside(a.table, name));
  return [free, notYetCreated(a.ctx, { kind: 'relation', name: sibling(a.table, name) })].filter((g) => g !== undefined);
}

const INDEXED = new Set(['CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_EXCLUSION']);

function setDefault(a: Alter, col: string, value: string | undefined): void {
  const key = defKey(a.table, col);
  setColumnState(a.ctx.defs, a.table, col, {
    type: a.ctx.defs.get('column-type', key) ?? '',
    default: value,
    notNull: a.ctx.defs.get('column-not-null', key) === 'true',
  });
}

function review(a: Alter, cmd: Cmd, why: string): Piece {
  recordUnfollowed(a.ctx.defs, a.table, where(a.stmt), `ALTER TABLE … ${cmd.subtype?.replace('AT_', '') ?? ''} (${why})`);
  return {
    edits: [],
    down: [{ kind: 'fail', message: `cannot undo ALTER TABLE ${sqlName(a.table)} at ${where(a.stmt)}: ${why}` }],
    fate: 'review',
    how: why,
    findings: [warning(a.stmt, 'needs-review', why)],
  };
}

/**
 * Puts the pieces back together: one statement when no subcommand needs a guard (or the only
 * one does), else runs of plain subcommands in the user's text and one DO block per guarded one.
 */
function assemble(stmt: ParsedStatement, head: string, ranges: Array<[number, number]>, pieces: Piece[]): Rewrite {
  const text = stmt.text;
  const edited = (from: number, to: number) =>
    applyEdits(text.slice(from, to), pieces.flatMap((p) => p.edits).filter((e) => e.start >= from && e.end <= to).map((e) => ({ ...e, start: e.start - from, end: e.end - from })));
  const up: UpStep[] = [];
  if (!pieces.some((p) => p.guard)) up.push({ sql: edited(0, text.length), ...(pieces.some((p) => p.nonTransactional) ? { nonTransactional: true } : {}) });
  else if (pieces.length === 1) up.push({ sql: guardedDo(pieces[0]!.guard!, edited(0, text.length)) });
  else {
    for (let i = 0; i < pieces.length; ) {
      let j = i;
      if (pieces[i]!.guard) {
        up.push({ sql: guardedDo(pieces[i]!.guard!, `${head} ${edited(ranges[i]![0], ranges[i]![1])}`) });
        i++;
        continue;
      }
      while (j + 1 < pieces.length && !pieces[j + 1]!.guard) j++;
      up.push({ sql: `${head} ${edited(ranges[i]![0], ranges[j]![1])}` });
      i = j + 1;
    }
  }
  const fate: Fate = pieces.some((p) => p.fate === 'review') ? 'review' : pieces.some((p) => p.fate === 'idempotent' || p.guard) ? 'idempotent' : 'kept';
  return {
    up,
    down: [...pieces].reverse().flatMap((p) => p.down),
    fate,
    how: [...new Set(pieces.map((p) => p.how))].join('; '),
    findings: pieces.flatMap((p) => p.findings),
  };
}

function unsplit(stmt: ParsedStatement): Rewrite {
  const why = 'could not find the subcommands of this ALTER in its text';
  return keepForReview(stmt, why, 'needs-review', [{ kind: 'fail', message: `cannot undo ALTER at ${where(stmt)}: ${why}` }]);
}

/** DROP COLUMN / CONSTRAINT IF EXISTS of one pgmend knows is not there: a note instead of a raise. */
function nothingLeftToRestore({ stmt, ctx, table }: Alter, kind: 'column' | 'constraint', name: string): DownStep | undefined {
  const droppedAt = ctx.defs.droppedAt(kind, defKey(table, name));
  const why = droppedAt ? `was dropped already at ${droppedAt}` : ctx.defs.has('table', defKey(table)) ? `was never in ${sqlName(table)} as these files created it` : undefined;
  return why === undefined ? undefined : nothingToUndo(stmt, `${kind} ${name}`, why, `DROP ${kind.toUpperCase()} IF EXISTS`);
}
