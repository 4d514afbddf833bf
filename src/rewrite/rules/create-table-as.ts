import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE TABLE AS / CREATE MATERIALIZED VIEW → IF NOT EXISTS.
 * Handles: CreateTableAsStmt.
 */
export const createTableAs: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-table-as', 'no-rule');
