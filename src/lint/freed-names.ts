import type { Node } from '../sql/parser.js';

/**
 * The names a SQL statement frees (a DROP, a RENAME away) and the names a CREATE takes, as keys
 * `kind:schema.name` (`index:name` for indexes, `index-on:schema.table` for "an index of this
 * table"), so not-idempotent can tell a creation that follows the drop of its object
 * (`DROP TYPE IF EXISTS s CASCADE; CREATE TYPE s AS (…)`) from one that fails when run again.
 * Unqualified names key with an empty schema; functions by name, whatever their arguments.
 */

interface RangeVar {
  schemaname?: string;
  relname?: string;
}
type NameList = Array<{ String?: { sval?: string } }>;
interface DropObject {
  List?: { items?: NameList };
  String?: { sval?: string };
  TypeName?: { names?: NameList };
  ObjectWithArgs?: { objname?: NameList };
}

/** A freed name, and the name a catalog check would test for it. */
export interface Freed {
  key: string;
  name: string;
}

/** SQL DROP object types, as the kind in the keys. */
const DROP_KINDS: Record<string, string> = {
  OBJECT_TABLE: 'table',
  OBJECT_INDEX: 'index',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'matview',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'domain',
  OBJECT_FUNCTION: 'function',
  OBJECT_PROCEDURE: 'function',
  OBJECT_SCHEMA: 'schema',
  OBJECT_EXTENSION: 'extension',
  OBJECT_TRIGGER: 'trigger',
};

/** `[schema.]name` (a trigger: `table.trigger`) → key; undefined when a part is missing. */
function keyOf(kind: string, parts: Array<string | undefined>): Freed | undefined {
  if (!parts.length || parts.some((p) => p === undefined)) return undefined;
  const name = parts[parts.length - 1]!;
  if (kind === 'index') return { key: `index:${name}`, name };
  if (kind === 'schema' || kind === 'extension') return { key: `${kind}:${name}`, name };
  const keep = kind === 'trigger' ? 3 : 2; // a trigger is named within its table
  const qualified = parts.slice(-keep);
  if (qualified.length < keep) qualified.unshift('');
  return { key: `${kind}:${qualified.join('.')}`, name };
}

const names = (list: NameList | undefined): Array<string | undefined> => (list ?? []).map((i) => i.String?.sval);

/** What a SQL DROP drops; a table's indexes go with it. */
export function sqlDropped(node: Node): Freed[] {
  const drop = (node as { DropStmt?: { removeType?: string; objects?: DropObject[] } }).DropStmt;
  const kind = drop && DROP_KINDS[drop.removeType ?? ''];
  if (!drop || !kind) return [];
  return (drop.objects ?? []).flatMap((o) => {
    const parts = o.List ? names(o.List.items) : o.TypeName ? names(o.TypeName.names) : o.ObjectWithArgs ? names(o.ObjectWithArgs.objname) : [o.String?.sval];
    const freed = keyOf(kind, parts);
    if (!freed) return [];
    return kind === 'table' ? [freed, { key: freed.key.replace(/^table:/, 'index-on:'), name: freed.name }] : [freed];
  });
}

/**
 * What a SQL RENAME moves away from its name (`ALTER TABLE t RENAME TO t_old`), which frees the
 * name as a drop does; the renamed table's indexes keep theirs, so no `index-on:` key.
 */
export function sqlRenamedAway(node: Node): Freed[] {
  const rename = (node as { RenameStmt?: { renameType?: string; relation?: RangeVar } }).RenameStmt;
  const kind = rename && DROP_KINDS[rename.renameType ?? ''];
  const relation = rename?.relation;
  if (!kind || !relation?.relname) return [];
  const freed = keyOf(kind, relation.schemaname ? [relation.schemaname, relation.relname] : [relation.relname]);
  return freed ? [freed] : [];
}

/** The keys of what a SQL CREATE makes: a table, index, view, sequence, type, domain, function, schema, extension or trigger. */
export function sqlCreated(node: Node): string[] {
  const n = node as {
    CreateStmt?: { relation?: RangeVar };
    IndexStmt?: { idxname?: string; relation?: RangeVar };
    ViewStmt?: { view?: RangeVar };
    CreateTableAsStmt?: { objtype?: string; into?: { rel?: RangeVar } };
    CreateSeqStmt?: { sequence?: RangeVar };
    CreateEnumStmt?: { typeName?: NameList };
    CreateRangeStmt?: { typeName?: NameList };
    CompositeTypeStmt?: { typevar?: RangeVar };
    CreateDomainStmt?: { domainname?: NameList };
    CreateFunctionStmt?: { funcname?: NameList };
    CreateSchemaStmt?: { schemaname?: string };
    CreateExtensionStmt?: { extname?: string };
    CreateTrigStmt?: { trigname?: string; relation?: RangeVar };
  };
  const relation = (kind: string, rv: RangeVar | undefined, ...after: Array<string | undefined>): string[] => {
    const freed = rv?.relname ? keyOf(kind, [...(rv.schemaname ? [rv.schemaname] : []), rv.relname, ...after]) : undefined;
    return freed ? [freed.key] : [];
  };
  const named = (kind: string, parts: Array<string | undefined>): string[] => {
    const freed = keyOf(kind, parts);
    return freed ? [freed.key] : [];
  };
  if (n.CreateStmt) return relation('table', n.CreateStmt.relation);
  if (n.IndexStmt) return [...(n.IndexStmt.idxname ? [`index:${n.IndexStmt.idxname}`] : []), ...relation('index-on', n.IndexStmt.relation)];
  if (n.ViewStmt) return relation('view', n.ViewStmt.view);
  if (n.CreateTableAsStmt) return relation(n.CreateTableAsStmt.objtype === 'OBJECT_MATVIEW' ? 'matview' : 'table', n.CreateTableAsStmt.into?.rel);
  if (n.CreateSeqStmt) return relation('sequence', n.CreateSeqStmt.sequence);
  if (n.CreateEnumStmt) return named('type', names(n.CreateEnumStmt.typeName));
  if (n.CreateRangeStmt) return named('type', names(n.CreateRangeStmt.typeName));
  if (n.CompositeTypeStmt) return relation('type', n.CompositeTypeStmt.typevar);
  if (n.CreateDomainStmt) return named('domain', names(n.CreateDomainStmt.domainname));
  if (n.CreateFunctionStmt) return named('function', names(n.CreateFunctionStmt.funcname));
  if (n.CreateSchemaStmt) return named('schema', [n.CreateSchemaStmt.schemaname]);
  if (n.CreateExtensionStmt) return named('extension', [n.CreateExtensionStmt.extname]);
  if (n.CreateTrigStmt) return relation('trigger', n.CreateTrigStmt.relation, n.CreateTrigStmt.trigname);
  return [];
}
