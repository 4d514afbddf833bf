import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * DROP … → IF EXISTS; down recreates from the recorded definition.
 * Handles: DropStmt.
 */
export const drop: Rule = (stmt) => keepForReview(stmt, 'no rule yet for drop', 'no-rule');
