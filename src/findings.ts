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
  return `${where}${f.severity}[${f.code}]: ${f.message}${hint}`;
}
