import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * ALTER TYPE … ADD VALUE → IF NOT EXISTS (outside a transaction below Postgres 12).
 * Handles: AlterEnumStmt.
 */
export const alterEnum: Rule = (stmt) => keepForReview(stmt, 'no rule yet for alter-enum', 'no-rule');
