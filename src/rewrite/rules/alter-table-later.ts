/**
 * ALTER TABLE subcommands against the rest of their migration (see lookahead.ts): a
 * subcommand on a column or constraint that a later statement renames or drops fails when the
 * revision runs again, so it runs only while that column or constraint is there.
 */
import { later, type ObjectRef } from '../lookahead.js';
import type { QualifiedName } from '../names.js';
import { both, stillOld } from '../rerun-guards.js';
import type { Fate, RewriteContext } from '../types.js';
import type { Cmd } from './alter-table.js';

/** The part of a subcommand's rewrite a guard changes. */
interface Guarded {
  guard?: string;
  fate: Fate;
  how: string;
}

/** Subcommands on one column (`cmd.name`) or one constraint: they fail once it is renamed or dropped. */
const ON_COLUMN = new Set([
  'AT_AlterColumnType', 'AT_ColumnDefault', 'AT_SetNotNull', 'AT_DropNotNull', 'AT_AddIdentity', 'AT_SetIdentity', 'AT_DropIdentity',
  'AT_SetStatistics', 'AT_SetStorage', 'AT_SetCompression', 'AT_SetOptions', 'AT_ResetOptions', 'AT_DropExpression', 'AT_SetExpression',
]);
const ON_CONSTRAINT = new Set(['AT_ValidateConstraint']);

/** The column or constraint a subcommand works on, when it fails once that is gone. */
function target(table: QualifiedName, cmd: Cmd): ObjectRef | undefined {
  const kind = ON_COLUMN.has(cmd.subtype ?? '') ? 'column' : ON_CONSTRAINT.has(cmd.subtype ?? '') ? 'constraint' : undefined;
  return kind && { kind, table, name: cmd.name ?? '' };
}

/**
 * A subcommand on a column or constraint that a later statement renames or drops runs only
 * while it is there; so does one whose column a later subcommand drops, once the statement
 * is split into steps (together, the drop cannot have happened before it).
 */
export function whileThere<P extends Guarded>(ctx: RewriteContext, table: QualifiedName, cmds: Cmd[], pieces: P[]): P[] {
  const goneLater = cmds.map((cmd) => {
    const ref = target(table, cmd);
    return ref && later(ctx, ref) ? ref : undefined;
  });
  const split = pieces.length > 1 && (pieces.some((p) => p.guard) || goneLater.some(Boolean));
  const droppedBelow = (i: number) => {
    const ref = target(table, cmds[i]!);
    const drop = ref?.kind === 'column' ? 'AT_DropColumn' : 'AT_DropConstraint';
    return ref && cmds.slice(i + 1).some((c) => c.subtype === drop && c.name === ref.name) ? ref : undefined;
  };
  return pieces.map((piece, i) => {
    const ref = goneLater[i] ?? (split ? droppedBelow(i) : undefined);
    if (!ref) return piece;
    const how = `${piece.how}; skipped once ${ref.kind} ${ref.name} is gone (renamed or dropped later in this migration)`;
    return { ...piece, guard: both(piece.guard, stillOld(ctx, ref)), fate: piece.fate === 'kept' ? 'idempotent' : piece.fate, how };
  });
}
