import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE EXTENSION → IF NOT EXISTS.
 * Handles: CreateExtensionStmt.
 */
export const createExtension: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-extension', 'no-rule');
