import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE POLICY → pg_policies guard.
 * Handles: CreatePolicyStmt.
 */
export const createPolicy: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-policy', 'no-rule');
