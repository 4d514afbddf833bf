/**
 * Splitting: scripts generated with `;` inside string literals, E'' strings, dollar quotes,
 * block and line comments and quoted identifiers split into exactly the generated statements.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../src/sql/parser.js';
import { quoteIdent, quoteLiteral } from '../../src/sql/quote.js';
import { splitSql, type SqlStatement } from '../../src/sql/split.js';
import { SourceText } from '../../src/source.js';

beforeAll(ensureParser);

const tricky = fc.string({ unit: fc.constantFrom('a', ';', ' ', "'", '"', '$', '-', '*', '/', '\n', 'é', '\\'), maxLength: 10 });
/** A dollar-quoted string whose tag does not occur in its body. */
const dollar = fc.tuple(fc.constantFrom('', 'x', 'body', 'a_1'), tricky).map(([tag, body]) => {
  let t = tag;
  while (`${body}$`.includes(`$${t}$`)) t += 'q';
  return `$${t}$${body}$${t}$`;
});
const escaped = tricky.map((s) => `E'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`);
/** One value expression that holds a `;` somewhere Postgres does not end a statement. */
const value = fc.oneof(
  tricky.map(quoteLiteral),
  escaped,
  dollar,
  fc.constantFrom('1', '2.5', 'NULL', `';'`, 'ARRAY[1, 2]', '(1 + 2)'),
);
/** Whitespace or a comment between two tokens inside a statement. */
const gap = fc.oneof(
  fc.constantFrom(' ', '\n', '\t '),
  tricky.filter((s) => !s.includes('*/') && !s.includes('/*')).map((s) => ` /* ${s} */ `),
  tricky.map((s) => ` -- ${s.replaceAll('\n', ' ')}\n`),
);
const item = fc.tuple(value, gap, fc.option(tricky.filter((s) => s.length > 0), { nil: undefined })).map(([v, g, alias]) => `${v}${g}AS ${quoteIdent(alias ?? 'c')}`);
const statement = fc.array(fc.tuple(item, gap), { minLength: 1, maxLength: 4 }).map((items) => `SELECT ${items.map(([i, g], k) => (k ? `,${g}${i}` : i)).join('')}`);
/** What may stand between statements: the `;`, then whitespace, comments or empty statements. */
const separator = fc.tuple(gap, fc.constantFrom(';', '; ;', ';;')).map(([g, semi]) => `${semi}${g}`);

describe('splitSql property', () => {
  it('splits generated scripts into exactly the generated statements', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(statement, separator), { minLength: 1, maxLength: 5 }), fc.constantFrom('', '\n', '-- head ;\n', '/* ; */'), (parts, head) => {
        const script = head + parts.map(([s, sep]) => s + sep).join('');
        const items = splitSql(new SourceText('p.sql', script));
        const stmts = items.filter((i): i is SqlStatement => i.kind === 'statement');
        expect(stmts.map((s) => s.text)).toEqual(parts.map(([s]) => s));
        expect(stmts.every((s) => s.nodeType === 'SelectStmt' && !s.error)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
