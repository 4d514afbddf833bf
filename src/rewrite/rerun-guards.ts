/**
 * Guards that keep a whole revision re-runnable when a later statement of it renames or
 * drops what this statement touches (see lookahead.ts):
 * - a CREATE of something renamed later runs only when none of its names exists yet (else
 *   the second run creates it again under its first name, beside the renamed one);
 * - a statement using something renamed or dropped later runs only while it is still there
 *   (on the second run it is gone, and the statement would fail).
 */
import { quoteIdent } from '../sql/quote.js';
import { warning } from './edits.js';
import { andGuard, columnExists, constraintExists, exists, notExists } from './guards.js';
import { anyLaterChange, later, successor, type ObjectRef } from './lookahead.js';
import { fromRangeVar, regclass, regtype, sqlName, strings, type QualifiedName } from './names.js';
import type { Node } from '../sql/parser.js';
import type { Finding } from '../findings.js';
import type { ParsedStatement, Rewrite, RewriteContext } from './types.js';
import { usedObjects } from './uses.js';
import { notYetRebuilt } from './replaced-later.js';
import { notYetReadded } from './readded-column.js';

/** SQL condition: an object of that name exists, or (`absent`) does not; relations and types as search_path finds them. */
export function present(ref: ObjectRef, absent = false): string {
  if ('table' in ref) {
    const query = ref.kind === 'column' ? columnExists(ref.table, ref.name) : constraintExists(ref.table, ref.name);
    return absent ? notExists(query) : exists(query);
  }
  return `${(ref.kind === 'relation' ? regclass : regtype)(ref.name)} IS ${absent ? '' : 'NOT '}NULL`;
}

/**
 * `present(ref)` for a use of something a later statement renames or drops; for a column
 * renamed away and added again under its name (see readded-column.ts), also "it is still the
 * old column": where that ran already, the name holds the new one, which the use is not about.
 */
export function stillOld(ctx: RewriteContext, ref: ObjectRef): string {
  const readded = 'table' in ref && ref.kind === 'column' ? notYetReadded(ctx, ref.table, ref.name)?.condition : undefined;
  return both(present(ref), readded)!;
}

/** The same kind of object under another name. */
function renamed(ref: ObjectRef, to: QualifiedName): ObjectRef {
  return 'table' in ref ? { ...ref, name: to.name } : { kind: ref.kind, name: to };
}

/**
 * For a CREATE: "none of the names a later rename gives the object exists", or undefined. A
 * name another object holds until the migration drops it tells nothing, and is left out.
 */
export function notYetCreated(ctx: RewriteContext, ref: ObjectRef): string | undefined {
  const fate = later(ctx, ref);
  const names = fate?.names.filter((n) => !fate.replacing.includes(n));
  if (!names?.length) return undefined;
  return names.map((n) => present(renamed(ref, n), true)).join(' AND ');
}

/** The warning for a CREATE whose object later takes over the name of one the migration drops. */
export function replacing(stmt: ParsedStatement, ctx: RewriteContext, ref: ObjectRef): Finding[] {
  const taken = later(ctx, ref)?.replacing ?? [];
  if (!taken.length) return [];
  const names = taken.map((n) => ('table' in ref ? quoteIdent(n.name) : sqlName(n))).join(', ');
  const message = `this ${ref.kind} later takes the name ${names} from one this migration drops or renames first; a re-run cannot tell that the revision ran, so it builds and swaps it again (same schema, the work done twice)`;
  return [warning(stmt, 'rerun-replaces', message, 'create the new object under its final name in a separate revision, or accept the repeated work')];
}

/** For a use: "it is still there", when a later statement renames or drops it; else undefined. */
export function stillThere(ctx: RewriteContext, ref: ObjectRef): string | undefined {
  return later(ctx, ref) ? stillOld(ctx, ref) : undefined;
}

/**
 * For a DROP (or DROP COLUMN / CONSTRAINT) of something a later rename replaces: "the object
 * that takes its name is still under its own name", i.e. the swap has not run yet.
 */
export function notYetSwapped(ctx: RewriteContext, ref: ObjectRef): string | undefined {
  const next = successor(ctx, ref);
  return next && present(next);
}

export function both(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? `${a} AND ${b}` : (a ?? b);
}

/**
 * Runs every transactional up step of `rewrite` only when `condition` holds. Steps that must
 * run outside a transaction cannot go into a DO block: those are reported instead.
 */
export function guardRewrite(stmt: ParsedStatement, rewrite: Rewrite, condition: string | undefined, why: string): Rewrite {
  if (!condition) return rewrite;
  const free = rewrite.up.some((s) => s.nonTransactional);
  const findings = free
    ? [...rewrite.findings, warning(stmt, 'rerun-unguarded', `${why}, but this statement runs outside a transaction and cannot be guarded in a DO block: re-running the revision may fail here`)]
    : rewrite.findings;
  return {
    ...rewrite,
    up: rewrite.up.map((s) => (s.nonTransactional ? s : { ...s, sql: andGuard(condition, s.sql) })),
    fate: rewrite.fate === 'kept' ? 'idempotent' : rewrite.fate,
    how: `${rewrite.how}; ${why}`,
    findings,
  };
}

/**
 * For the CREATE rules: skipped when the object already exists under a name a later statement
 * gives it. When that name is held by another object until the migration drops it (the swap),
 * what the CREATE makes beside the object tells instead, if anything: `companions`, e.g. a
 * table's constraint indexes, which keep their names when the table is renamed.
 */
export function guardCreate(stmt: ParsedStatement, ctx: RewriteContext, rewrite: Rewrite, ref: ObjectRef, companions: ObjectRef[] = []): Rewrite {
  const swapped = Boolean(later(ctx, ref)?.replacing.length);
  const signs = [notYetCreated(ctx, ref), ...(swapped ? companions.map((c) => present(c, true)) : [])].reduce(both, undefined);
  const guarded = guardRewrite(stmt, rewrite, signs, 'skipped once it exists under its later name');
  return swapped && !companions.length ? { ...guarded, findings: [...guarded.findings, ...replacing(stmt, ctx, ref)] } : guarded;
}

/**
 * The relations, user types and (where the statement names them plainly) columns the statement
 * uses that a later statement renames or drops: the rewrite runs only while they are there.
 */
export function guardUses(stmt: ParsedStatement, ctx: RewriteContext, rewrite: Rewrite): Rewrite {
  const objects = anyLaterChange(ctx) ? usedObjects(stmt) : undefined;
  if (!objects) return rewrite;
  const used = [...objects, ...columnsRead(stmt)];
  // A column of a table that goes away itself needs no check of its own.
  const refs = used.filter((r) => !('table' in r) || !later(ctx, { kind: 'relation', name: r.table }));
  const gone = refs.filter((r) => later(ctx, r));
  if (!gone.length) return rewrite;
  const conditions = [...new Set(gone.map((r) => stillOld(ctx, r)))];
  const names = [...new Set(gone.map(describe))];
  const guarded = guardRewrite(stmt, rewrite, conditions.join(' AND '), `skipped once ${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} gone (renamed or dropped later in this migration)`);
  return guardRebuilt(stmt, ctx, guarded, gone);
}

/**
 * A table a later revision renames away and builds again under its name: where those revisions
 * ran already, the name holds the new table, and the statement (about the old one) must skip it.
 */
function guardRebuilt(stmt: ParsedStatement, ctx: RewriteContext, rewrite: Rewrite, gone: ObjectRef[]): Rewrite {
  const rebuilt = gone.flatMap((r) => (r.kind === 'relation' && !('table' in r) ? [{ table: r.name, fate: notYetRebuilt(ctx, r.name) }] : []));
  const conditions = rebuilt.flatMap((r) => (r.fate?.condition ? [r.fate.condition] : []));
  const indistinct = rebuilt.filter((r) => r.fate?.indistinct).map((r) => sqlName(r.table));
  const guarded = guardRewrite(stmt, rewrite, conditions.length ? conditions.join(' AND ') : undefined, 'skipped on the table a later revision builds under its name (told apart by their columns)');
  if (!indistinct.length) return guarded;
  const message = `${indistinct.join(', ')} is renamed away and built again under its name later: where that already ran, this statement works on the new table, which pgmend cannot tell apart from the old one`;
  return { ...guarded, fate: 'review', findings: [...guarded.findings, warning(stmt, 'needs-review', message, 'give the rebuilt table a column the old one lacks, or check the statement by hand')] };
}

/** Statements whose WHERE, FROM / USING, joins and subqueries read columns of the tables they name. */
const READERS = new Set(['UpdateStmt', 'DeleteStmt', 'InsertStmt']);

/**
 * The columns such a statement reads: a qualified one (`d.doc_id`) of the table or alias it
 * names, an unqualified one of every table the statement reads (true on the first run, when
 * the later drop or rename has not happened; skipping a re-run for a namesake is harmless).
 */
function columnsRead(stmt: ParsedStatement): ObjectRef[] {
  if (!READERS.has(stmt.nodeType)) return [];
  const tables = new Map<string, QualifiedName>(); // by alias, else by name
  const refs: Node[][] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.relname === 'string') {
      const table = fromRangeVar(o as { schemaname?: string; relname: string });
      tables.set((o.alias as { aliasname?: string } | undefined)?.aliasname ?? table.name, table);
    }
    if ('ColumnRef' in o) refs.push((o.ColumnRef as { fields?: Node[] }).fields ?? []);
    else Object.values(o).forEach(walk);
  };
  walk(stmt.node);
  const out: ObjectRef[] = [];
  for (const fields of refs) {
    const names = strings(fields);
    if (names.length !== fields.length) continue; // `t.*`
    const name = names.at(-1)!;
    const of = names.length === 1 ? [...tables.values()] : [tables.get(names.at(-2)!)].filter((t) => t !== undefined);
    out.push(...of.map((table) => ({ kind: 'column' as const, table, name })));
  }
  return out;
}

function describe(ref: ObjectRef): string {
  return 'table' in ref ? `${ref.kind} ${sqlName(ref.table)}.${quoteIdent(ref.name)}` : `${ref.kind} ${sqlName(ref.name)}`;
}
