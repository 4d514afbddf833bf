import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE INDEX → IF NOT EXISTS (unnamed indexes get Postgres's own name); CONCURRENTLY runs outside a transaction.
 * Handles: IndexStmt.
 */
export const createIndex: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-index', 'no-rule');
