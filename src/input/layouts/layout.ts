import type { Finding } from '../../findings.js';
import type { InputFormat, PlannedMigration, Range, Sections } from '../types.js';

/** A folder as layouts see it: names sorted, file text read once and cached. */
export interface FolderView {
  /** Absolute path. */
  dir: string;
  /** Top-level file names. */
  files: string[];
  /** Top-level subfolder names (hidden ones excluded). */
  dirs: string[];
  /** Names of the files in a subfolder (cached). */
  filesIn(subdir: string): Promise<string[]>;
  /** Decoded text of a file (cached). */
  text(abs: string): Promise<string>;
  /** How a path is shown in findings. */
  show(abs: string): string;
}

export interface Listing {
  migrations: PlannedMigration[];
  findings: Finding[];
  /** Absolute paths this layout used or deliberately skipped (the rest may be reported as skipped). */
  claimed: Set<string>;
}

export interface Layout {
  format: InputFormat;
  /** The layout's migrations in a folder, in the order its tool applies them. */
  list(folder: FolderView): Promise<Listing>;
  /** How a migration file's text divides into up and down SQL. */
  sections(text: string, file: string): Sections;
}

/**
 * The whole text is up SQL: layouts whose down SQL (if any) lives in another file. A file that
 * starts with `-- no-transaction` (sqlx's directive) runs outside a transaction.
 */
export function wholeFile(text: string): Sections {
  return { up: [{ from: 0, to: text.length }], outside: [], transactional: !text.startsWith('-- no-transaction'), findings: [] };
}

export interface Line {
  start: number;
  /** End of the line's content (before `\r\n` / `\n`). */
  end: number;
  /** Offset of the next line. */
  next: number;
  text: string;
}

export function* lines(text: string): Generator<Line> {
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const next = nl === -1 ? text.length : nl + 1;
    let end = nl === -1 ? text.length : nl;
    if (text[end - 1] === '\r') end--;
    yield { start, end, next, text: text.slice(start, end) };
    start = next;
  }
}

export function range(from: number, to: number): Range {
  return { from, to };
}
