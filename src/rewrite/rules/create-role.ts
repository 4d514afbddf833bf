import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE ROLE / USER / GROUP → pg_roles guard.
 * Handles: CreateRoleStmt.
 */
export const createRole: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-role', 'no-rule');
