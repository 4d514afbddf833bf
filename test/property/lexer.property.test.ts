/**
 * pgmend's lexer against libpg-query's scanner (Postgres's own): on generated SQL full of
 * strings, escapes, comments, dollar quotes, numbers, operators and Unicode, and on every .sql
 * file of the samples and test corpora, the lexer either steps aside (undefined) or gives the
 * scanner's token boundaries, comment tokens and keyword flags exactly. It must step aside
 * wherever the scanner reports an error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMENT, lexSql } from '../../src/sql/lexer.js';
import { ensureParser, scanSql } from '../../src/sql/parser.js';
import { codeTokens, insertWordsAfter, tokenize } from '../../src/sql/tokens.js';
import { byteToCharMapper } from '../../src/source.js';

beforeAll(ensureParser);

interface Seen {
  start: number;
  end: number;
  comment: boolean;
  keyword: boolean;
}

/** The scanner's tokens, or the error it reports. */
function scanner(text: string): Seen[] | Error {
  try {
    const toChar = byteToCharMapper(text);
    return scanSql(text).map((t) => ({
      start: toChar(t.start),
      end: toChar(t.end),
      comment: t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT',
      keyword: t.keywordKind > 0,
    }));
  } catch (e) {
    return e as Error;
  }
}

/** The lexer's tokens (keyword flags as tokenize() gives them), or undefined where it steps aside. */
function lexer(text: string): Seen[] | undefined {
  const lexed = lexSql(text);
  if (!lexed) return undefined;
  const keywords = tokenize(text).map((t) => t.keyword !== '');
  return Array.from({ length: lexed.count }, (_, i) => ({
    start: lexed.data[3 * i]!,
    end: lexed.data[3 * i + 1]!,
    comment: lexed.data[3 * i + 2] === COMMENT,
    keyword: keywords[i]!,
  }));
}

/** Checks one text; returns whether the lexer answered (it may step aside). */
function agrees(text: string): boolean {
  const ours = lexer(text);
  const theirs = scanner(text);
  if (theirs instanceof Error) {
    // libpg-query writes some control characters into its JSON unescaped: no reference then.
    if (/Bad control character/.test(theirs.message)) return false;
    expect(ours, `scanner error ${theirs.message} on ${JSON.stringify(text)}`).toBeUndefined();
    return false;
  }
  if (ours) expect(ours, JSON.stringify(text)).toEqual(theirs);
  return ours !== undefined;
}

const letters = fc.constantFrom('a', 'b', 'e', 'n', 'u', 'x', 'E', 'N', 'U', 'X', 'B', 'z', '_', 'é', 'ß', '日', 'Ω');
const word = fc.oneof(
  fc.constantFrom('select', 'FROM', 'Table', 'create', 'if', 'not', 'exists', 'nchar', 'atomic', 'current_timestamp', 'int', 'national', 'uescape', 'json_table', 'xmlnamespaces', 'abc', 'my_table'),
  fc.tuple(letters, fc.string({ unit: fc.constantFrom('a', 'Z', '1', '_', '$', 'é', '9'), maxLength: 5 })).map(([a, b]) => a + b),
);
const body = fc.string({ unit: fc.constantFrom('a', ' ', "'", "''", '"', '\\', '$', '-', '*', '/', '\n', 'é', '😀', ';', 'u', 'x', '0', '7', '{'), maxLength: 8 });
const number = fc.oneof(
  fc.constantFrom('1', '0', '42', '1.5', '.5', '1.', '1e10', '1.5e-3', '2E+7', '1..2', '0x1F', '0X_ff', '0o17', '0b101', '1_000', '1_000.000_1', '0x', '1_', '1__0', '1e', '1.x', '0b2'),
  fc.integer({ min: 0, max: 99999 }).map(String),
);
const stringLiteral = fc.oneof(
  body.map((b) => `'${b.replaceAll("'", "''")}'`),
  body.map((b) => `E'${b.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`),
  body.map((b) => `e'${b}'`), // raw: escapes and quotes as they fall
  body.map((b) => `U&'${b.replaceAll("'", "''")}'`),
  fc.string({ unit: fc.constantFrom('0', '1', 'F', 'a', 'g', "''"), maxLength: 5 }).map((b) => `${'BbXx'[b.length % 4]}'${b}'`),
  body.map((b) => `N'${b.replaceAll("'", "''")}'`),
  fc.tuple(body, fc.constantFrom('\n', ' \n ', '\r\n\t', ' -- c\n', '\n\n', ' '), body).map(([a, gap, b]) => `'${a.replaceAll("'", "''")}'${gap}'${b.replaceAll("'", "''")}'`),
  fc.constantFrom(`E'\\x41'`, `E'\\u00e9'`, `E'\\101'`, `E'\\xff'`, `E'\\ud800'`, `E'a\\`, `'open`),
);
const quotedIdent = fc.oneof(
  body.map((b) => `"${b.replaceAll('"', '""')}"`),
  body.map((b) => `U&"${b.replaceAll('"', '""')}"`),
  fc.constantFrom('""', 'U&""', '"open'),
);
const dollar = fc.oneof(
  fc.tuple(fc.constantFrom('', 'x', 'body', 'a_1', 'é', 'T'), body).map(([tag, b]) => `$${tag}$${b}$${tag}$`),
  fc.constantFrom('$1', '$12', '$', '$a', '$$', '$1a', '$_$x$_$', '$a$ $b$ $a$', '$a$unterminated'),
);
const comment = fc.oneof(
  body.map((b) => `-- ${b.replaceAll('\n', ' ')}\n`),
  body.filter((b) => !b.includes('*/') && !b.includes('/*')).map((b) => `/* ${b} */`),
  fc.constantFrom('/* a /* b */ c */', '/*/**/*/', '/* open', '--', '/**/'),
);
const operator = fc.oneof(
  fc.string({ unit: fc.constantFrom('+', '-', '*', '/', '<', '>', '=', '~', '!', '@', '#', '%', '^', '&', '|', '`', '?'), minLength: 1, maxLength: 4 }),
  fc.constantFrom('::', ':=', '=>', '..', ':', ';', ',', '(', ')', '[', ']', '.', '{', '}', '\\', '&'),
);
const piece = fc.oneof(word, number, stringLiteral, quotedIdent, dollar, comment, operator);
const space = fc.constantFrom('', '', ' ', '\n', '\t', '\r\n', '  ');
const sqlText = fc.array(fc.tuple(piece, space), { minLength: 1, maxLength: 12 }).map((parts) => parts.map(([p, s]) => p + s).join(''));

describe('lexer property', () => {
  it('gives the scanner token boundaries, comments and keywords, or steps aside', () => {
    let answered = 0;
    fc.assert(
      fc.property(sqlText, (text) => {
        if (agrees(text)) answered++;
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(0);
  });
});

describe('tokens of edited text', () => {
  it('insertWordsAfter knows the tokens lexing the new text gives', () => {
    fc.assert(
      fc.property(sqlText, fc.nat(), fc.constantFrom('IF NOT EXISTS', 'IF EXISTS', 'or replace'), (text, pick, words) => {
        fc.pre(lexSql(text) !== undefined);
        const tokens = codeTokens(text);
        const keywords = tokens.flatMap((t, i) => (t.keyword ? [i] : []));
        fc.pre(keywords.length > 0);
        const out = insertWordsAfter(text, tokens, keywords[pick % keywords.length]!, words);
        const fresh = tokenize(out).filter((t) => !t.isComment);
        expect(codeTokens(out)).toEqual(fresh);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('lexer on the corpora', () => {
  const root = path.resolve(__dirname, '../..');
  const files = [...sqlFiles(path.join(root, 'samples')), ...sqlFiles(path.join(root, 'test'))];

  it('agrees with the scanner on every .sql file of samples/ and test/', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) agrees(readFileSync(f, 'utf8'));
  });
});

function sqlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sqlFiles(full);
    return name.endsWith('.sql') ? [full] : [];
  });
}
