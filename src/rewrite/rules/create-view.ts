import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE VIEW → OR REPLACE (drop and recreate only what this revision created).
 * Handles: ViewStmt.
 */
export const createView: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-view', 'no-rule');
