import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { dropStep, inner, rewrite } from '../edits.js';
import { guardedDo, notExists } from '../guards.js';
import { typeSql } from '../names.js';
import type { Rule } from '../types.js';

/**
 * Objects Postgres has no IF NOT EXISTS for, named once per database: a guard on their catalog;
 * down DROP … IF EXISTS.
 * Handles: CreateEventTrigStmt (pg_event_trigger), CreatePublicationStmt (pg_publication),
 * CreateCastStmt (pg_cast).
 */
export const createEventTrigger: Rule = (stmt) => {
  const name = inner(stmt, 'CreateEventTrigStmt').trigname ?? '';
  const exists = `SELECT 1 FROM pg_catalog.pg_event_trigger WHERE evtname = ${quoteLiteral(name)}`;
  return rewrite(guardedDo(notExists(exists), stmt.text), [dropStep(`DROP EVENT TRIGGER IF EXISTS ${quoteIdent(name)}`)], 'guarded on pg_event_trigger');
};

export const createPublication: Rule = (stmt) => {
  const name = inner(stmt, 'CreatePublicationStmt').pubname ?? '';
  const exists = `SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = ${quoteLiteral(name)}`;
  return rewrite(guardedDo(notExists(exists), stmt.text), [dropStep(`DROP PUBLICATION IF EXISTS ${quoteIdent(name)}`)], 'guarded on pg_publication');
};

export const createCast: Rule = (stmt) => {
  const node = inner(stmt, 'CreateCastStmt');
  const source = typeSql(node.sourcetype);
  const target = typeSql(node.targettype);
  // to_regtype: a guard naming a type that does not exist yet must not fail itself.
  const exists = `SELECT 1 FROM pg_catalog.pg_cast WHERE castsource = to_regtype(${quoteLiteral(source)}) AND casttarget = to_regtype(${quoteLiteral(target)})`;
  return rewrite(guardedDo(notExists(exists), stmt.text), [dropStep(`DROP CAST IF EXISTS (${source} AS ${target})`)], 'guarded on pg_cast');
};
