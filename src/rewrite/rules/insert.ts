import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * INSERT of seed rows → ON CONFLICT DO NOTHING, or WHERE NOT EXISTS.
 * Handles: InsertStmt.
 */
export const insert: Rule = (stmt) => keepForReview(stmt, 'no rule yet for insert', 'no-rule');
