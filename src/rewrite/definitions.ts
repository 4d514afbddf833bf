/**
 * What the statements read so far have defined, in source order. Downgrades use it to
 * restore what a later statement changed: the column a DROP COLUMN removed, the function
 * body a CREATE OR REPLACE replaced, the default a SET DEFAULT overwrote.
 *
 * Keys are kind + schema-qualified, lower-cased-as-Postgres-folds name, e.g.
 * ('column', 'public.users.email'). Values are the SQL text that recreates the object or
 * its property, in whatever form the rule for that kind needs.
 */
export type DefinitionKind =
  | 'table'
  | 'column'
  | 'column-default'
  | 'column-not-null'
  | 'column-type'
  | 'constraint'
  | 'index'
  | 'sequence'
  | 'view'
  | 'materialized-view'
  | 'function'
  | 'trigger'
  | 'type'
  | 'domain'
  | 'policy'
  | 'schema'
  | 'extension'
  | 'role'
  | 'comment';

export class Definitions {
  private readonly map = new Map<string, string>();

  get(kind: DefinitionKind, name: string): string | undefined {
    return this.map.get(`${kind}\0${name}`);
  }

  has(kind: DefinitionKind, name: string): boolean {
    return this.map.has(`${kind}\0${name}`);
  }

  set(kind: DefinitionKind, name: string, sql: string): void {
    this.map.set(`${kind}\0${name}`, sql);
  }

  delete(kind: DefinitionKind, name: string): void {
    this.map.delete(`${kind}\0${name}`);
  }

  /** Names of one kind whose key starts with `prefix` (e.g. every column of a table). */
  names(kind: DefinitionKind, prefix = ''): string[] {
    const head = `${kind}\0${prefix}`;
    return [...this.map.keys()].filter((k) => k.startsWith(head)).map((k) => k.slice(kind.length + 1));
  }
}
