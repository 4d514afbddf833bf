import type { Finding } from '../findings.js';
import type { InputFormat } from '../input/index.js';
import type { OutputFormat } from '../plan/index.js';
import type { Fate } from '../rewrite/index.js';
import type { SourceLocation } from '../source.js';

export type { OutputFormat } from '../plan/index.js';
export type { Fate } from '../rewrite/index.js';

export interface ConvertOptions {
  /** Files and folders of legacy migrations. */
  inputs: string[];
  /** Where the revisions go (for Alembic: the versions folder). */
  outDir: string;
  /** Default 'alembic'. */
  format?: OutputFormat;
  /** Forces the input layout instead of detecting it. */
  inputFormat?: InputFormat;
  /** Target Postgres major version, 12–18. Default 14. */
  pgVersion?: number;
  /** One revision for all migrations instead of one per source migration. */
  squash?: boolean;
  /** Overwrite files that already exist. */
  force?: boolean;
  /** Fail with PgmendError('strict-review'), writing nothing, when a statement needs review. */
  strict?: boolean;
  /** Write nothing; the report carries every file with its contents. */
  dryRun?: boolean;
  /** A folder with templates of the same names as the package's templates/ folder. */
  templatesDir?: string;
  /** Create Date for every revision (default: derived from each source version; see README). */
  createDate?: Date | string;
  /**
   * Replay the revisions in an embedded Postgres (PGlite): upgrade, upgrade again, downgrade,
   * upgrade. Failures become `verify-*` findings (see src/verify/replay.ts).
   */
  verify?: boolean;
  /**
   * The search_path the legacy migrations ran with, their tool's default schema first (Flyway's
   * `defaultSchema`, say). Unqualified names then mean objects in its first schema, `--verify`
   * replays with it, and the Alembic environment must set it too. Default: `public`.
   */
  searchPath?: string[];
  /** Called as statements are converted: (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** What happened to one source statement. */
export interface StatementReport {
  location: SourceLocation;
  /** 'down' for a statement of the source's own down SQL. */
  direction: 'up' | 'down';
  /** The parser node, e.g. CreateStmt; null when Postgres cannot parse it. */
  nodeType: string | null;
  fate: Fate;
  how: string;
  /** The revision it went into. */
  revision: string;
}

export interface RevisionReport {
  id: string;
  parent: string | null;
  message: string;
  sources: string[];
  files: string[];
  /** Downgrade steps that raise (cannot be undone) and that leave something on purpose. */
  downgradeFails: number;
  downgradeNotes: number;
}

export interface ConvertReport {
  format: OutputFormat;
  outDir: string;
  /** False for dry runs. */
  written: boolean;
  revisions: RevisionReport[];
  /** Paths relative to outDir; contents only on dry runs. */
  files: { path: string; contents?: string }[];
  statements: StatementReport[];
  /** Input and rewrite findings, in source order. */
  findings: Finding[];
  counts: Record<Fate, number>;
  /** Verify failures (errors), and whether a downgrade stopped by design (an undoable step). */
  verify?: { failures: number; stopped: boolean };
  /** Some statement needs a person: the CLI exits 1. */
  needsReview: boolean;
}

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['alembic', 'sql', 'node-pg-migrate'];
export const DEFAULT_PG_VERSION = 14;
