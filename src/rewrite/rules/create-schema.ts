import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE SCHEMA → IF NOT EXISTS.
 * Handles: CreateSchemaStmt.
 */
export const createSchema: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-schema', 'no-rule');
