import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE TRIGGER → pg_trigger guard, or OR REPLACE on Postgres ≥ 14 (never for constraint triggers).
 * Handles: CreateTrigStmt.
 */
export const createTrigger: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-trigger', 'no-rule');
