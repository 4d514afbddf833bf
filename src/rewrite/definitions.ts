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
  /** A column's place among its table's columns: a number that grows as columns are made. */
  | 'column-order'
  /** The name of a column's NOT NULL constraint (Postgres 18 names them after the table at the time). */
  | 'column-not-null-name'
  /**
   * A table setting an ALTER TABLE changed that DROP TABLE takes with it (row level security,
   * owner, a trigger disabled, storage, …): the subcommand that sets it again.
   */
  | 'table-setting'
  /** An earlier change to a table pgmend cannot replay when it rebuilds the table: `file:line: what`. */
  | 'table-unfollowed'
  /**
   * The element list pgmend can write for a table whose every column and constraint it recorded
   * (absent otherwise), as it was when the table was created: see table-rebuild.ts.
   */
  | 'table-elements'
  | 'constraint'
  | 'index'
  | 'sequence'
  | 'view'
  | 'materialized-view'
  | 'function'
  | 'trigger'
  | 'rule'
  | 'type'
  | 'domain'
  | 'policy'
  | 'schema'
  | 'extension'
  /** An operator, keyed by name and `(left,right)` types: `public.===(integer,text)`. */
  | 'operator'
  | 'role'
  | 'comment'
  /** A partition's ATTACH PARTITION statement (its parent and bounds), to attach it again. */
  | 'partition'
  /** A privilege unit an earlier GRANT gave (see privileges.ts); the value is where. */
  | 'privilege';

export class Definitions {
  private readonly kinds = new Map<DefinitionKind, KindStore>();
  private readonly dropped = new Map<string, string>();

  private of(kind: DefinitionKind): KindStore {
    let m = this.kinds.get(kind);
    if (!m) this.kinds.set(kind, (m = new KindStore(OWNER_RULES.get(kind))));
    return m;
  }

  get(kind: DefinitionKind, name: string): string | undefined {
    return this.kinds.get(kind)?.values.get(name);
  }

  has(kind: DefinitionKind, name: string): boolean {
    return this.kinds.get(kind)?.values.has(name) ?? false;
  }

  /** `owner`: what the definition belongs to, when the caller knows it (else the kind's owner rule reads it from `sql`). */
  set(kind: DefinitionKind, name: string, sql: string, owner?: string): void {
    this.of(kind).set(name, sql, owner);
  }

  delete(kind: DefinitionKind, name: string): void {
    this.kinds.get(kind)?.delete(name);
  }

  /** Records that `file:line` dropped what was defined under `name` (see droppedAt). */
  markDropped(kind: DefinitionKind, name: string, where: string): void {
    this.dropped.set(`${kind}:${name}`, where);
  }

  /** Where an earlier statement dropped it, if one did: a later DROP IF EXISTS has nothing to undo. */
  droppedAt(kind: DefinitionKind, name: string): string | undefined {
    return this.dropped.get(`${kind}:${name}`);
  }

  /** Names of one kind whose key starts with `prefix` (e.g. every column of a table). */
  names(kind: DefinitionKind, prefix = ''): string[] {
    return this.kinds.get(kind)?.withPrefix(prefix) ?? [];
  }

  /** Names of one kind whose owner (see `ownerRule`) is `owner`, e.g. the indexes on a table. */
  ownedBy(kind: DefinitionKind, owner: string): string[] {
    return [...(this.kinds.get(kind)?.byOwner.get(owner) ?? [])];
  }

  /** Names of one kind whose last dotted part is `last` (e.g. constraints named `c` on any table). */
  namesEndingIn(kind: DefinitionKind, last: string): string[] {
    return this.kinds.get(kind)?.withLastPart(last) ?? [];
  }

  /** An independent copy (the source's own down SQL is rewritten against one). */
  clone(): Definitions {
    const copy = new Definitions();
    for (const [kind, store] of this.kinds) for (const [k, v] of store.values) copy.set(kind, k, v, store.ownerOfKey(k) ?? NO_OWNER);
    for (const [k, v] of this.dropped) copy.dropped.set(k, v);
    return copy;
  }
}

/**
 * One kind's definitions, indexed by every `.`/`(`-ended prefix of their keys below the
 * schema and by their last part: rules ask "every column of this table" or "is this constraint
 * name taken in the schema" for each statement, and a scan of every key would make a large
 * conversion quadratic. Each index is built the first time it is asked for (most kinds are
 * never asked), then kept up to date.
 */
class KindStore {
  readonly values = new Map<string, string>();
  private byPrefix: Map<string, Set<string>> | undefined;
  private byLastPart: Map<string, Set<string>> | undefined;
  readonly byOwner = new Map<string, Set<string>>();
  private readonly owners = new Map<string, string>();

  constructor(private readonly ownerOf?: (sql: string) => string | undefined) {}

  set(key: string, sql: string, knownOwner?: string): void {
    // Most kinds keep no index and no owners: one map write, without a lookup first.
    if (!this.byPrefix && !this.byLastPart && !this.ownerOf && knownOwner === undefined && this.owners.size === 0) {
      this.values.set(key, sql);
      return;
    }
    if (this.values.has(key)) this.unindexOwner(key);
    else {
      if (this.byPrefix) for (const p of prefixes(key)) add(this.byPrefix, p, key);
      if (this.byLastPart) add(this.byLastPart, lastPart(key), key);
    }
    this.values.set(key, sql);
    const owner = knownOwner === NO_OWNER ? undefined : (knownOwner ?? this.ownerOf?.(sql));
    if (owner !== undefined) {
      this.owners.set(key, owner);
      add(this.byOwner, owner, key);
    }
  }

  delete(key: string): void {
    if (!this.values.delete(key)) return;
    this.unindexOwner(key);
    if (this.byPrefix) for (const p of prefixes(key)) this.byPrefix.get(p)?.delete(key);
    this.byLastPart?.get(lastPart(key))?.delete(key);
  }

  /** The owner recorded for `key` (undefined when it has none). */
  ownerOfKey(key: string): string | undefined {
    return this.owners.get(key);
  }

  private unindexOwner(key: string): void {
    const owner = this.owners.get(key);
    if (owner === undefined) return;
    this.byOwner.get(owner)?.delete(key);
    this.owners.delete(key);
  }

  withPrefix(prefix: string): string[] {
    if (!isIndexedPrefix(prefix)) return [...this.values.keys()].filter((k) => k.startsWith(prefix));
    if (!this.byPrefix) {
      this.byPrefix = new Map();
      for (const key of this.values.keys()) for (const p of prefixes(key)) add(this.byPrefix, p, key);
    }
    return [...(this.byPrefix.get(prefix) ?? [])];
  }

  withLastPart(last: string): string[] {
    if (!this.byLastPart) {
      this.byLastPart = new Map();
      for (const key of this.values.keys()) add(this.byLastPart, lastPart(key), key);
    }
    return [...(this.byLastPart.get(last) ?? [])];
  }
}

/** Passed as the owner when a definition is known to have none (a copy needs no owner rule run again). */
const NO_OWNER = '\0none';

/**
 * How to find a definition's owner from its text, per kind (the table an index is on). Set by
 * the module that knows how to read that text (table-defs.ts for indexes).
 */
const OWNER_RULES = new Map<DefinitionKind, (sql: string) => string | undefined>();

export function ownerRule(kind: DefinitionKind, ownerOf: (sql: string) => string | undefined): void {
  OWNER_RULES.set(kind, ownerOf);
}

/**
 * The prefixes of a key that are indexed: those ending in `.` or `(` after the first such
 * separator (`public.users.` of `public.users.email`; every key has the schema's prefix, so
 * indexing that one would only hold everything twice).
 */
function prefixes(key: string): string[] {
  const out: string[] = [];
  let separators = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((c === 46 || c === 40) && ++separators > 1) out.push(key.slice(0, i + 1));
  }
  return out;
}

/** A prefix `prefixes` gives (ends in a separator, with one before it), told without building them. */
function isIndexedPrefix(prefix: string): boolean {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (last !== 46 && last !== 40) return false;
  for (let i = prefix.length - 2; i >= 0; i--) {
    const c = prefix.charCodeAt(i);
    if (c === 46 || c === 40) return true;
  }
  return false;
}

function lastPart(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

function add(index: Map<string, Set<string>>, at: string, key: string): void {
  let set = index.get(at);
  if (!set) index.set(at, (set = new Set()));
  set.add(key);
}
