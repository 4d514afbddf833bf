import type { AlterPublicationStmt, PublicationObjSpec } from '@pgsql/types';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { rewrite } from '../edits.js';
import { exists, guardedDo, notExists } from '../guards.js';
import { fromRangeVar, regclass, sqlName, type QualifiedName } from '../names.js';
import { keep, keepForReview, where } from './keep.js';
import type { DownStep, Rule } from '../types.js';

/**
 * ALTER PUBLICATION … ADD / DROP TABLE (logical replication; Supabase's `supabase_realtime`):
 * one statement per table, guarded on pg_publication_rel (Postgres has no IF [NOT] EXISTS for
 * membership); down drops / adds each table back. SET TABLE and option changes can run twice as
 * written (down: a note, the list before is not known). Row filters, column lists and TABLES IN
 * SCHEMA are kept for review.
 * Handles: AlterPublicationStmt.
 */
export const alterPublication: Rule = (stmt) => {
  const alter = (stmt.node as { AlterPublicationStmt: AlterPublicationStmt }).AlterPublicationStmt;
  const objects = (alter.pubobjects ?? []).map((o) => (o as { PublicationObjSpec: PublicationObjSpec }).PublicationObjSpec);
  const unchanged: DownStep = { kind: 'note', text: `the publication as it was before ${where(stmt)} is not restored` };
  if (!objects.length || alter.action === 'AP_SetObjects') return keep(stmt, 'publication set as written', [unchanged]);
  const tables = objects.map((o) => (o.pubobjtype === 'PUBLICATIONOBJ_TABLE' && !o.pubtable?.whereClause && !o.pubtable?.columns ? o.pubtable?.relation : undefined));
  if (tables.some((t) => !t)) return keepForReview(stmt, 'ALTER PUBLICATION with TABLES IN SCHEMA, a row filter or a column list: pgmend cannot guard it', 'needs-review', [unchanged]);
  const pub = alter.pubname ?? '';
  const member = (t: QualifiedName) =>
    `SELECT 1 FROM pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_publication p ON p.oid = r.prpubid WHERE p.pubname = ${quoteLiteral(pub)} AND r.prrelid = ${regclass(t)}`;
  const up: string[] = [];
  const down: DownStep[] = [];
  for (const rel of tables) {
    const table = fromRangeVar(rel!);
    const name = `${rel!.inh ? '' : 'ONLY '}${sqlName(table)}`; // inh is left out of the tree when false
    const add = guardedDo(notExists(member(table)), `ALTER PUBLICATION ${quoteIdent(pub)} ADD TABLE ${name}`);
    const drop = guardedDo(exists(member(table)), `ALTER PUBLICATION ${quoteIdent(pub)} DROP TABLE ${name}`);
    up.push(alter.action === 'AP_AddObjects' ? add : drop);
    down.unshift({ kind: 'sql', sql: alter.action === 'AP_AddObjects' ? drop : add });
  }
  return rewrite(up.map((sql) => ({ sql })), down, 'guarded on pg_publication_rel, a table at a time');
};
