import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE TYPE (enum, composite, range) → pg_type guard.
 * Handles: CreateEnumStmt, CompositeTypeStmt, CreateRangeStmt.
 */
export const createType: Rule = (stmt) => keepForReview(stmt, 'no rule yet for create-type', 'no-rule');
