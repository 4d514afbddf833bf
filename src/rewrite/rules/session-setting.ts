import { keep } from './keep.js';
import type { Rule } from '../types.js';

/**
 * SET / RESET / `SELECT set_config(…)`: re-runnable as written. Its downgrade is nothing of its
 * own: convert saves the settings a revision changes and restores them at its end, and runs
 * each derived down step under the settings its up statement ran under.
 * Handles: VariableSetStmt, and SelectStmt calling only set_config (via data-change).
 */
export const sessionSetting: Rule = (stmt) => keep(stmt, 'session setting: restored at the end of the revision');
