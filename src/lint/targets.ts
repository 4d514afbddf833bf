import type { Node } from '../sql/parser.js';

/**
 * What a statement writes to: the relations, schemas and other schema objects it creates,
 * alters, drops, renames, comments on, grants on, or whose rows it changes. Reading (a SELECT,
 * a foreign key's referenced table) is not writing.
 */
export interface WriteTarget {
  kind: 'relation' | 'schema' | 'object';
  /** Absent when the statement does not qualify the name: resolve it with the search_path. */
  schema?: string;
  name: string;
  /** Present tense, for messages: "alters", "inserts into", … */
  verb: string;
  /** The statement creates this object (unqualified names go to the first search_path schema). */
  creates?: boolean;
}

type AnyNode = Record<string, any>; // the libpg-query AST, walked by field name

const RELATION_OBJECTS = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_INDEX', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE']);
/** Objects named [schema, table, name]: the table is what changes. */
const ON_RELATION_OBJECTS: Record<string, string> = {
  OBJECT_COLUMN: 'a column of',
  OBJECT_TRIGGER: 'a trigger on',
  OBJECT_POLICY: 'a policy on',
  OBJECT_RULE: 'a rule on',
  OBJECT_TABCONSTRAINT: 'a constraint of',
};
const DML: Record<string, string> = { InsertStmt: 'inserts into', UpdateStmt: 'updates', DeleteStmt: 'deletes from', MergeStmt: 'merges into' };

export function writeTargets(node: Node): WriteTarget[] {
  const [type, n] = Object.entries(node as AnyNode)[0] as [string, AnyNode];
  switch (type) {
    case 'CreateStmt':
      return [
        relation(n.relation, 'creates', true),
        ...(n.partbound ? (n.inhRelations ?? []).map((r: AnyNode) => relation(r.RangeVar, 'adds a partition to')) : []),
      ];
    case 'CreateTableAsStmt':
      return [relation(n.into?.rel, 'creates', true)];
    case 'ViewStmt':
      return [relation(n.view, 'creates', true)];
    case 'CreateSeqStmt':
      return [relation(n.sequence, 'creates', true)];
    case 'IndexStmt':
      return [relation(n.relation, 'creates an index on')];
    case 'CreateTrigStmt':
      return [relation(n.relation, 'creates a trigger on')];
    case 'CreatePolicyStmt':
    case 'AlterPolicyStmt':
      return [relation(n.table, type === 'CreatePolicyStmt' ? 'creates a policy on' : 'alters a policy on')];
    case 'RuleStmt':
      return [relation(n.relation, 'creates a rule on')];
    case 'AlterTableStmt':
    case 'AlterSeqStmt':
      return [relation(n.relation ?? n.sequence, 'alters')];
    case 'RefreshMatViewStmt':
      return [relation(n.relation, 'refreshes')];
    case 'TruncateStmt':
      return (n.relations ?? []).map((r: AnyNode) => relation(r.RangeVar, 'truncates'));
    case 'CopyStmt':
      return n.is_from && n.relation ? [relation(n.relation, 'copies rows into')] : [];
    case 'InsertStmt':
    case 'UpdateStmt':
    case 'DeleteStmt':
    case 'MergeStmt':
    case 'SelectStmt':
      return dataChanges(node as AnyNode);
    case 'DropStmt':
      return (n.objects ?? []).flatMap((o: AnyNode) => objectTarget(n.removeType, o, 'drops'));
    case 'RenameStmt':
      if (n.relation) return [relation(n.relation, 'renames')];
      if (n.renameType === 'OBJECT_SCHEMA') return [{ kind: 'schema', name: n.subname, verb: 'renames' }];
      return objectTarget(n.renameType, n.object, 'renames');
    case 'AlterObjectSchemaStmt':
      return [
        ...(n.relation ? [relation(n.relation, 'moves')] : objectTarget(n.objectType, n.object, 'moves')),
        { kind: 'schema', name: n.newschema, verb: 'moves an object into' },
      ];
    case 'AlterOwnerStmt':
      if (n.relation) return [relation(n.relation, 'changes the owner of')];
      if (n.objectType === 'OBJECT_SCHEMA') return [{ kind: 'schema', name: n.object?.String?.sval, verb: 'changes the owner of' }];
      return objectTarget(n.objectType, n.object, 'changes the owner of');
    case 'CommentStmt':
      return objectTarget(n.objtype, n.object, 'comments on');
    case 'GrantStmt':
      return grantTargets(n);
    case 'AlterDefaultPrivilegesStmt': {
      const schemas = (n.options ?? []).find((o: AnyNode) => o.DefElem?.defname === 'schemas')?.DefElem.arg.List.items ?? [];
      return schemas.map((s: AnyNode) => ({ kind: 'schema', name: s.String.sval, verb: 'changes default privileges in' }));
    }
    case 'CreateSchemaStmt':
      return n.schemaname ? [{ kind: 'schema', name: n.schemaname, verb: 'creates', creates: true }] : [];
    case 'CreateExtensionStmt': {
      const schema = (n.options ?? []).find((o: AnyNode) => o.DefElem?.defname === 'schema')?.DefElem.arg.String.sval;
      return schema ? [{ kind: 'schema', name: schema, verb: 'installs an extension into' }] : [];
    }
    case 'CreateFunctionStmt':
      return [qualified(names(n.funcname), 'creates', true)];
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
    case 'CreateDomainStmt':
      return [qualified(names(n.typeName ?? n.domainname), 'creates', true)];
    case 'CompositeTypeStmt':
      return [{ ...relation(n.typevar, 'creates', true), kind: 'object' }];
    case 'AlterEnumStmt':
      return [qualified(names(n.typeName), 'alters')];
    case 'DefineStmt':
      return [qualified(names(n.defnames), 'creates', true)];
    case 'AlterDomainStmt':
      return [qualified(names(n.typeName), 'alters')];
    case 'AlterFunctionStmt':
      return [qualified(names(n.func), 'alters')];
    case 'CreateForeignTableStmt':
      return [relation(n.base?.relation, 'creates', true)];
    case 'CreateStatsStmt':
      return [...(n.defnames ? [qualified(names(n.defnames), 'creates', true)] : []), ...(n.relations ?? []).map((r: AnyNode) => relation(r.RangeVar, 'creates statistics on'))];
    case 'SecLabelStmt':
      return objectTarget(n.objtype, n.object, 'labels');
    default:
      return [];
  }
}

function relation(rv: AnyNode | undefined, verb: string, creates = false): WriteTarget {
  // CREATE TEMP TABLE x: x lives in the session's own pg_temp schema, whatever the search_path.
  const schema = rv?.schemaname ?? (rv?.relpersistence === 't' ? 'pg_temp' : undefined);
  return { kind: 'relation', ...(schema ? { schema } : {}), name: rv?.relname ?? '?', verb, ...(creates ? { creates } : {}) };
}

function qualified(parts: string[], verb: string, creates = false): WriteTarget {
  const name = parts[parts.length - 1] ?? '?';
  const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
  return { kind: 'object', ...(schema ? { schema } : {}), name, verb, ...(creates ? { creates } : {}) };
}

/** The identifier parts of a name node in any of the shapes the parser uses. */
function names(x: AnyNode | AnyNode[] | undefined): string[] {
  if (!x) return [];
  if (Array.isArray(x)) return x.flatMap((i) => names(i));
  if (x.String) return [x.String.sval];
  if (x.List) return names(x.List.items);
  if (x.TypeName) return names(x.TypeName.names);
  if (x.ObjectWithArgs) return names(x.ObjectWithArgs.objname);
  if (x.names) return names(x.names);
  if (x.objname) return names(x.objname);
  return [];
}

function objectTarget(objtype: string, obj: AnyNode | undefined, verb: string): WriteTarget[] {
  const parts = names(obj);
  if (!parts.length) return [];
  if (objtype === 'OBJECT_SCHEMA') return parts.map((name) => ({ kind: 'schema', name, verb }));
  if (RELATION_OBJECTS.has(objtype)) return [{ ...qualified(parts, verb), kind: 'relation' }];
  if (ON_RELATION_OBJECTS[objtype]) return [{ ...qualified(parts.slice(0, -1), `${verb} ${ON_RELATION_OBJECTS[objtype]}`), kind: 'relation' }];
  if (objtype === 'OBJECT_ROLE' || objtype === 'OBJECT_DATABASE' || objtype === 'OBJECT_EXTENSION' || objtype === 'OBJECT_TABLESPACE') return [];
  return [qualified(parts, verb)];
}

function grantTargets(n: AnyNode): WriteTarget[] {
  const verb = n.is_grant ? 'grants on' : 'revokes on';
  const objects: AnyNode[] = n.objects ?? [];
  if (n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA' || n.objtype === 'OBJECT_SCHEMA') {
    return objects.map((o) => ({ kind: 'schema', name: o.String.sval, verb }));
  }
  return objects.flatMap((o) => (o.RangeVar ? [relation(o.RangeVar, verb)] : objectTarget(n.objtype, o, verb)));
}

/** Rows written by a DML statement, including data-modifying WITH queries. */
function dataChanges(node: AnyNode): WriteTarget[] {
  const [type, n] = Object.entries(node)[0] as [string, AnyNode];
  const out: WriteTarget[] = [];
  for (const cte of n.withClause?.ctes ?? []) if (cte.CommonTableExpr?.ctequery) out.push(...dataChanges(cte.CommonTableExpr.ctequery));
  if (DML[type]) out.push(relation(n.relation, DML[type]!));
  if (type === 'SelectStmt' && n.intoClause) out.push(relation(n.intoClause.rel, 'creates', true));
  return out;
}
