import type { SourceLocation } from './source.js';

/**
 * Every condition that stops a pgmend run. Findings that do not stop the run are
 * `Finding` values (see findings.ts), never thrown.
 */
export type ErrorCode =
  | 'usage'                // bad flags or arguments
  | 'input-not-found'      // a named file or folder does not exist
  | 'input-unreadable'     // exists but cannot be read or recognised
  | 'include-cycle'        // \i includes itself, directly or not
  | 'parse-error'          // SQL the Postgres parser rejects, where it must parse
  | 'definition-unknown'   // a downgrade needs a definition that was never seen
  | 'output-exists'        // refusing to overwrite without --force
  | 'output-chain-broken'  // the output folder's chain has no single head
  | 'template-error'       // a template is missing or does not render
  | 'strict-review'        // --strict and some statement needs review
  | 'chain-invalid'        // a revision chain cannot be repaired as asked
  | 'repair-needs-map'     // a repair needs the user to name a parent (--map); nothing written
  | 'db-error'             // the database is unreachable or refused a query
  | 'internal';            // a bug in pgmend

/** Exit codes the CLI documents: 0 ok, 1 findings/review, 2 bad input or usage, 3 database, 70 internal. */
export const EXIT = { ok: 0, findings: 1, usage: 2, database: 3, internal: 70 } as const;

export class PgmendError extends Error {
  override readonly name = 'PgmendError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly location?: SourceLocation,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** One line, as the CLI prints it: `file:line:col: error[code]: message (hint: …)`. */
  format(): string {
    const where = this.location ? `${formatLocation(this.location)}: ` : '';
    const hint = this.hint ? ` (hint: ${this.hint})` : '';
    return `${where}error[${this.code}]: ${this.message}${hint}`;
  }
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

export function exitCodeFor(error: unknown): number {
  if (!(error instanceof PgmendError)) return EXIT.internal;
  switch (error.code) {
    case 'internal':
      return EXIT.internal;
    case 'db-error':
      return EXIT.database;
    case 'strict-review':
    case 'repair-needs-map':
      return EXIT.findings;
    default:
      return EXIT.usage;
  }
}
