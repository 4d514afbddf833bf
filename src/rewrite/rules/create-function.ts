import type { CreateFunctionStmt } from '@pgsql/types';
import type { Finding } from '../../findings.js';
import { parseSql } from '../../sql/parser.js';
import { quoteLiteral } from '../../sql/quote.js';
import { fromNameList, functionIdentity, functionParams, inputTypes, typeSql } from '../names.js';
import type { Rule } from '../types.js';
import { orReplace, type KeyIn } from './or-replace.js';

/**
 * CREATE FUNCTION / PROCEDURE → OR REPLACE; down restores the earlier body or drops.
 * Handles: CreateFunctionStmt.
 *
 * OR REPLACE cannot change a function's result type, OUT parameters or input parameter
 * names: when an earlier file defined the same function differently, the new definition
 * (and the downgrade restoring the old one) drops and recreates it, with a warning.
 */
export const createFunction: Rule = (stmt, ctx) => {
  const fn = (stmt.node as { CreateFunctionStmt: CreateFunctionStmt }).CreateFunctionStmt;
  const kind = fn.is_procedure ? 'PROCEDURE' : 'FUNCTION';
  const { sql: signature, key } = functionIdentity(fromNameList(fn.funcname), inputTypes(fn));
  return orReplace(stmt, ctx, {
    kind: 'function',
    key,
    replace: fn.replace,
    dropSql: `DROP ${kind} IF EXISTS ${signature}`,
    change: (earlier) => {
      const earlierFn = parseFunction(earlier);
      const incompatible = earlierFn !== undefined && resultShape(earlierFn) !== resultShape(fn);
      const message = `${kind.toLowerCase()} ${signature} changes its result type or parameter names, which OR REPLACE cannot do; it is dropped and recreated (objects depending on it block the drop)`;
      const findings: Finding[] = incompatible ? [{ code: 'function-recreated', severity: 'warning', message, location: stmt.location }] : [];
      return { recreateUp: incompatible, recreateDown: incompatible, how: 'dropped and recreated (result changed)', findings };
    },
    keyIn: functionKey,
    existsSql: `SELECT 1 WHERE to_regprocedure(${quoteLiteral(signature)}) IS NOT NULL`,
  });
};

const functionKey: KeyIn = (node) => ('CreateFunctionStmt' in node ? functionIdentity(fromNameList(node.CreateFunctionStmt.funcname), inputTypes(node.CreateFunctionStmt)).key : undefined);

function parseFunction(sql: string): CreateFunctionStmt | undefined {
  return (parseSql(sql).stmts?.[0]?.stmt as { CreateFunctionStmt?: CreateFunctionStmt } | undefined)?.CreateFunctionStmt;
}


/** What OR REPLACE must keep: the result type, OUT/TABLE parameters and every parameter name. */
function resultShape(fn: CreateFunctionStmt): string {
  const returns = fn.returnType ? `${fn.returnType.setof ? 'SETOF ' : ''}${typeSql(fn.returnType)}` : '';
  const parameters = functionParams(fn).map((p) => {
    const isInput = p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE';
    return isInput ? `in ${p.name ?? ''}` : `out ${p.name ?? ''} ${typeSql(p.argType)}`;
  });
  return `${returns}|${parameters.join(',')}`;
}
