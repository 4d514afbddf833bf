import type { SourceLocation } from '../source.js';

/**
 * One step of a revision, with where it came from (shown as a comment above it). `leading`: the
 * comments the user wrote before the statement, on its first up step, kept in the output.
 */
export type PlannedStep = (
  | {
      kind: 'sql';
      sql: string;
      nonTransactional?: boolean;
      leading?: string;
      /** It creates a LANGUAGE sql function: the plan runs it with check_function_bodies off (see function-bodies.ts). */
      checkedBody?: boolean;
    }
  | { kind: 'note'; text: string }
  | { kind: 'fail'; message: string }
) & {
  /** Where it came from, relative to the input root (written into the revision). */
  origin: SourceLocation;
  /** The same place as the user named the file (for findings). */
  location?: SourceLocation;
};

/** One source migration after rewriting: what its revision runs each way, in order. */
export interface ConvertedMigration {
  /** Path relative to the input root, with `/` separators: stable across machines. */
  file: string;
  version: string;
  name: string;
  upgrade: PlannedStep[];
  downgrade: PlannedStep[];
}

export type OutputFormat = 'alembic' | 'sql' | 'node-pg-migrate';

export interface PlannedRevision {
  /** 12 lowercase hex characters, like Alembic's own ids. */
  id: string;
  /** The revision this one follows; null for a base. */
  parent: string | null;
  message: string;
  slug: string;
  createDate: Date;
  sources: { file: string; version: string }[];
  upgrade: PlannedStep[];
  downgrade: PlannedStep[];
  /** File name without extension, per the format's naming rule. */
  fileBase: string;
}
