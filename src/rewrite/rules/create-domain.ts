import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE DOMAIN → pg_type guard.
 * Handles: CreateDomainStmt.
 */
export const createDomain: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-domain', 'no-rule');
