/**
 * Rewrites a SQL script statement by statement, the way convert does for one migration, and
 * runs the result on a real database. Shared by the rule tests.
 */
import type pg from 'pg';
import { Definitions, rewriteStatement, type Rewrite } from '../../src/rewrite/index.js';
import { ensureParser } from '../../src/sql/parser.js';
import { splitSql, type SqlStatement } from '../../src/sql/split.js';
import { SourceText } from '../../src/source.js';

export interface ScriptRewrite {
  rewrites: Rewrite[];
  /** Up SQL of every statement, in order. */
  up: string[];
  /** Down SQL: each statement's down steps, statements in reverse order ('fail'/'note' left out). */
  down: string[];
}

export async function rewriteScript(sql: string, pgVersion = 14, defs = new Definitions()): Promise<ScriptRewrite> {
  await ensureParser();
  const stmts = splitSql(new SourceText('test.sql', sql)).filter((i): i is SqlStatement => i.kind === 'statement');
  const rewrites = stmts.map((s, index) => rewriteStatement(s, { pgVersion, defs, migration: { statements: stmts, index } }));
  return {
    rewrites,
    up: rewrites.flatMap((r) => r.up.map((s) => s.sql)),
    down: [...rewrites].reverse().flatMap((r) => r.down.flatMap((s) => (s.kind === 'sql' ? [s.sql] : []))),
  };
}

/** Runs statements one by one (each in its own implicit transaction), naming the failing one. */
export async function runAll(client: pg.Client, statements: string[]): Promise<void> {
  for (const sql of statements) {
    try {
      await client.query(sql);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- while running:\n${sql}`);
    }
  }
}
