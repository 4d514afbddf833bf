import type { Node } from '../../sql/parser.js';
import { opLabel } from '../describe.js';
import { finding, type LintFinding, type LintRule } from '../types.js';

type AnyNode = Record<string, any>;

const DROPPED: Record<string, string> = { OBJECT_TABLE: 'DROP TABLE', OBJECT_SCHEMA: 'DROP SCHEMA' };

/** Upgrades that destroy data: a downgrade cannot bring the rows back. */
export const destructive: LintRule = {
  code: 'destructive',
  severity: 'warning',
  description: 'An upgrade drops a table, column or schema, or truncates a table: the data is lost and no downgrade restores it.',
  check(unit) {
    const out: LintFinding[] = [];
    const hint = 'copy or rename the data first if it may be needed; otherwise accept the loss explicitly (--max-warnings)';
    for (const action of unit.actions) {
      if (action.phase !== 'upgrade') continue;
      if (action.kind === 'op') {
        const { method } = action.call;
        if (method !== 'drop_table' && method !== 'drop_column') continue;
        const what = method === 'drop_table' ? 'a table and all its rows' : 'a column and its values in every row';
        out.push(finding(destructive, action.location, `${opLabel(action.call)} deletes ${what}: the downgrade cannot restore them`, hint));
        continue;
      }
      const kind = action.stmt.node ? destroys(action.stmt.node) : undefined;
      if (kind) out.push(finding(destructive, action.stmt.location, `${kind} deletes data: the downgrade cannot restore it`, hint));
    }
    return out;
  },
};

function destroys(node: Node): string | undefined {
  const n = node as AnyNode;
  if (n.DropStmt) return DROPPED[n.DropStmt.removeType];
  if (n.TruncateStmt) return 'TRUNCATE';
  if (n.AlterTableStmt?.cmds?.some((c: AnyNode) => c.AlterTableCmd?.subtype === 'AT_DropColumn')) return 'ALTER TABLE … DROP COLUMN';
  return undefined;
}
