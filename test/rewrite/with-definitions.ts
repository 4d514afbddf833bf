/** Shared by the rule tests of create-table … data-change: rewrites after earlier statements. */
import { expect } from 'vitest';
import { Definitions } from '../../src/rewrite/index.js';
import { rewriteScript, type ScriptRewrite } from '../helpers/rewrite.js';

/**
 * Rewrites `earlier` (it only records definitions), then `sql`; then does the same with the
 * rewritten output of `sql` and expects it to come back unchanged.
 */
export async function rewriteAfter(earlier: string, sql: string, pgVersion = 14): Promise<ScriptRewrite & { defs: Definitions }> {
  const defs = new Definitions();
  if (earlier) await rewriteScript(earlier, pgVersion, defs);
  const first = await rewriteScript(sql, pgVersion, defs);
  const again = new Definitions();
  if (earlier) await rewriteScript(earlier, pgVersion, again);
  const second = await rewriteScript(first.up.map((s) => `${s};\n`).join(''), pgVersion, again);
  expect(second.up).toEqual(first.up);
  return { ...first, defs };
}
