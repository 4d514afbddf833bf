import { inner, warning } from '../edits.js';
import { fromRangeVar, sqlName } from '../names.js';
import { where } from './keep.js';
import type { DownStep, Rule } from '../types.js';

/**
 * ALTER SEQUENCE sets absolute values (INCREMENT, MINVALUE, OWNED BY, …): re-runnable as written.
 * RESTART is the exception: running it again after rows were inserted resets the counter under
 * them (duplicate keys), so it is kept for review. Down: OWNED BY → OWNED BY NONE; the other
 * options are left as they are, with a note (an earlier definition is not replayed option by
 * option).
 * Handles: AlterSeqStmt.
 */
export const alterSequence: Rule = (stmt) => {
  const node = inner(stmt, 'AlterSeqStmt');
  const seq = fromRangeVar(node.sequence ?? {});
  const options = (node.options ?? []).map((o) => ('DefElem' in o ? o.DefElem.defname : undefined));
  const down: DownStep[] = [];
  if (options.includes('owned_by')) down.push({ kind: 'sql', sql: `ALTER SEQUENCE IF EXISTS ${sqlName(seq)} OWNED BY NONE` });
  if (options.some((o) => o !== 'owned_by')) down.push({ kind: 'note', text: `sequence options set at ${where(stmt)} are left as they are` });
  if (options.includes('restart')) {
    const why = 'RESTART resets the sequence each time the revision runs, under rows already numbered';
    return { up: [{ sql: stmt.text }], down, fate: 'review', how: why, findings: [warning(stmt, 'sequence-restart', why, 'run it once by hand, or guard it on the sequence\'s last_value')] };
  }
  return { up: [{ sql: stmt.text }], down, fate: 'kept', how: 'sets absolute values: re-runnable as written', findings: [] };
};
