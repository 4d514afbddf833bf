import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE SEQUENCE → IF NOT EXISTS.
 * Handles: CreateSeqStmt.
 */
export const createSequence: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-sequence', 'no-rule');
