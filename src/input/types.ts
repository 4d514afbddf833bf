import type { Finding } from '../findings.js';
import type { SqlStatement } from '../sql/split.js';

/** The migration layouts pgmend recognises (see README "Input formats"). */
export type InputFormat =
  | 'plain'
  | 'golang-migrate'
  | 'diesel'
  | 'prisma'
  | 'dbmate'
  | 'goose'
  | 'sql-migrate'
  | 'tern'
  | 'sqitch'
  | 'liquibase'
  | 'node-pg-migrate'
  | 'flyway';

export const INPUT_FORMATS: readonly InputFormat[] = [
  'plain',
  'golang-migrate',
  'diesel',
  'prisma',
  'dbmate',
  'goose',
  'sql-migrate',
  'tern',
  'sqitch',
  'liquibase',
  'node-pg-migrate',
  'flyway',
];

/**
 * Finding codes that mean migration SQL was left out of the conversion (a skipped file, a down
 * file without its up, a duplicate version, a Flyway repeatable) or not read as its tool reads it
 * (a file without its layout's up marker): a person must look, so convert
 * exits 1 and --strict writes nothing.
 */
export const LEFT_OUT_CODES: ReadonlySet<string> = new Set(['input-file-skipped', 'down-without-up', 'duplicate-version', 'flyway-repeatable', 'marker-missing']);

/** One legacy migration, in the order its own tool would apply it. */
export interface SourceMigration {
  /** The version its tool orders by, e.g. '0003', '20140924113530', '2.1'. */
  version: string;
  /** Human name, e.g. 'create_users' (becomes the revision's slug and message). */
  name: string;
  /** The (up) file, relative to the working directory (absolute when named absolutely outside it), `/`-separated. */
  file: string;
  /** Up statements, with psql `\i` includes already inlined and meta-commands removed. */
  up: SqlStatement[];
  /** The source's own down SQL, when it has one (up/down pairs, markers). */
  down?: SqlStatement[];
  /** False when the source says the migration must not run in a transaction. */
  transactional: boolean;
  format: InputFormat;
  /** The file the down SQL came from when it is not `file` (golang-migrate, diesel, Flyway `U`). */
  downFile?: string;
  /** Files inlined by psql `\i` / `\ir`, in first-inclusion order. */
  includes?: string[];
}

export interface ReadResult {
  migrations: SourceMigration[];
  /** Meta-commands, dropped BEGIN/COMMIT, placeholders, skipped files, … with file:line. */
  findings: Finding[];
}

export interface ReadOptions {
  /** Force a layout instead of detecting it. */
  inputFormat?: InputFormat;
  /** The directory the user ran from: base of `\i` paths and of the paths in findings. Default process.cwd(). */
  cwd?: string;
  /** Called after each migration is read: `done` of `total`. */
  onProgress?: (done: number, total: number) => void;
}

/** A migration found on disk, before its files are read. Paths are absolute. */
export interface PlannedMigration {
  version: string;
  name: string;
  format: InputFormat;
  upFile: string;
  downFile?: string;
  /** Set when a side file (diesel metadata.toml, Flyway .sql.conf) turns the transaction off. */
  transactional?: boolean;
}

/** Character ranges `[from, to)` of a file's text. */
export interface Range {
  from: number;
  to: number;
  /** Spans inside the range read as blanks: a line prefix such as Liquibase's `--rollback `. */
  blank?: Array<[number, number]>;
}

/** How a file's text divides into up and down SQL (marker layouts), with what the markers say. */
export interface Sections {
  up: Range[];
  down?: Range[];
  /** SQL outside every marker block: the tool never runs it. */
  outside: Range[];
  transactional: boolean;
  /** Marker problems: missing up marker, unknown annotation, … */
  findings: Finding[];
}
