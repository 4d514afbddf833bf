import { SourceText } from '../source.js';
import { splitSql } from '../sql/split.js';
import type { LintUnit, Phase } from './types.js';

/** Lines that start a down section: dbmate `-- migrate:down`, goose `-- +goose Down`. */
const DOWN_MARKER = /^\s*--\s*(?:migrate:down|\+goose\s+down)\b/im;
/** The file's tool runs it outside a transaction: dbmate `transaction:false`, goose `NO TRANSACTION`. */
const NO_TRANSACTION = /^\s*--.*(?:\btransaction:false\b|\+goose\s+no\s+transaction\b)/im;

/**
 * Reads one .sql migration. Statements after a down marker, and every statement of a
 * `*.down.sql` file, are the downgrade; the rest is the upgrade. Requires ensureParser().
 */
export function readSqlUnit(file: string, text: string): LintUnit {
  const source = new SourceText(file, text);
  const down = DOWN_MARKER.exec(text)?.index ?? Infinity;
  const wholeFileDown = /\.down\.sql$/i.test(file);
  const phaseAt = (offset: number): Phase => (wholeFileDown || offset >= down ? 'downgrade' : 'upgrade');
  return {
    file,
    kind: 'sql',
    actions: splitSql(source).flatMap((item) => (item.kind === 'statement' ? [{ kind: 'sql' as const, stmt: item, phase: phaseAt(item.start), autocommit: false }] : [])),
    noTransaction: NO_TRANSACTION.test(text),
    findings: [],
  };
}
