import { formatLocation } from './errors.js';
import type { SourceLocation } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * A finding does not stop the run: something pgmend could not make safe, or wants a
 * person to look at. `code` is kebab-case and stable (documented in README).
 */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  location?: SourceLocation;
  hint?: string;
}

export function formatFinding(f: Finding): string {
  const where = f.location ? `${formatLocation(f.location)}: ` : '';
  const hint = f.hint ? ` (hint: ${f.hint})` : '';
  return printable(`${where}${f.severity}[${f.code}]: ${f.message}${hint}`);
}

/**
 * A line as a terminal should get it: control characters a message quotes from a file (a NUL, an
 * escape sequence, a stray newline) written as `\x00`, so one finding stays one readable line.
 */
export function printable(line: string): string {
  return line.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
