import type { CreateDomainStmt } from '@pgsql/types';
import { defKey, fromNameList } from '../names.js';
import type { Rule } from '../types.js';
import { guardedTypeCreate } from './create-type.js';

/**
 * CREATE DOMAIN → pg_type guard (a domain is a type); down DROP DOMAIN IF EXISTS.
 * Handles: CreateDomainStmt.
 */
export const createDomain: Rule = (stmt, ctx) => {
  const name = fromNameList((stmt.node as { CreateDomainStmt: CreateDomainStmt }).CreateDomainStmt.domainname);
  ctx.defs.set('domain', defKey(name), stmt.text);
  return guardedTypeCreate(stmt, ctx, name, 'DOMAIN');
};
