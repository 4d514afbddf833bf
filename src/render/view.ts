import { commentLines } from './literals.js';
import { formatCreateDate, type PlannedRevision, type PlannedStep } from '../plan/index.js';

/** What a template sees for one step: exactly one of sql, note, fail is set. */
export interface StepView {
  origin: string;
  /**
   * The block's indent and commentPrefix, repeated here so templates need no `../`: a template
   * that reaches into parent contexts makes Handlebars track them for every step it renders.
   */
  indent: string;
  commentPrefix: string;
  /**
   * `origin`, and the user's comments (`leading`, on lines of their own after a newline, or ''),
   * as Python comment lines at the step's indent: what the Alembic template writes, ready-made so
   * that a step costs it fewer helper calls.
   */
  originComment: string;
  leadingComment: string;
  /** A newline before every step of a block but its first: the blank line between steps. */
  gap: string;
  /** The user's comments before the statement, verbatim (SQL comment syntax). */
  leading?: string;
  sql?: string;
  note?: string;
  fail?: string;
}

/** A run of steps that share one transaction mode. */
export interface BlockView {
  autocommit: boolean;
  /** The function's first block (the others follow a blank line). */
  first: boolean;
  /** Python indentation of the steps (deeper inside `with autocommit_block()`). */
  indent: string;
  /** `indent` then `# `: what starts a Python comment line among the steps. */
  commentPrefix: string;
  steps: StepView[];
}

export interface RevisionView {
  message: string;
  revision: string;
  parent: string | null;
  createDate: string;
  sources: { file: string; version: string }[];
  upgrade: BlockView[];
  downgrade: BlockView[];
  /** The function body would hold only comments (Python then needs `pass`). */
  upgradeOnlyComments: boolean;
  downgradeOnlyComments: boolean;
  upgradeNoTransaction: boolean;
  downgradeNoTransaction: boolean;
}

/** The data every template renders from: plain values, no pgmend types. */
export function revisionView(rev: PlannedRevision): RevisionView {
  const upgrade = blocks(rev.upgrade);
  const downgrade = blocks(rev.downgrade);
  return {
    message: rev.message,
    revision: rev.id,
    parent: rev.parent,
    createDate: formatCreateDate(rev.createDate),
    sources: rev.sources,
    upgrade,
    downgrade,
    upgradeOnlyComments: onlyComments(rev.upgrade),
    downgradeOnlyComments: onlyComments(rev.downgrade),
    upgradeNoTransaction: upgrade.some((b) => b.autocommit),
    downgradeNoTransaction: downgrade.some((b) => b.autocommit),
  };
}

/** Groups consecutive steps by transaction mode; notes and failures join the block they are in. */
function blocks(steps: PlannedStep[]): BlockView[] {
  const out: BlockView[] = [];
  for (const step of steps) {
    const autocommit = step.kind === 'sql' ? Boolean(step.nonTransactional) : (out[out.length - 1]?.autocommit ?? false);
    let block = out[out.length - 1];
    if (!block || block.autocommit !== autocommit) {
      const indent = autocommit ? '        ' : '    ';
      block = { autocommit, first: !out.length, indent, commentPrefix: `${indent}# `, steps: [] };
      out.push(block);
    }
    // Every step the same shape, absent fields undefined: Handlebars looks each field up by
    // name, and one shape keeps those lookups fast.
    const origin = `${step.origin.file}:${step.origin.line}`;
    block.steps.push({
      origin,
      gap: block.steps.length ? '\n' : '',
      indent: block.indent,
      commentPrefix: block.commentPrefix,
      originComment: commentLines(origin, block.commentPrefix),
      leadingComment: step.kind === 'sql' && step.leading ? `\n${commentLines(step.leading, block.commentPrefix)}` : '',
      leading: step.kind === 'sql' ? step.leading : undefined,
      sql: step.kind === 'sql' ? step.sql : undefined,
      note: step.kind === 'note' ? step.text : undefined,
      fail: step.kind === 'fail' ? step.message : undefined,
    });
  }
  return out;
}

function onlyComments(steps: PlannedStep[]): boolean {
  return steps.every((s) => s.kind === 'note');
}
