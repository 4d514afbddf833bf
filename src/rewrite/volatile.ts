/**
 * Functions that answer differently on each call (random ids, the clock, sequences): a value
 * built from one is not the same when a statement runs again. Functions not named here are
 * taken to give the same answer for the same arguments.
 */
import type { Node } from '../sql/parser.js';

const VOLATILE = new Set(['gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'uuidv4', 'uuidv7', 'random', 'gen_random_bytes', 'nextval', 'now', 'clock_timestamp', 'statement_timestamp', 'transaction_timestamp', 'timeofday', 'txid_current', 'pg_current_xact_id']);

/** Whether `node` (an expression, or any part of a parse tree) calls one of them, or reads the clock. */
export function callsVolatile(node: unknown): boolean {
  let found = false;
  const walk = (v: unknown): void => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    const svf = o.SQLValueFunction as { op?: string } | undefined;
    if (svf && /^SVFOP_(CURRENT_DATE|CURRENT_TIME|LOCALTIME)/.test(svf.op ?? '')) found = true; // the clock, not CURRENT_USER
    if ('NextValueExpr' in o) found = true;
    const call = o.FuncCall as { funcname?: Node[] } | undefined;
    const name = call?.funcname?.at(-1);
    if (name && 'String' in name && VOLATILE.has(name.String.sval?.toLowerCase() ?? '')) found = true;
    for (const k in o) walk(o[k]);
  };
  walk(node);
  return found;
}
