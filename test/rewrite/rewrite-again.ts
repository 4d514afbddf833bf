/** Shared by the rule tests of create-function … alter-enum: the rewrite of a rewrite. */
import { expect } from 'vitest';
import { rewriteScript, type ScriptRewrite } from '../helpers/rewrite.js';

/**
 * Rewrites `sql` once, then its own output again, and expects the second pass to change
 * nothing and to find every statement re-runnable as written.
 */
export async function rewriteTwice(sql: string, pgVersion = 14): Promise<ScriptRewrite> {
  const first = await rewriteScript(sql, pgVersion);
  const second = await rewriteScript(first.up.map((s) => `${s};\n`).join(''), pgVersion);
  expect(second.up).toEqual(first.up);
  expect(second.rewrites.map((r) => r.fate)).toEqual(second.rewrites.map(() => 'kept'));
  return first;
}
