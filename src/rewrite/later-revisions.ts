/**
 * What the revisions after this one do, for look-aheads that must see past their own revision:
 * the chain may run on a database that already has their effect (the SQL applied by hand).
 * Each scan runs once over the whole run, and each revision's share of it is cut once: every
 * revision of a long run asks, and most find nothing.
 */
import type { SqlStatement } from '../sql/split.js';

/** Every migration's statements, and the index of the first one after the current revision. */
export interface LaterRevisions {
  migrations: readonly (readonly SqlStatement[])[];
  from: number;
}

/** Finds items in one migration; `offset` is the run position of its first statement. A module-level function: it keys the cache. */
export type RevisionScan<T> = (statements: readonly SqlStatement[], offset: number) => T[];

const CACHE = new WeakMap<readonly (readonly SqlStatement[])[], Map<RevisionScan<unknown>, { all: Array<{ migration: number; item: unknown }>; from: Map<number, unknown[]> }>>();

/** The items `scan` finds in the revisions from `later.from` on, in run order. */
export function inLaterRevisions<T>(later: LaterRevisions, scan: RevisionScan<T>): T[] {
  let byScan = CACHE.get(later.migrations);
  if (!byScan) CACHE.set(later.migrations, (byScan = new Map()));
  let run = byScan.get(scan as RevisionScan<unknown>);
  if (!run) {
    const all: Array<{ migration: number; item: unknown }> = [];
    let offset = 0;
    for (const [migration, statements] of later.migrations.entries()) {
      for (const item of scan(statements, offset)) all.push({ migration, item });
      offset += statements.length;
    }
    byScan.set(scan as RevisionScan<unknown>, (run = { all, from: new Map() }));
  }
  let slice = run.from.get(later.from);
  if (!slice) run.from.set(later.from, (slice = run.all.filter((x) => x.migration >= later.from).map((x) => x.item)));
  return slice as T[];
}
