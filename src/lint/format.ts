import { EXIT } from '../errors.js';
import { printable } from '../findings.js';
import type { LintFinding, LintReport } from './types.js';

/** `file:line:col: severity[code]: message (hint: …)`, one per line, then a summary line. */
export function formatLintHuman(report: LintReport): string {
  const lines = report.findings.map((f) => printable(`${f.file}:${f.line}:${f.column}: ${f.severity}[${f.code}]: ${f.message} (hint: ${f.hint})`));
  const count = (s: LintFinding['severity']): number => report.findings.filter((f) => f.severity === s).length;
  const files = `${report.files.length} file${report.files.length === 1 ? '' : 's'}`;
  lines.push(report.findings.length ? `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s) in ${files}` : `no findings in ${files}`);
  return `${lines.join('\n')}\n`;
}

/** `{"findings": [...]}` with a fixed key order, so the same input gives the same bytes. */
export function formatLintJson(report: LintReport): string {
  const findings = report.findings.map(({ code, severity, file, line, column, message, hint }) => ({ code, severity, file, line, column, message, hint }));
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}

/** 0 clean; 1 when there is an error, or more warnings than `maxWarnings` allows (default 0). */
export function lintExitCode(report: LintReport, maxWarnings = 0): number {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  return errors > 0 || warnings > maxWarnings ? EXIT.findings : EXIT.ok;
}
