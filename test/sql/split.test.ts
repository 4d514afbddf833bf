import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../src/sql/parser.js';
import { splitSql, type SqlItem } from '../../src/sql/split.js';
import { SourceText } from '../../src/source.js';

beforeAll(ensureParser);

const split = (text: string): SqlItem[] => splitSql(new SourceText('m.sql', text));
const texts = (text: string) => split(text).map((i) => i.text);

describe('splitSql', () => {
  it('splits on top-level semicolons only', () => {
    const sql = `CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT ';', "a;b" FROM t; /* ; */ SELECT 2`;
    expect(texts(sql)).toEqual([
      'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql',
      `SELECT ';', "a;b" FROM t`,
      'SELECT 2',
    ]);
  });

  it('keeps BEGIN ATOMIC bodies whole', () => {
    const sql = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nSELECT 3;';
    expect(split(sql).map((i) => i.kind === 'statement' && i.nodeType)).toEqual(['CreateFunctionStmt', 'SelectStmt']);
  });

  it('reports line and column of each statement, counting non-ASCII text by character', () => {
    const items = split(`-- é commentaire\nSELECT 'ü';\n  SELECT 2;`);
    expect(items.map((i) => [i.location.line, i.location.column])).toEqual([
      [2, 1],
      [3, 3],
    ]);
    expect(items[1]!.text).toBe('SELECT 2');
  });

  it('lifts psql meta-commands out, in order', () => {
    const items = split(`\\set ON_ERROR_STOP on\nSELECT 1;\n\\i other.sql\nSELECT 2;`);
    expect(items.map((i) => (i.kind === 'meta' ? `\\${i.name} ${i.args}` : i.text))).toEqual([
      '\\set ON_ERROR_STOP on',
      'SELECT 1',
      '\\i other.sql',
      'SELECT 2',
    ]);
  });

  it('keeps a statement that does not parse, with its error location, and splits its neighbours', () => {
    const items = split('SELECT 1;\nCREATE TABEL x (a int);\nSELECT 2;');
    expect(items).toHaveLength(3);
    const bad = items[1]!;
    expect(bad.kind === 'statement' && bad.node).toBeUndefined();
    // At the word Postgres rejects: TABEL, column 8 of line 2.
    expect(bad.kind === 'statement' && bad.error?.location).toMatchObject({ line: 2, column: 8 });
    expect(items[2]!.kind === 'statement' && items[2]!.nodeType).toBe('SelectStmt');
    const trailing = split('CREATE TABLE t (id int,);')[0]!;
    expect(trailing.kind === 'statement' && trailing.error?.location).toMatchObject({ line: 1, column: 24 });
  });

  it('keeps the rest of a file after an unterminated dollar quote as one broken statement', () => {
    const items = split('SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1;');
    expect(items.map((i) => i.text)).toEqual(['SELECT 1', 'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1;']);
    expect(items[1]!.kind === 'statement' && items[1]!.error?.message).toMatch(/unterminated dollar-quoted string/);
  });

  it('keeps leading comments with the statement they describe', () => {
    const [stmt] = split('-- users of the app\nCREATE TABLE users (id int);');
    expect(stmt!.kind === 'statement' && stmt!.leadingComment).toBe('-- users of the app');
    // A comment after `;` on the previous statement's line is that statement's, not the next one's.
    const [, second, third] = split('SELECT 1; -- one\nSELECT 2; /* two */\n-- three\nSELECT 3;');
    expect(second!.kind === 'statement' && second!.leadingComment).toBeUndefined();
    expect(third!.kind === 'statement' && third!.leadingComment).toBe('-- three');
  });
});
