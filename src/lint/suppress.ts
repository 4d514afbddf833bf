import type { LintFinding } from './types.js';

/** `# pgmend-lint: ignore` / `-- pgmend-lint: ignore[destructive, not-idempotent]`. */
const MARKER = /pgmend-lint:\s*ignore(?:\[([\w\s,-]*)\])?/;

/**
 * Drops the findings a marker comment accepts: at the end of the finding's line, or on a
 * comment line of its own just above it, for the codes it lists (all codes when it lists none). The escape hatch for a change that
 * is deliberate, e.g. a one-time fix in a protected schema agreed with its owners.
 */
export function withoutSuppressed(findings: LintFinding[], text: string): LintFinding[] {
  if (!text.includes('pgmend-lint:')) return findings;
  const lines = text.split('\n');
  const accepts = (line: number, code: string, alone: boolean): boolean => {
    const text = lines[line - 1] ?? '';
    const m = MARKER.exec(text);
    if (!m || (alone && !/^\s*(#|--)/.test(text))) return false;
    return m[1] === undefined || m[1].split(',').some((c) => c.trim() === code);
  };
  return findings.filter((f) => !accepts(f.line, f.code, false) && !accepts(f.line - 1, f.code, true));
}
