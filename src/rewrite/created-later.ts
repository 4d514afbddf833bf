/**
 * What later statements of the same migration do to objects lookahead.ts does not follow:
 * create them again (the re-runnable idiom `DROP … IF EXISTS x; CREATE … x`, whose DROP needs
 * no earlier definition to be undone: the CREATE's downgrade removes x), or rename them (the
 * CREATE is then skipped once the object exists under its later name).
 */
import type { CreateFunctionStmt, ObjectWithArgs, TypeName } from '@pgsql/types';
import type { Node } from '../sql/parser.js';
import { quoteLiteral } from '../sql/quote.js';
import type { SqlStatement } from '../sql/split.js';
import { notExists } from './guards.js';
import { fromNameList, fromRangeVar, functionIdentity, inputTypes, regclass, sibling, typeSql, type QualifiedName } from './names.js';
import { inLaterRevisions, type LaterRevisions } from './later-revisions.js';
import type { RewriteContext } from './types.js';

/** `name` (and the table it is on, for triggers, policies and rules) of an object DROP names. */
export interface DroppedObject {
  name: QualifiedName;
  on?: QualifiedName;
  /** A function's input argument types (`integer,text`), when named: overloads are different functions. */
  args?: string;
}

/** The argument part of a function's identity (see names.ts functionIdentity). */
export function functionArgs(argTypes: Array<TypeName | undefined>): string {
  return argTypes.map(typeSql).join(',');
}

export function createdLater(ctx: RewriteContext, removeType: string, target: DroppedObject): boolean {
  return createdAt(ctx, removeType, target) !== undefined;
}

/** Where a later statement of the migration creates the object again (its index), if one does. */
function createdAt(ctx: RewriteContext, removeType: string, target: DroppedObject): number | undefined {
  const m = ctx.migration;
  if (!m) return undefined;
  for (let at = m.index + 1; at < m.statements.length; at++) {
    const node = m.statements[at]!.node;
    const created = node ? createdBy(node) : undefined;
    if (created && created.type === removeType && sameObject(created, target)) return at;
  }
  return undefined;
}

/**
 * The migration creates the object again below and keeps it (no later statement drops it):
 * run again, the DROP then removes what the revision made, with whatever it holds by then.
 */
export function recreatedToStay(ctx: RewriteContext, removeType: string, target: DroppedObject): boolean {
  const at = createdAt(ctx, removeType, target);
  if (at === undefined) return false;
  return !ctx.migration!.statements.slice(at + 1).some((s) => {
    const drop = s.node && 'DropStmt' in s.node ? s.node.DropStmt : undefined;
    return drop?.removeType === removeType && (drop.objects ?? []).some((o) => 'List' in o && sameObject({ name: fromNameList(o.List.items) }, target));
  });
}

/** Kinds whose renames the look-ahead (lookahead.ts) does not follow, as RenameStmt names them. */
const UNFOLLOWED = new Set(['OBJECT_FUNCTION', 'OBJECT_PROCEDURE', 'OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE', 'OBJECT_EVENT_TRIGGER']);

/**
 * For a statement creating a function, trigger, policy, rule or event trigger that a later
 * statement of the migration renames: the condition "it does not exist under its later name
 * yet", which guards the CREATE so re-running the revision does not make it again under its
 * first name. Undefined when nothing renames it (or the kind has no check here).
 */
export function notYetRenamed(ctx: RewriteContext, stmt: SqlStatement): string | undefined {
  const m = ctx.migration;
  if (!m) return undefined;
  // This revision's renames after the statement, then the later revisions' (the chain may run
  // where the SQL was applied by hand: the object is there under its later name already).
  const renames = unfollowedRenames(m.statements);
  const ownAfter = renames.length > 0 && renames[renames.length - 1]! > m.index;
  const later = m.later ? laterRenames(m.later) : [];
  if (!ownAfter && !later.length) return undefined;
  const created = stmt.node ? createdBy(stmt.node) : undefined;
  if (!created || !UNFOLLOWED.has(created.type)) return undefined;
  const own = renames.filter((at) => at > m.index).map((at) => m.statements[at]!);
  for (const s of [...own, ...later]) {
    const rename = (s.node as { RenameStmt: RenameStmt }).RenameStmt;
    if (rename.renameType !== created.type || !sameObject(renamedObject(rename), created)) continue;
    return notExists(existsUnder(stmt.node!, created, rename.newname ?? ''));
  }
  return undefined;
}

type RenameStmt = NonNullable<Extract<Node, { RenameStmt: unknown }>['RenameStmt']>;

/** The renames of these kinds in the revisions after this one. */
const laterRenames = (later: LaterRevisions): SqlStatement[] => inLaterRevisions(later, renamesIn);

const renamesIn = (statements: readonly SqlStatement[]): SqlStatement[] => unfollowedRenames(statements).map((at) => statements[at]!);

const renamesOf = new WeakMap<readonly SqlStatement[], number[]>();

/** Where the migration renames a function, trigger, policy, rule or event trigger (found once per migration). */
function unfollowedRenames(statements: readonly SqlStatement[]): number[] {
  let found = renamesOf.get(statements);
  if (!found) {
    found = [];
    for (const [at, s] of statements.entries()) {
      if (s.node && 'RenameStmt' in s.node && UNFOLLOWED.has(s.node.RenameStmt.renameType ?? '')) found.push(at);
    }
    renamesOf.set(statements, found);
  }
  return found;
}

/** A catalog query finding the created object under `name`. */
function existsUnder(node: Node, created: Created, name: string): string {
  const lit = quoteLiteral(name);
  switch (created.type) {
    case 'OBJECT_TRIGGER':
      return `SELECT 1 FROM pg_catalog.pg_trigger WHERE tgname = ${lit} AND tgrelid = ${regclass(created.on!)}`;
    case 'OBJECT_POLICY':
      return `SELECT 1 FROM pg_catalog.pg_policy WHERE polname = ${lit} AND polrelid = ${regclass(created.on!)}`;
    case 'OBJECT_RULE':
      return `SELECT 1 FROM pg_catalog.pg_rewrite WHERE rulename = ${lit} AND ev_class = ${regclass(created.on!)}`;
    case 'OBJECT_EVENT_TRIGGER':
      return `SELECT 1 FROM pg_catalog.pg_event_trigger WHERE evtname = ${lit}`;
    default: {
      const fn = (node as { CreateFunctionStmt: CreateFunctionStmt }).CreateFunctionStmt;
      const signature = functionIdentity(sibling(created.name, name), inputTypes(fn)).sql;
      return `SELECT 1 WHERE to_regprocedure(${quoteLiteral(signature)}) IS NOT NULL`;
    }
  }
}

/** The object a RenameStmt of one of the UNFOLLOWED kinds names. */
function renamedObject(r: RenameStmt): DroppedObject {
  const object = r.object as { ObjectWithArgs?: ObjectWithArgs; String?: { sval?: string } } | undefined;
  if (object?.ObjectWithArgs) return withArgs(object.ObjectWithArgs);
  if (object?.String) return { name: { name: object.String.sval ?? '' } };
  return { name: { name: r.subname ?? '' }, on: r.relation ? fromRangeVar(r.relation) : undefined };
}

interface Created extends DroppedObject {
  type: string;
}

type AnyNode = Record<string, Record<string, unknown> | undefined>;

/** What a CREATE statement creates, in DropStmt's terms (removeType and name). */
function createdBy(node: Node): Created | undefined {
  const n = node as unknown as AnyNode;
  const rv = (v: unknown) => fromRangeVar((v ?? {}) as { schemaname?: string; relname?: string });
  const list = (v: unknown) => fromNameList(v as Node[] | undefined);
  if (n.CreateStmt) return { type: 'OBJECT_TABLE', name: rv(n.CreateStmt.relation) };
  if (n.ViewStmt) return { type: 'OBJECT_VIEW', name: rv(n.ViewStmt.view) };
  if (n.CreateTableAsStmt) {
    const into = n.CreateTableAsStmt.into as { rel?: unknown } | undefined;
    return { type: n.CreateTableAsStmt.objtype === 'OBJECT_MATVIEW' ? 'OBJECT_MATVIEW' : 'OBJECT_TABLE', name: rv(into?.rel) };
  }
  if (n.IndexStmt?.idxname) return { type: 'OBJECT_INDEX', name: { schema: rv(n.IndexStmt.relation).schema, name: n.IndexStmt.idxname as string } };
  if (n.CreateSeqStmt) return { type: 'OBJECT_SEQUENCE', name: rv(n.CreateSeqStmt.sequence) };
  if (n.CreateEnumStmt) return { type: 'OBJECT_TYPE', name: list(n.CreateEnumStmt.typeName) };
  if (n.CreateRangeStmt) return { type: 'OBJECT_TYPE', name: list(n.CreateRangeStmt.typeName) };
  if (n.CompositeTypeStmt) return { type: 'OBJECT_TYPE', name: rv(n.CompositeTypeStmt.typevar) };
  if (n.CreateDomainStmt) return { type: 'OBJECT_DOMAIN', name: list(n.CreateDomainStmt.domainname) };
  if (n.CreateFunctionStmt) {
    const fn = n.CreateFunctionStmt as CreateFunctionStmt;
    return { type: fn.is_procedure ? 'OBJECT_PROCEDURE' : 'OBJECT_FUNCTION', name: list(fn.funcname), args: functionArgs(inputTypes(fn)) };
  }
  if (n.CreateTrigStmt) return { type: 'OBJECT_TRIGGER', name: { name: n.CreateTrigStmt.trigname as string }, on: rv(n.CreateTrigStmt.relation) };
  if (n.CreatePolicyStmt) return { type: 'OBJECT_POLICY', name: { name: n.CreatePolicyStmt.policy_name as string }, on: rv(n.CreatePolicyStmt.table) };
  if (n.RuleStmt) return { type: 'OBJECT_RULE', name: { name: n.RuleStmt.rulename as string }, on: rv(n.RuleStmt.relation) };
  if (n.CreateEventTrigStmt) return { type: 'OBJECT_EVENT_TRIGGER', name: { name: n.CreateEventTrigStmt.trigname as string } };
  if (n.CreateSchemaStmt) return { type: 'OBJECT_SCHEMA', name: { name: n.CreateSchemaStmt.schemaname as string } };
  if (n.CreateExtensionStmt) return { type: 'OBJECT_EXTENSION', name: { name: n.CreateExtensionStmt.extname as string } };
  if (n.CreatePublicationStmt) return { type: 'OBJECT_PUBLICATION', name: { name: n.CreatePublicationStmt.pubname as string } };
  if (n.CreateStatsStmt) return { type: 'OBJECT_STATISTIC_EXT', name: list(n.CreateStatsStmt.defnames) };
  if (n.CreateForeignServerStmt) return { type: 'OBJECT_FOREIGN_SERVER', name: { name: n.CreateForeignServerStmt.servername as string } };
  if (n.DefineStmt && n.DefineStmt.kind === 'OBJECT_AGGREGATE') return { type: 'OBJECT_AGGREGATE', name: list(n.DefineStmt.defnames) };
  return undefined;
}

/** A function as DROP or ALTER names it: with its argument types, unless it names none (then the name is unique). */
export function withArgs(fn: ObjectWithArgs): DroppedObject {
  const name = fromNameList(fn.objname);
  if (fn.args_unspecified) return { name };
  return { name, args: functionArgs((fn.objargs ?? []).map((a) => ('TypeName' in a ? a.TypeName : undefined))) };
}

/** `a` names `b` (and, when `b` is on a table, the same table; for functions, the same argument types when both say). */
function sameObject(a: DroppedObject, b: DroppedObject): boolean {
  const sameArgs = a.args === undefined || b.args === undefined || a.args === b.args;
  return sameName(a.name, b.name) && sameArgs && (!b.on || (a.on !== undefined && sameName(a.on, b.on)));
}

/** Same name; schemas compared only when both are written (search_path decides otherwise). */
function sameName(a: QualifiedName, b: QualifiedName): boolean {
  return a.name === b.name && (!a.schema || !b.schema || a.schema === b.schema);
}
