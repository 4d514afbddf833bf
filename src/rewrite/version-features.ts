/**
 * Syntax a statement uses that Postgres only accepts from some major version on: checked
 * against --pg-version, so a revision meant for an older server is flagged before it runs there.
 * Only what each statement kind carries at its top level is looked at (no walk of the whole
 * tree): the features below live there.
 */
import type { Node } from '../sql/parser.js';

export interface NewerSyntax {
  feature: string;
  since: number;
}

type Loose = Record<string, unknown>;

export function newerSyntax(node: Node): NewerSyntax | undefined {
  const [kind, body] = Object.entries(node)[0] as [string, Loose];
  switch (kind) {
    case 'MergeStmt':
      return { feature: 'MERGE', since: 15 };
    case 'CreateFunctionStmt':
      return body.sql_body ? { feature: 'an SQL-standard function body (RETURN … or BEGIN ATOMIC)', since: 14 } : undefined;
    case 'IndexStmt':
      return body.nulls_not_distinct ? NULLS_NOT_DISTINCT : undefined;
    case 'CreateStmt':
      return firstOf((body.tableElts as Node[] | undefined) ?? [], tableElement);
    case 'AlterTableStmt':
      return firstOf((body.cmds as Node[] | undefined) ?? [], (cmd) => alterTableCmd((cmd as { AlterTableCmd?: Loose }).AlterTableCmd));
    default:
      return undefined;
  }
}

const NULLS_NOT_DISTINCT: NewerSyntax = { feature: 'NULLS NOT DISTINCT', since: 15 };
const COMPRESSION: NewerSyntax = { feature: 'a column COMPRESSION method', since: 14 };

function tableElement(element: Node): NewerSyntax | undefined {
  const e = element as { ColumnDef?: Loose; Constraint?: Loose };
  if (e.Constraint) return e.Constraint.nulls_not_distinct ? NULLS_NOT_DISTINCT : undefined;
  if (!e.ColumnDef) return undefined;
  if (e.ColumnDef.compression) return COMPRESSION;
  const constraints = (e.ColumnDef.constraints as { Constraint?: Loose }[] | undefined) ?? [];
  return constraints.some((c) => c.Constraint?.nulls_not_distinct) ? NULLS_NOT_DISTINCT : undefined;
}

function alterTableCmd(cmd: Loose | undefined): NewerSyntax | undefined {
  if (!cmd) return undefined;
  const def = cmd.def as Node | undefined;
  switch (cmd.subtype) {
    case 'AT_DetachPartition':
      return (def as { PartitionCmd?: Loose } | undefined)?.PartitionCmd?.concurrent ? { feature: 'DETACH PARTITION … CONCURRENTLY', since: 14 } : undefined;
    case 'AT_SetCompression':
      return COMPRESSION;
    case 'AT_AddColumn':
    case 'AT_AddConstraint':
      return def ? tableElement(def) : undefined;
    default:
      return undefined;
  }
}

function firstOf<T>(items: T[], test: (item: T) => NewerSyntax | undefined): NewerSyntax | undefined {
  for (const item of items) {
    const found = test(item);
    if (found) return found;
  }
  return undefined;
}
