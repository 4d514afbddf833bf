/**
 * What the later statements of the same migration do to an object this statement touches:
 * the names a rename chain gives it, or that a drop removes it. Alembic re-runs a whole
 * revision, so a statement meets the schema as the revision's LAST statement left it: a
 * table created here and renamed further down is not there under its first name any more.
 *
 * Only renames and drops the parser shows are followed (RENAME, SET SCHEMA, DROP, ALTER TABLE
 * DROP COLUMN / CONSTRAINT, ADD CONSTRAINT … USING INDEX, which renames the index); guards
 * pgmend wrote itself (DO blocks) are not looked into, so converting converted SQL sees fewer
 * changes, never more.
 */
import type { Node } from '../sql/parser.js';
import type { SqlStatement } from '../sql/split.js';
import { defKey, fromNameList, fromRangeVar, sibling, type QualifiedName } from './names.js';
import { inLaterRevisions, type LaterRevisions } from './later-revisions.js';
import type { RewriteContext } from './types.js';

/** An object a statement touches. Relations (tables, views, sequences, indexes) share one namespace. */
export type ObjectRef =
  | { kind: 'relation' | 'type'; name: QualifiedName }
  | { kind: 'column' | 'constraint'; table: QualifiedName; name: string };

/** What later statements do to the object. */
export interface Later {
  /** Each name a later rename gives it, in order (relations and types: qualified like the rename). */
  names: QualifiedName[];
  /**
   * Those of `names` that another object holds at this statement, which the migration drops or
   * renames away first (the swap: create t_new, copy, drop t, rename t_new to t).
   */
  replacing: QualifiedName[];
  dropped: boolean;
}

/** A rename (`to`) or drop (no `to`) of one object by the statement at `at`. */
type Change =
  | { at: number; kind: 'relation' | 'type'; from: string; name: QualifiedName; to?: QualifiedName }
  | { at: number; kind: 'column' | 'constraint'; table: string; from: string; to?: string };

const RELATIONS = new Set(['OBJECT_TABLE', 'OBJECT_FOREIGN_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_INDEX']);
const TYPES = new Set(['OBJECT_TYPE', 'OBJECT_DOMAIN']);

/** The kind of object an OBJECT_… type names, for the kinds lookahead follows by name alone. */
export function namedKind(objectType: string | undefined): 'relation' | 'type' | undefined {
  return RELATIONS.has(objectType ?? '') ? 'relation' : TYPES.has(objectType ?? '') ? 'type' : undefined;
}

const cache = new WeakMap<readonly SqlStatement[], Change[]>();

/** Every rename and drop of the migration, in order (computed once per migration). */
function changesOf(statements: readonly SqlStatement[]): Change[] {
  let changes = cache.get(statements);
  if (!changes) {
    changes = statements.flatMap((s, at) => (s.node ? changesIn(s.node, at) : []));
    cache.set(statements, changes);
  }
  return changes;
}

function changesIn(node: Node, at: number): Change[] {
  if ('RenameStmt' in node) {
    const r = node.RenameStmt;
    const type = r.renameType ?? '';
    const rel = fromRangeVar(r.relation ?? {});
    const to = r.newname ?? '';
    if (RELATIONS.has(type)) return [{ at, kind: 'relation', from: defKey(rel), name: rel, to: sibling(rel, to) }];
    if (type === 'OBJECT_COLUMN' || type === 'OBJECT_TABCONSTRAINT') {
      return [{ at, kind: type === 'OBJECT_COLUMN' ? 'column' : 'constraint', table: defKey(rel), from: r.subname ?? '', to }];
    }
    if (TYPES.has(type)) {
      const q = fromNameList(r.object && 'List' in r.object ? r.object.List.items : []);
      return [{ at, kind: 'type', from: defKey(q), name: q, to: sibling(q, to) }];
    }
  }
  if ('AlterObjectSchemaStmt' in node) {
    const a = node.AlterObjectSchemaStmt;
    const schema = a.newschema ?? '';
    if (RELATIONS.has(a.objectType ?? '') && a.relation) {
      const rel = fromRangeVar(a.relation);
      return [{ at, kind: 'relation', from: defKey(rel), name: rel, to: { schema, name: rel.name } }];
    }
    if (TYPES.has(a.objectType ?? '')) {
      const q = fromNameList(a.object && 'List' in a.object ? a.object.List.items : []);
      return [{ at, kind: 'type', from: defKey(q), name: q, to: { schema, name: q.name } }];
    }
  }
  if ('DropStmt' in node) {
    const d = node.DropStmt;
    const kind = namedKind(d.removeType);
    if (!kind) return [];
    return (d.objects ?? []).map((o) => {
      const name = fromNameList('List' in o ? o.List.items : 'TypeName' in o ? o.TypeName.names : []);
      return { at, kind, from: defKey(name), name };
    });
  }
  if ('AlterTableStmt' in node) {
    const rel = fromRangeVar(node.AlterTableStmt.relation ?? {});
    const table = defKey(rel);
    return (node.AlterTableStmt.cmds ?? []).flatMap((c): Change[] => {
      const cmd = 'AlterTableCmd' in c ? c.AlterTableCmd : {};
      if (cmd.subtype === 'AT_DropColumn') return [{ at, kind: 'column', table, from: cmd.name ?? '' }];
      if (cmd.subtype === 'AT_DropConstraint') return [{ at, kind: 'constraint', table, from: cmd.name ?? '' }];
      // ADD CONSTRAINT c … USING INDEX i renames the index i to c.
      const con = cmd.subtype === 'AT_AddConstraint' && cmd.def && 'Constraint' in cmd.def ? cmd.def.Constraint : undefined;
      if (con?.indexname && con.conname && con.conname !== con.indexname) {
        const index = sibling(rel, con.indexname);
        return [{ at, kind: 'relation', from: defKey(index), name: index, to: sibling(rel, con.conname) }];
      }
      return [];
    });
  }
  return [];
}

/** Does any statement after this one rename or drop something? (A cheap test before looking closer.) */
export function anyLaterChange(ctx: RewriteContext): boolean {
  const m = ctx.migration;
  if (!m) return false;
  const last = changesOf(m.statements).at(-1); // changes are in statement order
  return (last !== undefined && last.at > m.index) || (m.later !== undefined && laterRevisionChanges(m.later).changes.length > 0);
}

/**
 * The renames and drops of the revisions after this one, in order (their `at` past any of this
 * revision's): a table created here and renamed two revisions on is there under its later name
 * on a database that already has the later revisions, and creating it again under this one
 * would leave it twice. With the names they start from (most objects are in none of them).
 */
function laterRevisionChanges(later: LaterRevisions): LaterChanges {
  const changes = inLaterRevisions(later, changesInRun);
  let summary = SUMMARIES.get(changes);
  if (!summary) SUMMARIES.set(changes, (summary = { changes, froms: new Set(changes.flatMap((c) => ('table' in c ? [c.table] : [c.from]))) }));
  return summary;
}

/** A migration's changes at run positions, after every statement of the current revision. */
const changesInRun = (statements: readonly SqlStatement[], offset: number): Change[] => changesOf(statements).map((c) => ({ ...c, at: 1e9 + offset + c.at }));

interface LaterChanges {
  changes: Change[];
  froms: Set<string>;
}

const SUMMARIES = new WeakMap<Change[], LaterChanges>();

/**
 * What later statements of the migration do to `ref`, following renames (of the object, and
 * of its table for a column or constraint); undefined when none touches it.
 */
export function later(ctx: RewriteContext, ref: ObjectRef): Later | undefined {
  const m = ctx.migration;
  if (!m || !anyLaterChange(ctx)) return undefined;
  const out: Later = { names: [], replacing: [], dropped: false };
  let table = 'table' in ref ? defKey(ref.table) : '';
  let current = 'table' in ref ? ref.name : defKey(ref.name);
  const own = changesOf(m.statements).filter((c) => c.at > m.index);
  const run = m.later ? laterRevisionChanges(m.later) : undefined;
  const runTouches = run !== undefined && (own.length > 0 || run.froms.has(table || current));
  if (!own.length && !runTouches) return undefined;
  const changes = runTouches ? [...own, ...run!.changes] : own;
  /** Takes name `key` at change `c`: was it freed by an earlier change of the migration? */
  const taking = (c: Change, key: string, name: QualifiedName) => {
    out.names.push(name);
    const freed = changes.some((o) => o.at < c.at && o.kind === c.kind && o.from === key && (!('table' in o) || o.table === table));
    if (freed) out.replacing.push(name);
  };
  for (const c of changes) {
    if (ref.kind === 'relation' || ref.kind === 'type') {
      if (c.kind !== ref.kind || c.from !== current) continue;
      if (!c.to) return { ...out, dropped: true };
      current = defKey(c.to);
      taking(c, current, c.to);
    } else if (c.kind === 'relation' && c.from === table) {
      // The column's table is renamed (it keeps its columns) or dropped (with them).
      if (!c.to) return { ...out, dropped: true };
      table = defKey(c.to);
    } else if (c.kind === ref.kind && c.table === table && c.from === current) {
      if (c.to === undefined) return { ...out, dropped: true };
      current = c.to;
      taking(c, current, { name: c.to });
    }
  }
  return out.names.length ? out : undefined;
}

/**
 * The object a later statement renames INTO `ref`'s name, as it is named until then: dropping
 * `ref` clears the way for it (the swap: create t_new, copy, drop t, rename t_new to t), and
 * on a re-run the name already holds it.
 */
export function successor(ctx: RewriteContext, ref: ObjectRef): ObjectRef | undefined {
  const m = ctx.migration;
  if (!m) return undefined;
  const table = 'table' in ref ? defKey(ref.table) : '';
  const key = 'table' in ref ? ref.name : defKey(ref.name);
  for (const c of changesOf(m.statements)) {
    if (c.at <= m.index || c.kind !== ref.kind || c.to === undefined) continue;
    if ('table' in c) {
      if ('table' in ref && c.table === table && c.to === key) return { ...ref, name: c.from };
    } else if (defKey(c.to) === key) return { kind: c.kind, name: c.name };
  }
  return undefined;
}

/** Does a statement after this one hold `text` (e.g. a quoted enum label)? Conservative: any occurrence counts. */
export function mentionedLater(ctx: RewriteContext, text: string): boolean {
  const m = ctx.migration;
  return m !== undefined && m.statements.slice(m.index + 1).some((s) => s.text.includes(text));
}
