/** Builds lint units from text and runs one rule on them, for the rule tests. */
import { Protection } from '../../src/lint/protection.js';
import { readAlembicUnit } from '../../src/lint/read-alembic.js';
import { readSqlUnit } from '../../src/lint/read-sql.js';
import { DEFAULT_CATALOG, type Catalog } from '../../src/lint/resolve.js';
import { notIdempotent } from '../../src/lint/rules/not-idempotent.js';
import type { LintContext, LintFinding, LintRule, LintUnit } from '../../src/lint/types.js';

export interface Setup {
  schemas?: string[];
  tables?: string[];
  catalog?: Catalog;
  pgVersion?: number;
}

export function context(setup: Setup = {}): LintContext {
  return { protection: new Protection(setup.schemas, setup.tables), catalog: setup.catalog ?? DEFAULT_CATALOG, pgVersion: setup.pgVersion ?? 12 };
}

export const sqlUnit = (sql: string, file = 'm.sql'): LintUnit => readSqlUnit(file, sql);

/** An Alembic revision whose upgrade() (and downgrade(), when given) hold these indented lines. */
export function revision(upgrade: string[], downgrade: string[] = ['op.drop_table("x")']): LintUnit {
  const body = (lines: string[]): string => lines.map((l) => `    ${l}`).join('\n');
  const py = `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n${body(upgrade)}\n\n\ndef downgrade():\n${body(downgrade)}\n`;
  return readAlembicUnit('r.py', py);
}

export function run(rule: LintRule, unit: LintUnit, setup: Setup = {}): LintFinding[] {
  return rule.check(unit, context(setup));
}

/** `line:col code` of each finding: compact to compare. */
export const at = (findings: LintFinding[]): string[] => findings.map((f) => `${f.line}:${f.column} ${f.code}`);

/** `line op.name` of each not-idempotent finding. */
export const notIdempotentAt = (unit: LintUnit): string[] => run(notIdempotent, unit).map((f) => `${f.line} ${f.message.split(' ')[0]}`);
