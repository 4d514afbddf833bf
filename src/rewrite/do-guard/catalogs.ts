/** The catalogs a DO block's guard may read: what kind of object each lists, and under which table. */
import type { QualifiedName } from '../names.js';
import type { CreatedObject, ObjectKind } from './created-objects.js';

/** The kinds of object each known catalog lists, by its name (pg_catalog and information_schema share no names here). */
export const CATALOG_KINDS: Record<string, Array<ObjectKind | 'index-backed'>> = {
  pg_class: ['table', 'view', 'index', 'sequence', 'type', 'index-backed'],
  pg_tables: ['table'],
  pg_views: ['view'],
  pg_matviews: ['view'],
  pg_indexes: ['index', 'index-backed'],
  pg_sequences: ['sequence'],
  pg_type: ['type', 'table', 'view'],
  pg_enum: ['enum-label'],
  pg_constraint: ['constraint'],
  pg_extension: ['extension'],
  pg_namespace: ['schema'],
  pg_roles: ['role'],
  pg_authid: ['role'],
  pg_user: ['role'],
  pg_shadow: ['role'],
  pg_proc: ['function'],
  pg_trigger: ['trigger'],
  pg_policy: ['policy'],
  pg_policies: ['policy'],
  pg_attribute: ['column'],
  pg_rewrite: ['rule'],
  pg_rules: ['rule'],
  tables: ['table', 'view'],
  views: ['view'],
  sequences: ['sequence'],
  columns: ['column'],
  table_constraints: ['constraint'],
  constraint_column_usage: ['constraint'],
  constraint_table_usage: ['constraint'],
  key_column_usage: ['constraint'],
  referential_constraints: ['constraint'],
  check_constraints: ['constraint'],
  domains: ['type'],
  user_defined_types: ['type'],
  schemata: ['schema'],
  routines: ['function'],
  triggers: ['trigger'],
};

/** Catalog columns saying which table an object belongs to: `name` or `schema` part, or a regclass (`oid`). */
export const TABLE_COLUMNS: Record<string, Record<string, 'name' | 'schema' | 'oid'>> = {
  pg_indexes: { tablename: 'name', schemaname: 'schema' },
  pg_policies: { tablename: 'name', schemaname: 'schema' },
  pg_rules: { tablename: 'name', schemaname: 'schema' },
  pg_constraint: { conrelid: 'oid', confrelid: 'oid' },
  pg_trigger: { tgrelid: 'oid' },
  pg_policy: { polrelid: 'oid' },
  pg_attribute: { attrelid: 'oid' },
  pg_rewrite: { ev_class: 'oid' },
  columns: { table_name: 'name', table_schema: 'schema' },
  table_constraints: { table_name: 'name', table_schema: 'schema' },
  constraint_column_usage: { table_name: 'name', table_schema: 'schema' },
  constraint_table_usage: { table_name: 'name', table_schema: 'schema' },
  key_column_usage: { table_name: 'name', table_schema: 'schema' },
  triggers: { event_object_table: 'name', event_object_schema: 'schema' },
};

/**
 * The table under which `catalog` lists `o` through `column`: information_schema's
 * constraint_column_usage and constraint_table_usage list a foreign key under the table it
 * references (the columns it uses are the referenced ones); pg_constraint.confrelid is that
 * table too. Everything else lists the object under its own table.
 */
export function listedUnder(catalog: string, column: string, o: CreatedObject): QualifiedName | undefined {
  if (o.references && (catalog === 'constraint_column_usage' || catalog === 'constraint_table_usage' || column === 'confrelid')) return o.references;
  if (column === 'confrelid') return undefined; // not a foreign key: confrelid is 0
  return o.table;
}
