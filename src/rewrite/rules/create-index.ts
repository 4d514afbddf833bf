import { quoteIdent } from '../../sql/quote.js';
import { applyEdits, codeTokens, findKeywords, insertAfter, type TextEdit } from '../../sql/tokens.js';
import { dropStep, info, inner } from '../edits.js';
import { exists, guardedDo } from '../guards.js';
import { defKey, fromRangeVar, regclass, sibling, sqlName, type QualifiedName } from '../names.js';
import { chooseIndexName, indexColumnNames } from '../naming.js';
import { recordIndex, relationTaken, takenFor } from '../table-defs.js';
import type { Finding } from '../../findings.js';
import type { Definitions } from '../definitions.js';
import { guardCreate } from '../rerun-guards.js';
import type { DownStep, Rewrite, RewriteContext, Rule, UpStep } from '../types.js';

/**
 * CREATE INDEX → IF NOT EXISTS; down DROP INDEX IF EXISTS. An unnamed index gets the name
 * Postgres would give it (`table_col_idx`), written out so it can be guarded and dropped.
 *
 * CONCURRENTLY cannot run in a transaction block (nor in a DO block), so its steps are marked
 * non-transactional. A failed concurrent build leaves an INVALID index behind, which IF NOT
 * EXISTS would then accept as done: a step before it drops such an index. That step is a DO
 * block doing a plain (non-concurrent) DROP INDEX — allowed in a DO block, and brief, since an
 * invalid index holds no data anyone reads.
 * Handles: IndexStmt.
 */
export const createIndex: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'IndexStmt');
  const table = fromRangeVar(node.relation ?? {});
  const tokens = codeTokens(stmt.text);
  const findings: Finding[] = [];
  const edits: TextEdit[] = [];
  let name = node.idxname;
  if (!name) {
    const chosen = postgresName(node, table, ctx.defs);
    name = chosen.name;
    const on = findKeywords(tokens, ['ON'], findKeywords(tokens, ['INDEX']));
    edits.push({ start: tokens[on]!.start, end: tokens[on]!.start, text: `IF NOT EXISTS ${quoteIdent(name)} ` });
    const numbered = chosen.renumbered ? ' (numbered: a relation seen earlier in these files holds the plain name)' : '';
    findings.push(info(stmt, 'index-named', `unnamed index named ${name}, the name Postgres gives it${numbered}; predicted from the names in these files only: a relation of that name created elsewhere makes Postgres choose another`));
  } else if (!node.if_not_exists) {
    const index = findKeywords(tokens, ['INDEX']);
    edits.push(insertAfter(tokens, tokens[index + 1]?.keyword === 'CONCURRENTLY' ? index + 1 : index, 'IF NOT EXISTS'));
  }
  const sql = applyEdits(stmt.text, edits);
  const index = sibling(table, name);
  // Recorded without CONCURRENTLY: a downgrade recreating it runs inside a transaction.
  recordIndex(ctx.defs, defKey(index), node.concurrent ? withoutConcurrently(sql) : sql, node);
  const self = { kind: 'relation' as const, name: index };
  if (!node.concurrent) {
    const how = edits.length ? (node.idxname ? 'added IF NOT EXISTS' : 'named the index, added IF NOT EXISTS') : 'already IF NOT EXISTS';
    const created: Rewrite = { up: [{ sql }], down: [dropStep(`DROP INDEX IF EXISTS ${sqlName(index)}`)], fate: edits.length ? 'idempotent' : 'kept', how, findings };
    return guardCreate(stmt, ctx, created, self);
  }
  const check = dropInvalid(index);
  // pgmend's own output already holds the check just before: converting it again adds nothing.
  const checked = edits.length === 0 && previousText(ctx) === check;
  const up: UpStep[] = checked ? [{ sql, nonTransactional: true }] : [{ sql: check, nonTransactional: true }, { sql, nonTransactional: true }];
  const down: DownStep[] = [{ kind: 'sql', sql: `DROP INDEX CONCURRENTLY IF EXISTS ${sqlName(index)}`, nonTransactional: true }];
  const how = `${edits.length ? 'added IF NOT EXISTS and an invalid-index check' : checked ? 'already IF NOT EXISTS and checked' : 'already IF NOT EXISTS, added an invalid-index check'}, outside a transaction`;
  // Already IF NOT EXISTS, it re-runs without error as written: the check only catches a failed build.
  return guardCreate(stmt, ctx, { up, down, fate: edits.length ? 'idempotent' : 'kept', how, findings }, self);
};

/** ChooseIndexName for CREATE INDEX: `table_cols_idx` (`_key` for a constraint's index). */
function postgresName(node: ReturnType<typeof inner<'IndexStmt'>>, table: QualifiedName, defs: Definitions) {
  const label = node.primary ? 'pkey' : node.isconstraint ? 'key' : 'idx';
  const columns = indexColumnNames([...(node.indexParams ?? []), ...(node.indexIncludingParams ?? [])]);
  const taken = label === 'idx' ? relationTaken(defs, table) : takenFor(defs, table, 'CONSTR_UNIQUE');
  return chooseIndexName(table.name, columns, label, taken);
}

function previousText(ctx: RewriteContext): string | undefined {
  const m = ctx.migration;
  return m && m.index > 0 ? m.statements[m.index - 1]!.text.trim() : undefined;
}

/** Drops the index when an earlier concurrent build failed and left it INVALID. */
function dropInvalid(index: { schema?: string; name: string }): string {
  // A plain DROP INDEX (not CONCURRENTLY) is allowed in a DO block.
  return guardedDo(exists(`SELECT 1 FROM pg_index WHERE indexrelid = ${regclass(index)} AND NOT indisvalid`), `DROP INDEX ${sqlName(index)}`);
}

function withoutConcurrently(sql: string): string {
  const t = codeTokens(sql).find((x) => x.keyword === 'CONCURRENTLY')!;
  return sql.slice(0, t.start) + sql.slice(t.end).replace(/^\s+/, '');
}
