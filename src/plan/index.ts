import { createDateFor } from './create-date.js';
import { withBodiesUnchecked } from './function-bodies.js';
import { alembicFileBase, numberedFileBase, slugify } from './file-name.js';
import { revisionId } from './revision-id.js';
import type { NamingConfig } from './alembic-ini.js';
import type { ExistingChain } from './existing-chain.js';
import type { ConvertedMigration, OutputFormat, PlannedRevision } from './types.js';

export type { ConvertedMigration, OutputFormat, PlannedRevision, PlannedStep } from './types.js';
export { readExistingChain, staleConversions, type ExistingChain } from './existing-chain.js';
export { namingFor, DEFAULT_NAMING, type NamingConfig } from './alembic-ini.js';
export { nextNumber } from './numbering.js';
export { formatCreateDate, FIXED_CREATE_DATE } from './create-date.js';

export interface PlanOptions {
  format: OutputFormat;
  /** One revision for everything instead of one per source migration. */
  squash: boolean;
  /** The existing head the first new revision follows (Alembic), or null. */
  parent: string | null;
  naming: NamingConfig;
  /** Overrides the Create Date derived from each source version. */
  createDate?: Date;
  /** First number and its width, for the numbered formats (sql, node-pg-migrate). */
  firstNumber: number;
  numberWidth: number;
}

/**
 * Groups converted migrations into revisions (one each, or one for all with `squash`),
 * chains them after `parent` and gives each its stable id, Create Date and file name.
 */
export function planRevisions(migrations: ConvertedMigration[], options: PlanOptions): PlannedRevision[] {
  const groups = groupMigrations(migrations, options.squash);
  const revisions: PlannedRevision[] = [];
  let parent = options.parent;
  for (const [index, group] of groups.entries()) {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const id = groupId(group, parent);
    const message =
      group.length === 1 ? humanize(first.name) : `squash of ${group.length} migrations, ${first.version} to ${last.version}`;
    const slug = slugify(message, options.naming.truncateSlugLength);
    const createDate = options.createDate ?? createDateFor(last.version);
    const fileBase =
      options.format === 'alembic'
        ? alembicFileBase(options.naming, id, slug, createDate)
        : numberedFileBase(options.firstNumber + index, options.numberWidth, slug);
    revisions.push({
      id,
      parent,
      message,
      slug,
      createDate,
      sources: group.map((m) => ({ file: m.file, version: m.version })),
      // One migration per revision (the usual case) takes its steps as they are, uncopied.
      upgrade: withBodiesUnchecked(group.length === 1 ? first.upgrade : group.flatMap((m) => m.upgrade), options.format),
      // Undo the last migration first.
      downgrade: withBodiesUnchecked(group.length === 1 ? first.downgrade : [...group].reverse().flatMap((m) => m.downgrade), options.format),
      fileBase,
    });
    parent = id;
  }
  return revisions;
}

/**
 * Which existing revision the first new one follows: normally the folder's head; but when
 * the folder already holds this very conversion (converting again, e.g. with --force), the
 * revision it was attached to, so the same files are produced instead of a second copy.
 */
export function attachPoint(migrations: ConvertedMigration[], squash: boolean, chain: ExistingChain): string | null {
  const first = groupMigrations(migrations, squash)[0];
  if (!first) return chain.head;
  const candidates: (string | null)[] = [];
  for (let at: string | null = chain.head; at !== null && !candidates.includes(at); at = chain.parents.get(at)?.[0] ?? null) {
    candidates.push(at);
  }
  candidates.push(null);
  for (const parent of candidates) {
    const existing = chain.parents.get(groupId(first, parent));
    if (existing && (existing[0] ?? null) === parent && existing.length <= 1) return parent;
  }
  return chain.head;
}

function groupMigrations(migrations: ConvertedMigration[], squash: boolean): ConvertedMigration[][] {
  return squash && migrations.length > 1 ? [migrations] : migrations.map((m) => [m]);
}

function groupId(group: ConvertedMigration[], parent: string | null): string {
  return revisionId({
    files: group.map((m) => m.file),
    versions: group.map((m) => m.version),
    parent,
  });
}

/** `create_users` → `create users`: the revision message Alembic shows in history. */
function humanize(name: string): string {
  return name.replace(/[_-]+/g, ' ').trim() || 'migration';
}
