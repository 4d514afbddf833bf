/**
 * Positional parameter names of Alembic's operations (alembic/operations/ops.py), so a call
 * reads the same whether its arguments were passed by position or by keyword.
 * `batch` is the signature on a `batch_alter_table` context, whose table is implied.
 */
interface Signature {
  op: string[];
  batch?: string[];
  /** The parameter that names the table the operation writes to. */
  table?: string;
  /** The keyword that names that table's schema. */
  schema?: string;
}

export const OP_SIGNATURES: Record<string, Signature> = {
  create_table: { op: ['table_name'], table: 'table_name' },
  drop_table: { op: ['table_name'], table: 'table_name' },
  rename_table: { op: ['old_table_name', 'new_table_name'], table: 'old_table_name' },
  add_column: { op: ['table_name', 'column'], batch: ['column'], table: 'table_name' },
  drop_column: { op: ['table_name', 'column_name'], batch: ['column_name'], table: 'table_name' },
  alter_column: { op: ['table_name', 'column_name'], batch: ['column_name'], table: 'table_name' },
  create_index: { op: ['index_name', 'table_name', 'columns'], batch: ['index_name', 'columns'], table: 'table_name' },
  drop_index: { op: ['index_name', 'table_name'], batch: ['index_name'], table: 'table_name' },
  create_foreign_key: {
    op: ['constraint_name', 'source_table', 'referent_table', 'local_cols', 'remote_cols'],
    batch: ['constraint_name', 'referent_table', 'local_cols', 'remote_cols'],
    table: 'source_table',
    schema: 'source_schema',
  },
  drop_constraint: { op: ['constraint_name', 'table_name', 'type_'], batch: ['constraint_name', 'type_'], table: 'table_name' },
  create_unique_constraint: { op: ['constraint_name', 'table_name', 'columns'], batch: ['constraint_name', 'columns'], table: 'table_name' },
  create_check_constraint: { op: ['constraint_name', 'table_name', 'condition'], batch: ['constraint_name', 'condition'], table: 'table_name' },
  create_primary_key: { op: ['constraint_name', 'table_name', 'columns'], batch: ['constraint_name', 'columns'], table: 'table_name' },
  create_exclude_constraint: { op: ['constraint_name', 'table_name'], batch: ['constraint_name'], table: 'table_name' },
  create_table_comment: { op: ['table_name', 'comment'], batch: ['comment'], table: 'table_name' },
  drop_table_comment: { op: ['table_name'], batch: [], table: 'table_name' },
  bulk_insert: { op: ['table', 'rows'] },
  execute: { op: ['sqltext'], batch: ['sqltext'] },
  batch_alter_table: { op: ['table_name'], table: 'table_name' },
};

export function signature(method: string): Signature | undefined {
  return OP_SIGNATURES[method];
}
