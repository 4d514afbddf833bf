/** `chain check`: read the folder, build the graph, diagnose; optionally compare with the database. */
import { printable } from '../findings.js';
import { chainContext } from './context.js';
import { checkDatabase, type DatabaseOptions, type DatabaseState } from './db/check.js';
import { diagnose, sortProblems } from './diagnose/index.js';
import { readVersionsFolder } from './read/folder.js';
import type { ChainContext, ChainProblem, CheckOptions } from './types.js';

export interface ChainCheckOptions extends CheckOptions {
  db?: DatabaseOptions;
}

export interface ChainReport {
  revisions: number;
  heads: string[];
  bases: string[];
  problems: ChainProblem[];
  /** Present with --db: what the version table holds and what that means. */
  database?: DatabaseState;
  context: ChainContext;
}

export async function checkChain(path: string, options: ChainCheckOptions = {}): Promise<ChainReport> {
  const ctx = chainContext(readVersionsFolder(path, { recursive: options.recursive }), options);
  const problems = diagnose(ctx);
  let database: DatabaseState | undefined;
  if (options.db) {
    database = await checkDatabase(ctx, options.db);
    problems.push(...database.problems);
    sortProblems(problems);
  }
  return { revisions: ctx.graph.count, heads: ctx.graph.heads, bases: ctx.graph.bases, problems, database, context: ctx };
}

export function chainHasErrors(problems: ChainProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

const PROBLEM_KEYS = ['code', 'severity', 'file', 'line', 'message', 'hint', 'revision', 'reference', 'suggestion', 'confidence', 'evidence', 'revisions'] as const;

/** The `--json` document: fixed key order, sorted lists. */
export function chainReportJson(r: ChainReport): string {
  const problems = r.problems.map((p) => Object.fromEntries(PROBLEM_KEYS.filter((k) => p[k] !== undefined).map((k) => [k, p[k]])));
  const doc: Record<string, unknown> = { revisions: r.revisions, heads: r.heads, bases: r.bases, problems };
  if (r.database) {
    const { table, stored, applied, pending } = r.database;
    doc.database = { table, stored, applied, pending };
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Human output: `file:line: severity[code]: message (hint: …)`, then a summary line. */
export function chainReportText(r: ChainReport): string {
  const lines = r.problems.map((p) => {
    const inferred = p.confidence ? ` [${p.confidence} confidence: ${p.evidence?.join('; ')}]` : '';
    return printable(`${p.file}:${p.line}: ${p.severity}[${p.code}]: ${p.message} (hint: ${p.hint})${inferred}`);
  });
  const count = (s: string) => r.problems.filter((p) => p.severity === s).length;
  // With a revision or down_revision pgmend cannot read, the graph is partial: no heads to show.
  const ends = r.context.unreadable
    ? 'heads and bases not known (a value pgmend cannot read)'
    : `heads: ${r.heads.join(', ') || '(none)'}; bases: ${r.bases.join(', ') || '(none)'}`;
  lines.push(`${r.revisions} revisions; ${ends}; ${count('error')} errors, ${count('warning')} warnings`);
  if (r.database) {
    lines.push(`database ${r.database.table}: stored ${r.database.stored.join(', ') || '(empty)'}; ${r.database.applied.length} applied, ${r.database.pending.length} pending${r.database.pending.length ? ` (${r.database.pending.join(', ')})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
