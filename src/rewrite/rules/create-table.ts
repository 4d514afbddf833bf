import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE TABLE → IF NOT EXISTS; down DROP TABLE IF EXISTS.
 * Handles: CreateStmt.
 */
export const createTable: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-table', 'no-rule');
