import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import type { DefinitionKind, Definitions } from '../definitions.js';
import { inner, rewrite } from '../edits.js';
import { columnExists, constraintExists, exists, guardedDo } from '../guards.js';
import { defKey, fromNameList, fromRangeVar, functionIdentity, namespaceOid, regclass, regtype, rekey, sibling, sqlName, type QualifiedName } from '../names.js';
import { retypeColumns } from '../column-restore.js';
import { COLUMN_PARTS, commentKeys, indexesOn, moveOwnedSequences, renameColumnInTableParts, renameColumnText, retarget, TABLE_PARTS, type RetargetAnchor } from '../table-defs.js';
import { keepForReview } from './keep.js';
import { moveTablePrivileges } from '../privileges.js';
import { later } from '../lookahead.js';
import { createdLater } from '../created-later.js';
import { notYetRebuilt } from '../replaced-later.js';
import { notYetReadded } from '../readded-column.js';
import type { Rule } from '../types.js';

/**
 * RENAME of a table, column, constraint, index, view, materialized view, sequence, schema,
 * type, composite type attribute, trigger, policy, function or procedure → DO guard "the old name exists and the new one does not", checked in the catalogs of
 * the object's own schema. Down is the reverse rename, guarded the same way. What pgmend has
 * recorded about the object moves to the new name.
 * Handles: RenameStmt.
 */
export const rename: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'RenameStmt');
  const to = node.newname ?? '';
  const type = node.renameType ?? '';
  const plan = planFor(node, to);
  if (!plan) return keepForReview(stmt, `pgmend has no guard for renaming ${type.replace('OBJECT_', '').toLowerCase()}s`, 'no-rule');
  // Renamed or moved again further down, the object is not under its new name on a re-run:
  // the guard also looks for it where the revision leaves it. (A type swapped out and dropped,
  // as Alembic's enum changes do, runs whole again; a table rebuilt that way only when its
  // columns tell it from the rebuilt one, see replaced-later.ts.)
  const after = plan.object && later(ctx, { kind: plan.object.kind, name: plan.object.renamed });
  const down = guardedDo(`${plan.present(plan.to)} AND NOT ${plan.present(plan.from)}`, plan.reverse);
  if (after?.dropped && plan.object!.kind === 'relation' && createdLater(ctx, type, { name: fromRangeVar(node.relation ?? {}) })) {
    // The old table and its rebuild told apart by their columns: the rename runs on the old one only.
    const old = notYetRebuilt(ctx, fromRangeVar(node.relation ?? {}), true)?.condition;
    plan.move(ctx.defs); // the drop below can then put the old table back
    if (old) {
      const up = guardedDo(`${plan.present(plan.from)} AND NOT ${plan.present(plan.to)} AND ${old}`, stmt.text);
      return rewrite(up, [{ kind: 'sql', sql: down }], 'guarded: runs while the table under the old name is the old one (its columns tell it from the table built under its name below) and the new name is free');
    }
    return keepForReview(
      stmt,
      `${plan.from} is renamed away, created again under its name and the renamed one dropped below: run again, the rename cannot tell the new ${plan.from} from the old one, so the revision rebuilds it again: rows are copied again, values in columns the copy does not name are lost, and its constraint and index names drift (or the rebuild fails)`,
      'needs-review',
      [{ kind: 'sql', sql: down }],
    );
  }
  if (type === 'OBJECT_COLUMN') {
    // Renamed away and added again under its name (a type change through a temporary column):
    // once that ran, the name holds the new column, which the rename must leave alone.
    const readded = notYetReadded(ctx, fromRangeVar(node.relation ?? {}), plan.from);
    if (readded) {
      plan.move(ctx.defs);
      if (readded.condition) {
        const up = guardedDo(`${plan.present(plan.from)} AND NOT ${plan.present(plan.to)} AND ${readded.condition}`, stmt.text);
        return rewrite(up, [{ kind: 'sql', sql: down }], `guarded: runs while the column ${plan.from} is the old one (told from the one added again under its name by their types) and ${plan.to} is free`);
      }
      const guarded = guardedDo(`${plan.present(plan.from)} AND NOT ${plan.present(plan.to)}`, stmt.text);
      const why = `column ${plan.from} is renamed to ${plan.to} and added again under its name below: ${readded.indistinct}. Run again (or where the SQL was applied by hand), the rename moves the NEW ${plan.from} away and the revision rebuilds it: its values are copied again, and what is on it (indexes, constraints, defaults, grants, comments) is lost, or the drop fails on a view using it`;
      return { ...keepForReview(stmt, why, 'needs-review', [{ kind: 'sql', sql: down }]), up: [{ sql: guarded }] };
    }
  }
  const elsewhere = (after?.names ?? []).map((q) => ` AND NOT ${q.schema !== undefined && q.schema !== plan.object!.renamed.schema ? plan.object!.presentIn(q) : plan.present(q.name)}`);
  plan.move(ctx.defs);
  const up = guardedDo(`${plan.present(plan.from)} AND NOT ${plan.present(plan.to)}${elsewhere.join('')}`, stmt.text);
  return rewrite(up, [{ kind: 'sql', sql: down }], 'guarded: old name exists and new does not');
};

interface Plan {
  from: string;
  to: string;
  /** SQL condition: an object of that name exists. */
  present: (name: string) => string;
  reverse: string;
  move: (defs: Definitions) => void;
  /** Relations and types, which later statements can rename or move on: the renamed name, and how to look for it elsewhere. */
  object?: { kind: 'relation' | 'type'; renamed: QualifiedName; presentIn: (q: QualifiedName) => string };
}

/** The word after which a recorded CREATE of each relation kind names it. */
const RELATION_ANCHORS: Partial<Record<DefinitionKind, RetargetAnchor>> = { index: 'INDEX', view: 'VIEW', 'materialized-view': 'VIEW', sequence: 'SEQUENCE' };

export const RELATION_WORDS: Record<string, [string, DefinitionKind]> = {
  OBJECT_TABLE: ['TABLE', 'table'],
  OBJECT_FOREIGN_TABLE: ['FOREIGN TABLE', 'table'],
  OBJECT_INDEX: ['INDEX', 'index'],
  OBJECT_VIEW: ['VIEW', 'view'],
  OBJECT_MATVIEW: ['MATERIALIZED VIEW', 'materialized-view'],
  OBJECT_SEQUENCE: ['SEQUENCE', 'sequence'],
};
const ALL_KINDS: DefinitionKind[] = ['table', 'column', 'column-default', 'column-not-null', 'column-type', 'constraint', 'index', 'sequence', 'view', 'materialized-view', 'function', 'trigger', 'type', 'domain', 'policy', 'schema'];

function planFor(node: ReturnType<typeof inner<'RenameStmt'>>, to: string): Plan | undefined {
  const type = node.renameType ?? '';
  const relation = fromRangeVar(node.relation ?? {});
  const head = (kind: string, q: QualifiedName) => `ALTER ${kind} ${sqlName(q)}`;
  if (RELATION_WORDS[type]) {
    const [words, kind] = RELATION_WORDS[type];
    return {
      from: relation.name,
      to,
      present: (name) => exists(`SELECT 1 FROM pg_class WHERE relname = ${quoteLiteral(name)} AND relnamespace = ${namespaceOf(relation)}`),
      reverse: `${head(words, sibling(relation, to))} RENAME TO ${quoteIdent(relation.name)}`,
      move: (defs) => moveRelation(defs, kind, relation, sibling(relation, to)),
      object: {
        kind: 'relation',
        renamed: sibling(relation, to),
        presentIn: (q) => exists(`SELECT 1 FROM pg_class WHERE relname = ${quoteLiteral(q.name)} AND relnamespace = ${namespaceOid(q.schema)}`),
      },
    };
  }
  // ALTER VIEW v RENAME COLUMN …: the reverse uses the same kind of ALTER.
  const words = RELATION_WORDS[node.relationType ?? '']?.[0] ?? 'TABLE';
  const old = node.subname ?? '';
  if (type === 'OBJECT_COLUMN' || type === 'OBJECT_TABCONSTRAINT') {
    const column = type === 'OBJECT_COLUMN';
    return {
      from: old,
      to,
      present: (name) => exists(column ? columnExists(relation, name) : constraintExists(relation, name)),
      reverse: `${head(words, relation)} RENAME ${column ? 'COLUMN' : 'CONSTRAINT'} ${quoteIdent(to)} TO ${quoteIdent(old)}`,
      move: (defs) => {
        const kinds: DefinitionKind[] = column ? [...COLUMN_PARTS] : ['constraint'];
        rekey(defs, kinds, defKey(relation), (k) => (k === defKey(relation, old) ? defKey(relation, to) : k));
        const text = column ? defs.get('column', defKey(relation, to)) : undefined;
        if (text) defs.set('column', defKey(relation, to), renameColumnText(text, to));
        if (column) {
          moveOwnedSequences(defs, defKey(relation, old), relation, to);
          renameColumnInTableParts(defs, relation, old, to);
        }
        if (!column) rekey(defs, ['index'], defKey(sibling(relation, old)), () => defKey(sibling(relation, to)));
      },
    };
  }
  if (type === 'OBJECT_SCHEMA') {
    return {
      from: old,
      to,
      present: (name) => exists(`SELECT 1 FROM pg_namespace WHERE nspname = ${quoteLiteral(name)}`),
      reverse: `ALTER SCHEMA ${quoteIdent(to)} RENAME TO ${quoteIdent(old)}`,
      move: (defs) => rekey(defs, ALL_KINDS, old, (k) => to + k.slice(old.length)),
    };
  }
  if (type === 'OBJECT_TYPE' || type === 'OBJECT_DOMAIN') {
    const q = fromNameList(node.object && 'List' in node.object ? node.object.List.items : []);
    // The schema the type is in under either name: the reverse rename finds it under the new one.
    const namespace = (n: QualifiedName) => `(SELECT typnamespace FROM pg_type WHERE oid = ${regtype(n)})`;
    const typeOid = `coalesce(${namespace(q)}, ${namespace(sibling(q, to))})`;
    return {
      from: q.name,
      to,
      present: (name) => exists(`SELECT 1 FROM pg_type WHERE typname = ${quoteLiteral(name)} AND typnamespace = ${typeOid}`),
      object: {
        kind: 'type',
        renamed: sibling(q, to),
        presentIn: (t) => exists(`SELECT 1 FROM pg_type WHERE typname = ${quoteLiteral(t.name)} AND typnamespace = ${namespaceOid(t.schema)}`),
      },
      reverse: `ALTER ${type === 'OBJECT_TYPE' ? 'TYPE' : 'DOMAIN'} ${sqlName(sibling(q, to))} RENAME TO ${quoteIdent(q.name)}`,
      move: (defs) => moveType(defs, type === 'OBJECT_TYPE' ? 'TYPE' : 'DOMAIN', q, sibling(q, to)),
    };
  }
  if (type === 'OBJECT_TRIGGER' || type === 'OBJECT_POLICY') {
    const trigger = type === 'OBJECT_TRIGGER';
    const [catalog, column, rel, words] = trigger ? ['pg_trigger', 'tgname', 'tgrelid', 'TRIGGER'] : ['pg_policy', 'polname', 'polrelid', 'POLICY'];
    return {
      from: old,
      to,
      present: (name) => exists(`SELECT 1 FROM pg_catalog.${catalog} WHERE ${column} = ${quoteLiteral(name)} AND ${rel} = ${regclass(relation)}`),
      reverse: `ALTER ${words} ${quoteIdent(to)} ON ${sqlName(relation)} RENAME TO ${quoteIdent(old)}`,
      move: (defs) => {
        const kind = trigger ? 'trigger' : 'policy';
        const text = defs.get(kind, defKey(relation, old));
        rekey(defs, [kind], defKey(relation, old), () => defKey(relation, to));
        if (text) defs.set(kind, defKey(relation, to), retarget(text, words as 'TRIGGER' | 'POLICY', { name: to }));
      },
    };
  }
  if (type === 'OBJECT_ATTRIBUTE') {
    return {
      from: old,
      to,
      present: (name) => exists(columnExists(relation, name)),
      reverse: `ALTER TYPE ${sqlName(relation)} RENAME ATTRIBUTE ${quoteIdent(to)} TO ${quoteIdent(old)}`,
      move: () => {},
    };
  }
  if ((type === 'OBJECT_FUNCTION' || type === 'OBJECT_PROCEDURE' || type === 'OBJECT_ROUTINE') && node.object && 'ObjectWithArgs' in node.object) {
    const fn = node.object.ObjectWithArgs;
    const name = fromNameList(fn.objname);
    const args = (fn.objargs ?? []).map((a) => ('TypeName' in a ? a.TypeName : undefined));
    const identity = (n: string) => functionIdentity(sibling(name, n), args);
    const words = type.replace('OBJECT_', '');
    // Without an argument list the name alone identifies it (Postgres insists it is unique).
    const present = fn.args_unspecified
      ? (n: string) => exists(`SELECT 1 FROM pg_catalog.pg_proc WHERE proname = ${quoteLiteral(n)} AND pronamespace = ${name.schema ? `${quoteLiteral(name.schema)}::regnamespace` : 'current_schema()::regnamespace'}`)
      : (n: string) => `to_regprocedure(${quoteLiteral(identity(n).sql)}) IS NOT NULL`;
    return {
      from: name.name,
      to,
      present,
      reverse: `ALTER ${words} ${fn.args_unspecified ? sqlName(sibling(name, to)) : identity(to).sql} RENAME TO ${quoteIdent(name.name)}`,
      move: (defs) => {
        const text = defs.get('function', identity(name.name).key);
        rekey(defs, ['function'], identity(name.name).key, () => identity(to).key);
        if (text) defs.set('function', identity(to).key, retarget(text, type === 'OBJECT_PROCEDURE' ? 'PROCEDURE' : 'FUNCTION', sibling(name, to)));
      },
    };
  }
  return undefined;
}

/**
 * The namespace the relation lives in: its schema when written, else the one search_path
 * finds it in (or, before it exists, the first schema of search_path).
 */
export function namespaceOf(q: QualifiedName): string {
  if (q.schema) return namespaceOid(q.schema);
  return `coalesce((SELECT relnamespace FROM pg_class WHERE oid = ${regclass(q)}), current_schema()::regnamespace)`;
}

/** Moves what is recorded about a type or domain: its definition, and column types naming it. */
export function moveType(defs: Definitions, words: 'TYPE' | 'DOMAIN', from: QualifiedName, to: QualifiedName): void {
  const kind = words === 'TYPE' ? 'type' : 'domain';
  const text = defs.get(kind, defKey(from));
  rekey(defs, [kind], defKey(from), () => defKey(to));
  if (text) defs.set(kind, defKey(to), retarget(text, words, to));
  retypeColumns(defs, from, to);
}

/** COMMENT ON's object type for a relation kind other than a table. */
const COMMENT_KINDS: Partial<Record<DefinitionKind, string>> = {
  view: 'OBJECT_VIEW',
  'materialized-view': 'OBJECT_MATVIEW',
  index: 'OBJECT_INDEX',
  sequence: 'OBJECT_SEQUENCE',
};

/** Moves what is recorded about a relation (and, for a table, its columns and constraints). */
export function moveRelation(defs: Definitions, kind: DefinitionKind, from: QualifiedName, to: QualifiedName): void {
  const text = defs.get(kind, defKey(from));
  rekey(defs, [kind], defKey(from), () => defKey(to));
  if (kind !== 'table') {
    const anchor = RELATION_ANCHORS[kind];
    if (text && anchor) defs.set(kind, defKey(to), retarget(text, anchor, to));
    // Its comment moves with it: a DROP under the new name puts it back (see drop.ts).
    const commented = COMMENT_KINDS[kind];
    const comment = commented && defs.get('comment', `${commented}:${defKey(from)}`);
    if (commented && comment !== undefined) {
      defs.delete('comment', `${commented}:${defKey(from)}`);
      defs.set('comment', `${commented}:${defKey(to)}`, comment);
    }
    return;
  }
  if (text) defs.set('table', defKey(to), retarget(text, 'TABLE', to));
  const prefix = `${defKey(from)}.`;
  const columns = defs.names('column', prefix);
  rekey(defs, [...TABLE_PARTS], defKey(from), (k) => defKey(to) + k.slice(defKey(from).length));
  for (const k of columns) moveOwnedSequences(defs, k, to, k.slice(prefix.length));
  for (const k of indexesOn(defs, from)) defs.set('index', k, retarget(defs.get('index', k)!, 'ON', to));
  // Comments and privileges stay with the table: a rebuild after a later DROP TABLE restores them.
  for (const k of commentKeys(defs, defKey(from))) {
    const value = defs.get('comment', k)!;
    defs.delete('comment', k);
    defs.set('comment', k.replace(`:${defKey(from)}`, `:${defKey(to)}`), value);
  }
  moveTablePrivileges(defs, from, to);
}
