import { quoteIdent } from '../../sql/quote.js';
import { codeTokens } from '../../sql/tokens.js';
import { inner } from '../edits.js';
import { columnExists, guardedDo, notExists } from '../guards.js';
import { fromRangeVar, sqlName } from '../names.js';
import { skipName, skipWords, splitTopLevel, textOf } from '../token-spans.js';
import { keepForReview, where } from './keep.js';
import type { DownStep, Rewrite, Rule } from '../types.js';

/**
 * ALTER TYPE on a composite type's attributes (parsed as ALTER TABLE on the type's relation),
 * one step per subcommand: ADD ATTRIBUTE has no IF NOT EXISTS, so it is guarded on
 * pg_attribute (a composite type has a pg_class row, which to_regclass finds); DROP ATTRIBUTE
 * gets IF EXISTS; ALTER ATTRIBUTE … TYPE is re-runnable. Down: ADD → DROP ATTRIBUTE IF EXISTS;
 * what a drop or type change replaced was never recorded, so those downgrades raise.
 * Handles: AlterTableStmt with objtype OBJECT_TYPE (dispatched by alter-table).
 */
export const alterTypeAttribute: Rule = (stmt) => {
  const node = inner(stmt, 'AlterTableStmt');
  const type = fromRangeVar(node.relation ?? {});
  const head = `ALTER TYPE ${sqlName(type)}`;
  const tokens = codeTokens(stmt.text);
  const spans = splitTopLevel(tokens, skipName(tokens, 2), tokens.length - 1);
  const cmds = (node.cmds ?? []).map((c) => ('AlterTableCmd' in c ? c.AlterTableCmd : {}));
  if (spans.length !== cmds.length) return keepForReview(stmt, 'could not split the subcommands of this ALTER TYPE');
  const up: Rewrite['up'] = [];
  const down: DownStep[] = [];
  const fail = (what: string): DownStep => ({ kind: 'fail', message: `cannot undo ${what} at ${where(stmt)}: pgmend does not record composite type attributes` });
  for (const [i, cmd] of cmds.entries()) {
    const text = textOf(stmt.text, tokens, spans[i]!);
    const name = cmd.subtype === 'AT_AddColumn' ? ((cmd.def as { ColumnDef?: { colname?: string } })?.ColumnDef?.colname ?? '') : (cmd.name ?? '');
    switch (cmd.subtype) {
      case 'AT_AddColumn':
        up.push({ sql: guardedDo(notExists(columnExists(type, name)), `${head} ${text}`) });
        down.unshift({ kind: 'sql', sql: `${head} DROP ATTRIBUTE IF EXISTS ${quoteIdent(name)}` });
        break;
      case 'AT_DropColumn': {
        const at = skipWords(tokens, spans[i]![0] + 1, ['ATTRIBUTE']);
        const sql = cmd.missing_ok ? text : `${textOf(stmt.text, tokens, [spans[i]![0], at - 1])} IF EXISTS ${textOf(stmt.text, tokens, [at, spans[i]![1]])}`;
        up.push({ sql: `${head} ${sql}` });
        down.unshift(fail(`DROP ATTRIBUTE ${name}`));
        break;
      }
      case 'AT_AlterColumnType':
        up.push({ sql: `${head} ${text}` });
        down.unshift(fail(`ALTER ATTRIBUTE ${name} TYPE`));
        break;
      default:
        return keepForReview(stmt, `pgmend cannot prove this ALTER TYPE subcommand re-runnable: ${text}`);
    }
  }
  return { up, down, fate: 'idempotent', how: 'attributes guarded on pg_attribute / IF EXISTS, one step each', findings: [] };
};
