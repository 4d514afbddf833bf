import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE FUNCTION / PROCEDURE → OR REPLACE; down restores the earlier body or drops.
 * Handles: CreateFunctionStmt.
 */
export const createFunction: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-function', 'no-rule');
