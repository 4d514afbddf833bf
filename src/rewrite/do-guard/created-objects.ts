/** What the DDL inside a guarded DO block creates, by kind and name. */
import type { Node } from '../../sql/parser.js';
import { fromNameList, fromRangeVar, type QualifiedName } from '../names.js';
import { chooseIndexName, constraintName, indexColumnNames } from '../naming.js';

type Json = Record<string, unknown>;

export type ObjectKind = 'table' | 'view' | 'index' | 'sequence' | 'type' | 'constraint' | 'column' | 'extension' | 'schema' | 'role' | 'function' | 'trigger' | 'policy' | 'rule' | 'enum-label';

export interface CreatedObject {
  /** Undefined when only the name is known (the catalog rule is skipped). */
  kind?: ObjectKind;
  /** As Postgres stores it (the parser has folded it). */
  name: string;
  /** The table it belongs to (constraint, column, index, trigger, policy, rule). */
  table?: QualifiedName;
  /** A foreign key's referenced table. */
  references?: QualifiedName;
  /** A primary key, unique or exclusion constraint: its index is in pg_class under the same name. */
  indexBacked?: boolean;
}

/**
 * The objects a statement creates, by name. For a statement pgmend does not model, every name
 * in it, kind unknown: the name rule still catches a condition that names nothing of it.
 */
export function createdObjects(node: Node): CreatedObject[] {
  const found = modelled(node);
  if (found?.length) return found;
  return [...stringLeaves(node)].map((name) => ({ name }));
}

function modelled(node: Node): CreatedObject[] | undefined {
  const n = node as unknown as Record<string, Json>;
  const [type] = Object.keys(n);
  const s = n[type!]!;
  const rel = (v: unknown) => fromRangeVar((v ?? {}) as { schemaname?: string; relname?: string });
  const list = (v: unknown) => fromNameList(v as Node[]);
  switch (type) {
    case 'CreateStmt':
      return [{ kind: 'table', name: rel(s.relation).name }];
    case 'CreateTableAsStmt':
      return [{ kind: s.objtype === 'OBJECT_MATVIEW' ? 'view' : 'table', name: rel((s.into as Json | undefined)?.rel).name }];
    case 'ViewStmt':
      return [{ kind: 'view', name: rel(s.view).name }];
    case 'CreateSeqStmt':
      return [{ kind: 'sequence', name: rel(s.sequence).name }];
    case 'IndexStmt':
      // Unnamed: the name Postgres gives it when it is free (naming.ts).
      return [{ kind: 'index', name: s.idxname ? String(s.idxname) : chooseIndexName(rel(s.relation).name, indexColumnNames((s.indexParams ?? []) as Node[]), 'idx', () => false).name, table: rel(s.relation) }];
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
      return [{ kind: 'type', name: list(s.typeName).name }];
    case 'CompositeTypeStmt':
      return [{ kind: 'type', name: rel(s.typevar).name }];
    case 'CreateDomainStmt':
      return [{ kind: 'type', name: list(s.domainname).name }];
    case 'DefineStmt':
      return s.kind === 'OBJECT_TYPE' ? [{ kind: 'type', name: list(s.defnames).name }] : undefined;
    case 'CreateExtensionStmt':
      return [{ kind: 'extension', name: String(s.extname) }];
    case 'CreateSchemaStmt':
      return s.schemaname ? [{ kind: 'schema', name: String(s.schemaname) }] : undefined;
    case 'CreateRoleStmt':
      return [{ kind: 'role', name: String(s.role) }];
    case 'CreateFunctionStmt':
      return [{ kind: 'function', name: list(s.funcname).name }];
    case 'CreateTrigStmt':
      return [{ kind: 'trigger', name: String(s.trigname), table: rel(s.relation) }];
    case 'CreatePolicyStmt':
      return [{ kind: 'policy', name: String(s.policy_name), table: rel(s.table) }];
    case 'RuleStmt':
      return [{ kind: 'rule', name: String(s.rulename), table: rel(s.relation) }];
    case 'AlterEnumStmt':
      return s.newVal && !s.oldVal ? [{ kind: 'enum-label', name: String(s.newVal) }] : undefined;
    case 'RenameStmt':
      return s.newname ? [{ kind: RENAMED[String(s.renameType)], name: String(s.newname), ...(s.relation ? { table: rel(s.relation) } : {}) }] : undefined;
    case 'AlterTableStmt':
      return ((s.cmds ?? []) as Json[]).flatMap((c): CreatedObject[] => {
        const cmd = c.AlterTableCmd as Json;
        const def = cmd.def as Json | undefined;
        const table = rel(s.relation);
        if (cmd.subtype === 'AT_AddColumn' && def?.ColumnDef) return [{ kind: 'column', name: String((def.ColumnDef as Json).colname), table }];
        const con = def?.Constraint as Json | undefined;
        const name = con && (con.conname ? String(con.conname) : constraintName(table.name, con as Parameters<typeof constraintName>[1], () => false)?.name);
        if (cmd.subtype === 'AT_AddConstraint' && con && name) {
          const contype = String(con.contype);
          return [{ kind: 'constraint', name, table, ...(con.pktable ? { references: rel(con.pktable) } : {}), indexBacked: ['CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_EXCLUSION'].includes(contype) }];
        }
        return [];
      });
    default:
      return undefined;
  }
}

/** ALTER … RENAME: the kind of the new name (the table of a column or constraint is `relation`). */
const RENAMED: Record<string, ObjectKind | undefined> = {
  OBJECT_COLUMN: 'column',
  OBJECT_TABCONSTRAINT: 'constraint',
  OBJECT_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'view',
  OBJECT_INDEX: 'index',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'type',
  OBJECT_SCHEMA: 'schema',
  OBJECT_ROLE: 'role',
  OBJECT_FUNCTION: 'function',
  OBJECT_TRIGGER: 'trigger',
  OBJECT_POLICY: 'policy',
};

/** Keys of the parse tree that hold names (not enum constants such as `contype`). */
const NAME_KEYS = new Set(['sval', 'relname', 'schemaname', 'conname', 'colname', 'idxname', 'name', 'newname', 'subname', 'trigname', 'policy_name', 'rulename', 'extname', 'role', 'rolename', 'aliasname', 'newVal', 'oldVal', 'servername', 'dbname']);

function stringLeaves(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => stringLeaves(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string') {
        if (NAME_KEYS.has(k)) out.add(v);
      } else stringLeaves(v, out);
    }
  }
  return out;
}
