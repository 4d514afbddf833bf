import { withArgs } from '../created-later.js';
import { inner } from '../edits.js';
import { defKey, functionIdentity } from '../names.js';
import { reRunnable } from './re-runnable.js';
import type { Rule } from '../types.js';

/**
 * ALTER FUNCTION … SECURITY DEFINER / IMMUTABLE / COST / SET …: re-runnable as written. The
 * downgrade puts back the definition an earlier file recorded (CREATE OR REPLACE resets every
 * attribute to what it says); without one, the attributes are left as they are (a note).
 * Handles: AlterFunctionStmt.
 */
export const alterFunction: Rule = (stmt, ctx) => {
  const kept = reRunnable(stmt, ctx);
  const fn = inner(stmt, 'AlterFunctionStmt').func;
  if (!fn) return kept;
  const target = withArgs(fn);
  // `ALTER FUNCTION f` without arguments names the only function called f.
  const overloads = ctx.defs.names('function', `${defKey(target.name)}(`);
  const key = fn.args_unspecified ? (overloads.length === 1 ? overloads[0] : undefined) : functionIdentity(target.name, (fn.objargs ?? []).map((a) => ('TypeName' in a ? a.TypeName : undefined))).key;
  const definition = key === undefined ? undefined : ctx.defs.get('function', key);
  return definition ? { ...kept, down: [{ kind: 'sql', sql: definition }] } : kept;
};
