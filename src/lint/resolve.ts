import { PgmendError } from '../errors.js';
import { newClient } from '../introspect/client.js';

/**
 * How unqualified names resolve: the search_path and, with `--db`, which schemas hold which
 * relations. Postgres looks an existing relation up in the first search_path schema that has
 * it, and creates new objects in the first schema of the path.
 */
export interface Catalog {
  /** The effective search_path (existing schemas only, `$user` expanded). */
  searchPath: string[];
  /** relation name → schemas that hold one by that name; absent without --db. */
  relations?: Map<string, Set<string>>;
  /** Major version of the server, with --db. */
  serverVersion?: number;
  from: 'db' | 'default';
}

/** Without --db: Postgres's default `"$user", public`, where `$user` usually does not exist. */
export const DEFAULT_CATALOG: Catalog = { searchPath: ['public'], from: 'default' };

/** Reads the live database's search_path (as the connecting role sees it) and relation list. */
export async function readCatalog(url: string): Promise<Catalog> {
  const client = await newClient(url);
  try {
    await client.connect();
    const path = await client.query<{ path: string[] }>('SELECT current_schemas(false)::text[] AS path');
    const version = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    const rels = await client.query<{ schema: string; name: string }>(
      `SELECT n.nspname AS schema, c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'i', 'I')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
        ORDER BY 1, 2`,
    );
    const relations = new Map<string, Set<string>>();
    for (const r of rels.rows) {
      if (!relations.has(r.name)) relations.set(r.name, new Set());
      relations.get(r.name)!.add(r.schema);
    }
    return { searchPath: path.rows[0]!.path, relations, serverVersion: Math.floor(Number(version.rows[0]!.v) / 10000), from: 'db' };
  } catch (e) {
    throw new PgmendError('db-error', `cannot read the database's search_path and tables: ${(e as Error).message}`, undefined, 'check --db URL and that the role can connect', { cause: e });
  } finally {
    await client.end().catch(() => {});
  }
}

export interface Resolution {
  schema: string | undefined;
  /** How the schema was chosen, for messages, when the name was not qualified. */
  how?: string;
}

/**
 * Resolves names for one migration file: SET search_path statements in it change the path
 * for the statements after them, and a new file starts again from the catalog's path.
 */
export class Resolver {
  private path: string[];

  constructor(private readonly catalog: Catalog) {
    this.path = catalog.searchPath;
  }

  /** Temporary tables this file created: Postgres looks in pg_temp before the search_path. */
  private readonly temporary = new Set<string>();

  noteTemporary(name: string): void {
    this.temporary.add(name);
  }

  /** Names resolve by a guess: no --db, and no SET search_path seen yet. */
  get assumed(): boolean {
    return this.catalog.from === 'default' && this.path === this.catalog.searchPath;
  }

  /** `SET search_path TO a, b` (undefined for RESET / DEFAULT). `$user` and pg_temp are skipped. */
  setSearchPath(schemas: string[] | undefined): void {
    this.path = schemas ? schemas.filter((s) => s !== '$user' && !s.startsWith('pg_temp')) : this.catalog.searchPath;
  }

  resolve(schema: string | undefined, name: string, kind: 'relation' | 'object', creates = false): Resolution {
    if (schema) return { schema };
    if (kind === 'relation' && this.temporary.has(name)) return { schema: 'pg_temp' };
    const origin = this.path === this.catalog.searchPath ? (this.catalog.from === 'db' ? 'read from the database' : 'the default, without --db') : 'set earlier in this file';
    const path = `search_path ${this.path.join(', ') || '(empty)'}, ${origin}`;
    if (!creates && kind === 'relation' && this.catalog.relations) {
      const holders = this.catalog.relations.get(name);
      const found = this.path.find((s) => holders?.has(s));
      if (found) return { schema: found, how: `found in ${found} through ${path}` };
    }
    const first = this.path[0];
    return { schema: first, how: `unqualified, so the first schema of ${path}` };
  }
}
