import type { Node } from '../../sql/parser.js';
import type { DefinitionKind, Definitions } from '../definitions.js';
import { info, insertAfterKeywords, inner, warning } from '../edits.js';
import { createdLater, recreatedToStay, withArgs, type DroppedObject } from '../created-later.js';
import { defKey, fromNameList, functionIdentity, regtype, sqlName, strings, typeSql, type QualifiedName } from '../names.js';
import { guardedDo, notExists } from '../guards.js';
import { quoteIdent } from '../../sql/quote.js';
import { takePrivilegesOn } from '../privileges.js';
import { forgetTable, indexesOn, resumeSequence } from '../table-defs.js';
import { rebuildTable, unfollowedChanges } from '../table-rebuild.js';
import { forgetTriggerSetting } from '../table-settings.js';
import { keepForReview, nothingToUndo, where } from './keep.js';
import { operatorKey } from './define.js';
import type { Finding } from '../../findings.js';
import { namedKind } from '../lookahead.js';
import { both, guardRewrite, notYetSwapped } from '../rerun-guards.js';
import type { DownStep, Rewrite, RewriteContext, Rule } from '../types.js';

/**
 * DROP … → IF EXISTS. Down recreates each dropped object from the definition an earlier
 * statement recorded (a table with the columns and indexes pgmend last saw, but not its rows);
 * an object whose definition pgmend never saw makes the downgrade fail, naming file:line —
 * unless it is `DROP … IF EXISTS` of something the migration creates again, an earlier file
 * dropped, or a table these files made never had (a note).
 * Handles: DropStmt.
 */
export const drop: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'DropStmt');
  const type = node.removeType ?? '';
  const spec = KINDS[type];
  const what = type.replace('OBJECT_', '').toLowerCase().replaceAll('_', ' ');
  if (!spec && !node.missing_ok) return keepForReview(stmt, `pgmend does not know where IF EXISTS goes in DROP ${what}`, 'no-rule');
  const anchor = ['DROP', ...(spec?.words ?? []), ...(node.concurrent ? ['CONCURRENTLY'] : [])];
  const sql = node.missing_ok ? stmt.text : insertAfterKeywords(stmt.text, anchor, 'IF EXISTS');
  if (sql === undefined) return keepForReview(stmt, `could not find ${anchor.join(' ')} to add IF EXISTS`);
  const down: DownStep[] = [];
  const findings: Finding[] = [];
  const review: string[] = [];
  for (const object of node.objects ?? []) {
    const target = objectName(object, type);
    const key = spec?.kind ? keyOf(ctx.defs, spec.kind, object, target) : '';
    const restored = spec?.kind ? restore(ctx.defs, spec.kind, object, target) : undefined;
    const steps = restored && spec?.kind !== 'table' ? [...restored, ...commentBack(ctx.defs, type, key, target)] : restored;
    const named = `${what} ${describe(target)}`;
    if (steps) down.push(...steps.map((s): DownStep => ({ kind: 'sql', sql: s })));
    else if (node.missing_ok && createdLater(ctx, type, target)) {
      const message = `${named} is dropped at ${where(stmt)} to be created again below; pgmend never saw an earlier definition, so the downgrade leaves it dropped`;
      down.push({ kind: 'note', text: message });
      findings.push(info(stmt, 'drop-recreated', message));
    } else {
      const gone = node.missing_ok ? alreadyGone(ctx, spec?.kind, key, target) : undefined;
      if (gone) down.push(nothingToUndo(stmt, named, gone));
      else if (node.missing_ok && !HOLDS_DATA.has(type)) {
        // A defensive DROP … IF EXISTS of an index, view or function no file made: most likely
        // nothing was there. Failing would stop every older revision's downgrade too.
        const message = `${named} is dropped IF EXISTS at ${where(stmt)}, but no file created it: the downgrade does not recreate it`;
        down.push({ kind: 'note', text: message });
        findings.push({ ...info(stmt, 'drop-unknown', message), hint: 'if the database had it, add its definition to an earlier file, or recreate it by hand after a downgrade' });
      } else down.push({ kind: 'fail', message: `cannot recreate ${named} dropped at ${where(stmt)}: pgmend never saw its definition` });
    }
    if (steps && spec?.kind === 'table') {
      down.push({ kind: 'note', text: `table ${describe(target)} comes back empty: its rows are not restored` });
      // What the rebuild cannot replay: said, so the downgrade does not differ silently.
      for (const change of unfollowedChanges(ctx.defs, target.name)) {
        const message = `the downgrade of DROP TABLE ${describe(target)} at ${where(stmt)} does not replay an earlier change to it: ${change}`;
        down.push({ kind: 'note', text: message });
        findings.push(warning(stmt, 'drop-table-partial', message, 'check the table after a downgrade, and redo that change by hand'));
      }
    }
    if (OWN_DATA.has(type) && recreatedToStay(ctx, type, target)) {
      review.push(`${named} is dropped and created again below: run again, the revision drops the ${what} it made, with everything written to it since`);
    }
    if (spec?.kind) {
      forget(ctx.defs, spec.kind, object, target);
      // Its comment went with it: made again under its name, it starts without one.
      ctx.defs.delete('comment', `${type}:${key}`);
      if (steps) ctx.defs.markDropped(spec.kind, key, where(stmt));
    }
  }
  if (node.behavior === 'DROP_CASCADE') {
    const message = `DROP … CASCADE at ${where(stmt)} also dropped whatever depended on it; the downgrade does not recreate those`;
    down.push({ kind: 'note', text: message });
    findings.push(warning(stmt, 'drop-cascade', message, 'drop the dependent objects with their own statements'));
  }
  const how = review.length ? review.join('; ') : node.missing_ok ? 'already IF EXISTS' : 'added IF EXISTS';
  for (const why of review) findings.push(warning(stmt, 'needs-review', why, 'drop it only when it is not yet in its new form, or move the drop to its own earlier revision'));
  const fate = review.length ? 'review' : node.missing_ok ? 'kept' : 'idempotent';
  const inUse = typeInUseGuard(ctx, node, type);
  const dropped: Rewrite = {
    up: [{ sql: inUse ? guardedDo(inUse, sql) : sql, ...(node.concurrent ? { nonTransactional: true } : {}) }],
    down,
    fate,
    how: inUse ? `${how}; skipped while something uses the type` : how,
    findings,
  };
  // On a re-run, a name a later rename gives to the replacement holds that replacement.
  const kind = namedKind(type);
  const swaps = (node.objects ?? []).map((o) => kind && notYetSwapped(ctx, { kind, name: objectName(o, type).name }));
  return guardRewrite(stmt, dropped, swaps.reduce(both, undefined), 'skipped once a later rename has put its replacement under its name');
};

/**
 * Why an object pgmend has no definition for was not there to drop: an earlier statement dropped
 * it already, or it is on a table these files created without it. Undefined: it may have existed.
 */
function alreadyGone(ctx: RewriteContext, kind: DefinitionKind | undefined, key: string, target: Target): string | undefined {
  const dropped = kind ? ctx.defs.droppedAt(kind, key) : undefined;
  if (dropped) return `was dropped already at ${dropped}`;
  if (target.on && ctx.defs.has('table', defKey(target.on))) return `was never created (these files created ${sqlName(target.on)} without it)`;
  return undefined;
}

/**
 * `DROP TYPE IF EXISTS x; CREATE TYPE x …; … a column of type x`: run again, the type this
 * revision made is in use and the drop fails. Skipping the drop while anything depends on the
 * type keeps that type (its CREATE is then skipped too). Undefined for other statements.
 */
function typeInUseGuard(ctx: RewriteContext, node: { missing_ok?: boolean; objects?: Node[] }, type: string): string | undefined {
  if (!node.missing_ok || (type !== 'OBJECT_TYPE' && type !== 'OBJECT_DOMAIN')) return undefined;
  const names = (node.objects ?? []).map((o) => objectName(o, type));
  if (!names.length || !names.every((n) => createdLater(ctx, type, n))) return undefined;
  return names.map((n) => notExists(`SELECT 1 FROM pg_catalog.pg_depend WHERE refobjid = ${regtype(n.name)} AND deptype = 'n'`)).join(' AND ');
}

/** Kinds whose contents a re-created object starts without (rows, a sequence's position). */
const HOLDS_DATA = new Set(['OBJECT_TABLE', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE']);

/**
 * Those whose contents were written to them: dropped again on a re-run, they are lost. A
 * materialized view holds only what its query derives, so dropping and building it again (as a
 * view is) loses nothing a REFRESH does not give back.
 */
const OWN_DATA = new Set(['OBJECT_TABLE', 'OBJECT_SEQUENCE']);

/** The words between DROP and the names, and the Definitions kind that can recreate it. */
const KINDS: Record<string, { words: string[]; kind?: DefinitionKind }> = {
  OBJECT_TABLE: { words: ['TABLE'], kind: 'table' },
  OBJECT_FOREIGN_TABLE: { words: ['FOREIGN', 'TABLE'] },
  OBJECT_VIEW: { words: ['VIEW'], kind: 'view' },
  OBJECT_MATVIEW: { words: ['MATERIALIZED', 'VIEW'], kind: 'materialized-view' },
  OBJECT_INDEX: { words: ['INDEX'], kind: 'index' },
  OBJECT_SEQUENCE: { words: ['SEQUENCE'], kind: 'sequence' },
  OBJECT_SCHEMA: { words: ['SCHEMA'], kind: 'schema' },
  OBJECT_EXTENSION: { words: ['EXTENSION'], kind: 'extension' },
  OBJECT_TYPE: { words: ['TYPE'], kind: 'type' },
  OBJECT_DOMAIN: { words: ['DOMAIN'], kind: 'domain' },
  OBJECT_FUNCTION: { words: ['FUNCTION'], kind: 'function' },
  OBJECT_PROCEDURE: { words: ['PROCEDURE'], kind: 'function' },
  OBJECT_ROUTINE: { words: ['ROUTINE'], kind: 'function' },
  OBJECT_AGGREGATE: { words: ['AGGREGATE'] },
  OBJECT_TRIGGER: { words: ['TRIGGER'], kind: 'trigger' },
  OBJECT_POLICY: { words: ['POLICY'], kind: 'policy' },
  OBJECT_RULE: { words: ['RULE'], kind: 'rule' },
  OBJECT_COLLATION: { words: ['COLLATION'] },
  OBJECT_CONVERSION: { words: ['CONVERSION'] },
  OBJECT_OPERATOR: { words: ['OPERATOR'], kind: 'operator' },
  OBJECT_OPCLASS: { words: ['OPERATOR', 'CLASS'] },
  OBJECT_OPFAMILY: { words: ['OPERATOR', 'FAMILY'] },
  OBJECT_CAST: { words: ['CAST'] },
  OBJECT_EVENT_TRIGGER: { words: ['EVENT', 'TRIGGER'] },
  OBJECT_PUBLICATION: { words: ['PUBLICATION'] },
  OBJECT_STATISTIC_EXT: { words: ['STATISTICS'] },
  OBJECT_FOREIGN_SERVER: { words: ['SERVER'] },
  OBJECT_FDW: { words: ['FOREIGN', 'DATA', 'WRAPPER'] },
  OBJECT_ACCESS_METHOD: { words: ['ACCESS', 'METHOD'] },
  OBJECT_TSCONFIGURATION: { words: ['TEXT', 'SEARCH', 'CONFIGURATION'] },
  OBJECT_TSDICTIONARY: { words: ['TEXT', 'SEARCH', 'DICTIONARY'] },
  OBJECT_TSPARSER: { words: ['TEXT', 'SEARCH', 'PARSER'] },
  OBJECT_TSTEMPLATE: { words: ['TEXT', 'SEARCH', 'TEMPLATE'] },
};

/** An object of DropStmt.objects as a name; triggers, policies and rules name their table too, functions their argument types. */
type Target = DroppedObject;

function objectName(object: Node, type: string): Target {
  if ('List' in object) {
    const items = object.List.items ?? [];
    if (!ON_TABLE.has(type)) return { name: fromNameList(items) };
    return { name: { name: strings(items).at(-1) ?? '' }, on: fromNameList(items.slice(0, -1)) };
  }
  if ('String' in object) return { name: { name: object.String.sval ?? '' } };
  if ('TypeName' in object) return { name: fromNameList(object.TypeName.names) };
  if ('ObjectWithArgs' in object) return withArgs(object.ObjectWithArgs);
  return { name: { name: '?' } };
}

const ON_TABLE = new Set(['OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);

function describe(t: Target): string {
  if (t.args !== undefined) return `${sqlName(t.name)}(${t.args.replaceAll(',', ', ')})`; // which overload
  return t.on ? `${sqlName(t.name)} on ${sqlName(t.on)}` : sqlName(t.name);
}

/** The Definitions key the creating rule used. */
function keyOf(defs: Definitions, kind: DefinitionKind, object: Node, target: Target): string {
  if (kind === 'schema' || kind === 'extension') return target.name.name;
  if (kind === 'function' && 'ObjectWithArgs' in object) {
    const { objargs = [], args_unspecified } = object.ObjectWithArgs;
    if (args_unspecified) {
      // `DROP FUNCTION f` (no argument list) names the only function called f.
      const overloads = defs.names('function', `${defKey(target.name)}(`);
      return overloads.length === 1 ? overloads[0]! : '';
    }
    return functionIdentity(target.name, objargs.map((n) => ('TypeName' in n ? n.TypeName : undefined))).key;
  }
  if (kind === 'operator' && 'ObjectWithArgs' in object) {
    const types = (object.ObjectWithArgs.objargs ?? []).map((n) => ('TypeName' in n ? typeSql(n.TypeName) : undefined));
    return operatorKey(target.name, types.length > 1 ? types[0] : undefined, types.at(-1));
  }
  return target.on ? defKey(target.on, target.name.name) : defKey(target.name);
}

function restore(defs: Definitions, kind: DefinitionKind, object: Node, target: Target): string[] | undefined {
  const key = keyOf(defs, kind, object, target);
  const grants = (steps: string[]) => [...steps, ...(GRANTED_AS[kind] ? takePrivilegesOn(defs, GRANTED_AS[kind], key) : [])];
  if (kind === 'table') {
    const steps = rebuildTable(defs, target.name);
    return steps && grants(steps);
  }
  const text = defs.get(kind, key);
  if (!text) return undefined; // '' marks an index that belongs to a constraint
  const resume = kind === 'sequence' ? resumeSequence(text, target.name) : undefined;
  // A materialized view's indexes went with it, and come back after it.
  const indexes = kind === 'materialized-view' ? indexesOn(defs, target.name).flatMap((k) => defs.get('index', k) || []) : [];
  return grants(resume ? [text, resume] : [text, ...indexes]);
}

/**
 * The comment an earlier COMMENT ON gave the dropped object (a table's come back with
 * rebuildTable): DROP took it along, so the recreated object gets it again. Comments are keyed
 * `<COMMENT ON's objtype>:<key>`, and DROP's removeType is the same word for the same kind.
 */
function commentBack(defs: Definitions, type: string, key: string, target: Target): string[] {
  const value = defs.get('comment', `${type}:${key}`);
  const words = KINDS[type]?.words.join(' ');
  if (value === undefined || value === 'NULL' || !words || type === 'OBJECT_OPERATOR') return [];
  const args = target.args !== undefined ? `(${target.args.replaceAll(',', ', ')})` : '';
  const name = target.on ? `${quoteIdent(target.name.name)} ON ${sqlName(target.on)}` : `${sqlName(target.name)}${args}`;
  return [`COMMENT ON ${words} ${name} IS ${value}`];
}

/** The object type GRANT names a kind by (views take GRANT … ON TABLE): its privileges come back with it. */
const GRANTED_AS: Partial<Record<DefinitionKind, string>> = {
  table: 'OBJECT_TABLE',
  view: 'OBJECT_TABLE',
  'materialized-view': 'OBJECT_TABLE',
  sequence: 'OBJECT_SEQUENCE',
  function: 'OBJECT_FUNCTION',
  schema: 'OBJECT_SCHEMA',
  type: 'OBJECT_TYPE',
  domain: 'OBJECT_DOMAIN',
};

function forget(defs: Definitions, kind: DefinitionKind, object: Node, target: Target): void {
  if (kind === 'table') forgetTable(defs, target.name);
  else defs.delete(kind, keyOf(defs, kind, object, target));
  if (kind === 'materialized-view') for (const k of indexesOn(defs, target.name)) defs.delete('index', k);
  if (kind === 'trigger' && target.on) forgetTriggerSetting(defs, target.on, target.name.name);
}
