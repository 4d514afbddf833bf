import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PgmendError } from '../errors.js';
import { ensureParser } from '../sql/parser.js';
import { Protection } from './protection.js';
import { readAlembicUnit } from './read-alembic.js';
import { readSqlUnit } from './read-sql.js';
import { LINT_RULES } from './registry.js';
import { DEFAULT_CATALOG, readCatalog } from './resolve.js';
import { findSources } from './sources.js';
import { withoutSuppressed } from './suppress.js';
import type { LintContext, LintFinding, LintReport, LintUnit } from './types.js';

// Public API of pgmend lint. Keep this the only entry other layers import.
export type { LintFinding, LintReport, LintRule, LintUnit } from './types.js';
export { LINT_RULES } from './registry.js';
export { formatLintHuman, formatLintJson, lintExitCode } from './format.js';
export { toSarif } from './sarif.js';

export interface LintOptions {
  /** Alembic projects or versions folders, .py revisions, .sql files or folders of them. */
  paths: string[];
  /** Schemas no migration may write to (`--protect-schema`). */
  protectSchemas?: string[];
  /** Tables no migration may write to, `schema.table` or `table` in any schema (`--protect-table`). */
  protectTables?: string[];
  /** A live database: its search_path and tables resolve unqualified names (`--db`). */
  db?: string;
  /** Target Postgres major version when there is no --db (default 12). */
  pgVersion?: number;
  /** Findings name files relative to this folder (default: the working directory). */
  cwd?: string;
}

/**
 * Lints migrations: writes to protected schemas, statements that fail when re-run,
 * destructive changes, CONCURRENTLY inside a transaction, missing downgrades.
 * Throws PgmendError for usage (bad paths or names) and db-error (--db unreachable).
 */
export async function lint(options: LintOptions): Promise<LintReport> {
  const protection = new Protection(options.protectSchemas, options.protectTables);
  const sources = await findSources(options.paths);
  const catalog = options.db ? await readCatalog(options.db) : DEFAULT_CATALOG;
  const ctx: LintContext = { protection, catalog, pgVersion: catalog.serverVersion ?? options.pgVersion ?? 12 };
  await ensureParser();
  const cwd = options.cwd ?? process.cwd();
  const findings: LintFinding[] = [];
  const files: string[] = [];
  for (const source of sources) {
    const file = path.relative(cwd, source.path).split(path.sep).join('/');
    files.push(file);
    const text = (await readSource(source.path, file)).replace(/^\uFEFF/, '');
    const unit = source.kind === 'alembic' ? readAlembicUnit(file, text) : readSqlUnit(file, text);
    const found = [...readingFindings(unit, protection.active), ...LINT_RULES.flatMap((rule) => rule.check(unit, ctx))];
    findings.push(...withoutSuppressed(found, text));
  }
  return { findings: sortedUnique(findings), files, searchPath: { schemas: catalog.searchPath, from: catalog.from } };
}

/** A file that cannot be read (a dangling link, no permission) is bad input, as for chain check. */
async function readSource(abs: string, shown: string): Promise<string> {
  try {
    return await readFile(abs, 'utf8');
  } catch (e) {
    throw new PgmendError('input-unreadable', `cannot read ${shown}: ${(e as Error).message}`);
  }
}

/** Problems met while reading: unparsable SQL, and SQL built at run time (a warning only when it could hide a protected write). */
function readingFindings(unit: LintUnit, protecting: boolean): LintFinding[] {
  const out = unit.findings.map((f) => (f.code === 'dynamic-sql' && !protecting ? { ...f, severity: 'info' as const } : f));
  for (const a of [...unit.actions, ...(unit.elsewhere ?? [])]) {
    if (a.kind !== 'sql' || !a.stmt.error) continue;
    const at = a.stmt.error.location;
    const message = `Postgres cannot parse this statement (${a.stmt.error.message}), so lint checked nothing in it`;
    out.push(
      a.dialectTested
        ? { code: 'parse-error', severity: 'info', file: at.file, line: at.line, column: at.column, message: `${message}; it runs only on another database`, hint: 'nothing to do if it runs only on that database; otherwise fix the SQL' }
        : { code: 'parse-error', severity: 'warning', file: at.file, line: at.line, column: at.column, message, hint: 'fix the SQL; it fails the same way when the migration runs' },
    );
  }
  return out;
}

/**
 * Sorted by place, each finding once: one SQL string executed twice (`ins = sa.text(…)`, then
 * `conn.execute(ins, …)` per row) is one statement to fix.
 */
function sortedUnique(findings: LintFinding[]): LintFinding[] {
  const key = (f: LintFinding): Array<string | number> => [f.file, f.line, f.column, f.code, f.message];
  const compare = (a: LintFinding, b: LintFinding): number => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  };
  return [...findings].sort(compare).filter((f, i, all) => i === 0 || compare(all[i - 1]!, f) !== 0);
}
