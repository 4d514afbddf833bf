/**
 * Quoting round-trips through Postgres's own parser: for any identifier or string (arbitrary
 * Unicode, quotes, backslashes, keywords), what quoteIdent / quoteLiteral write parses back
 * to exactly that value.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser, parseSql } from '../../src/sql/parser.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../../src/sql/quote.js';

beforeAll(ensureParser);

/** Valid text: no NUL (Postgres rejects it in names and strings), no lone surrogate (not UTF-8). */
const valid = (s: string) => !s.includes('\0') && Buffer.from(s, 'utf8').toString('utf8') === s;
const text = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.string({ unit: fc.constantFrom('a', 'Z', '_', '$', '"', "'", '\\', ';', ' ', '.', '1', 'é'), maxLength: 12 }),
    fc.constantFrom('select', 'user', 'order', 'table', 'value', 'type', 'left', 'abs', 'NULL', 'a$b', '_x9'),
  )
  .filter(valid);
/** Postgres truncates names to 63 bytes, so only those round-trip. */
const name = text.filter((s) => s.length > 0 && Buffer.byteLength(s, 'utf8') <= 63);

const column = (stmt: ReturnType<typeof parseSql>) =>
  (stmt.stmts?.[0]?.stmt as { CreateStmt: { tableElts: Array<{ ColumnDef: { colname: string } }> } }).CreateStmt.tableElts[0]!.ColumnDef.colname;

describe('quoting', () => {
  it('quoteIdent(x) parses back to the identifier x', () => {
    fc.assert(
      fc.property(name, (x) => {
        expect(column(parseSql(`CREATE TABLE t (${quoteIdent(x)} int)`))).toBe(x);
      }),
      { numRuns: 500 },
    );
  });

  it('quoteQualified(schema, name) parses back to both parts', () => {
    fc.assert(
      fc.property(name, name, (s, n) => {
        const rel = (parseSql(`CREATE TABLE ${quoteQualified(s, n)} ()`).stmts?.[0]?.stmt as { CreateStmt: { relation: { schemaname: string; relname: string } } }).CreateStmt.relation;
        expect([rel.schemaname, rel.relname]).toEqual([s, n]);
      }),
      { numRuns: 200 },
    );
  });

  it('quoteLiteral(x) parses back to the string x', () => {
    fc.assert(
      fc.property(text, (x) => {
        const target = (parseSql(`SELECT ${quoteLiteral(x)}`).stmts?.[0]?.stmt as { SelectStmt: { targetList: Array<{ ResTarget: { val: { A_Const: { sval?: { sval?: string } } } } }> } })
          .SelectStmt.targetList[0]!.ResTarget.val.A_Const;
        expect(target.sval?.sval ?? '').toBe(x);
      }),
      { numRuns: 500 },
    );
  });
});
