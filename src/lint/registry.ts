import { concurrentlyInTransaction } from './rules/concurrently-in-transaction.js';
import { destructive } from './rules/destructive.js';
import { missingDowngrade } from './rules/missing-downgrade.js';
import { notIdempotent } from './rules/not-idempotent.js';
import { protectedSchemaWrite } from './rules/protected-schema-write.js';
import type { LintRule } from './types.js';

/** Every lint rule; a rule's file name in rules/ is its finding code. */
export const LINT_RULES: LintRule[] = [protectedSchemaWrite, notIdempotent, destructive, concurrentlyInTransaction, missingDowngrade];

/** Findings lint reports beside its rules: while reading files, and notes on name resolution. */
export const OTHER_FINDINGS: Array<Pick<LintRule, 'code' | 'description'>> = [
  { code: 'dynamic-sql', description: 'SQL passed to op.execute is built at run time (f-string, format, a non-literal variable), so lint cannot check it.' },
  { code: 'parse-error', description: 'SQL that Postgres cannot parse.' },
  { code: 'unqualified-name', description: 'Without --db, an unqualified name was resolved with the default search_path; the database may resolve it to a protected schema.' },
  { code: 'python-syntax', description: 'A revision file lint cannot read as Python.' },
];
