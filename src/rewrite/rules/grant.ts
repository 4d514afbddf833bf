import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * GRANT / REVOKE kept (re-runnable).
 * Handles: GrantStmt, GrantRoleStmt, AlterDefaultPrivilegesStmt.
 */
export const grant: Rule = (stmt) => keepForReview(stmt, 'no rule yet for grant', 'no-rule');
