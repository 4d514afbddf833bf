import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * COMMENT ON kept (re-runnable); down restores the earlier comment.
 * Handles: CommentStmt.
 */
export const comment: Rule = (stmt) => keepForReview(stmt, 'no rule yet for comment', 'no-rule');
