import type { Finding } from '../findings.js';
import type { SqlStatement } from '../sql/split.js';

/** The migration layouts pgmend recognises (see README "Input formats"). */
export type InputFormat =
  | 'plain'
  | 'golang-migrate'
  | 'diesel'
  | 'dbmate'
  | 'goose'
  | 'sql-migrate'
  | 'node-pg-migrate'
  | 'flyway';

export const INPUT_FORMATS: readonly InputFormat[] = [
  'plain',
  'golang-migrate',
  'diesel',
  'dbmate',
  'goose',
  'sql-migrate',
  'node-pg-migrate',
  'flyway',
];

/** One legacy migration, in the order its own tool would apply it. */
export interface SourceMigration {
  /** The version its tool orders by, e.g. '0003', '20140924113530', '2.1'. */
  version: string;
  /** Human name, e.g. 'create_users' (becomes the revision's slug and message). */
  name: string;
  /** The (up) file, as a path relative to the working directory. */
  file: string;
  /** Up statements, with psql `\i` includes already inlined and meta-commands removed. */
  up: SqlStatement[];
  /** The source's own down SQL, when it has one (up/down pairs, markers). */
  down?: SqlStatement[];
  /** False when the source says the migration must not run in a transaction. */
  transactional: boolean;
  format: InputFormat;
}

export interface ReadResult {
  migrations: SourceMigration[];
  /** Meta-commands, dropped BEGIN/COMMIT, placeholders, skipped files, … with file:line. */
  findings: Finding[];
}

export interface ReadOptions {
  /** Force a layout instead of detecting it. */
  inputFormat?: InputFormat;
}
