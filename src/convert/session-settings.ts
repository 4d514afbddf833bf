import type { Finding } from '../findings.js';
import type { PlannedStep } from '../plan/index.js';
import type { SourceLocation } from '../source.js';
import type { SqlStatement } from '../sql/split.js';
import { quoteLiteral } from '../sql/quote.js';

/**
 * Settings a statement changes for the rest of the connection: `SET name …` / `RESET name`
 * (LOCAL too: Alembic may run every revision in one transaction) and
 * `SELECT set_config('name', …, false)`, as pg_dump writes in its preamble. A psql script
 * ends with its session; a revision does not: Alembic's version-table update and the next
 * revisions run on the same connection (pg_dump's `search_path = ''` makes Alembic lose its
 * `alembic_version` table). So a revision that changes settings saves them first and puts
 * them back at its end.
 */
export function settingsChanged(stmt: SqlStatement): string[] {
  const node = stmt.node as Record<string, unknown> | undefined;
  if (!node) return [];
  const set = node.VariableSetStmt as { kind?: string; name?: string } | undefined;
  if (set) {
    if (!set.name || set.kind === 'VAR_SET_MULTI' || set.kind === 'VAR_RESET_ALL') return [];
    return set.name === 'session_authorization' ? [] : [set.name.toLowerCase()];
  }
  if (!node.SelectStmt) return [];
  const names: string[] = [];
  walk(node.SelectStmt, (value) => {
    const call = (value as { FuncCall?: FuncCall }).FuncCall;
    if (!call || call.funcname?.[call.funcname.length - 1]?.String?.sval !== 'set_config') return;
    const [name, , local] = call.args ?? [];
    const literal = name?.A_Const?.sval?.sval;
    if (literal && !local?.A_Const?.boolval?.boolval) names.push(literal.toLowerCase());
  });
  return names;
}

/** Brackets `steps` with a save of `names` before and a restore after, when there are any. */
export function withSettingsRestored(steps: PlannedStep[], names: Set<string>, origin: SourceLocation): PlannedStep[] {
  if (!names.size || !steps.length) return steps;
  const sorted = [...names].sort();
  // missing_ok (`, true`): a custom setting may not exist before the revision defines it.
  const save = sorted.map((n) => `set_config(${quoteLiteral(slot(n))}, current_setting(${quoteLiteral(n)}, true), false)`);
  const restore = sorted.map((n) => `set_config(${quoteLiteral(n)}, current_setting(${quoteLiteral(slot(n))}, true), false)`);
  return [
    { kind: 'sql', sql: `-- pgmend: save the session settings this migration changes\nSELECT\n    ${save.join(',\n    ')}`, origin },
    ...steps,
    { kind: 'sql', sql: `-- pgmend: restore the session settings saved above\nSELECT\n    ${restore.join(',\n    ')}`, origin },
  ];
}

export function settingsFinding(names: Set<string>, location: SourceLocation): Finding {
  return {
    code: 'session-settings-restored',
    severity: 'info',
    message: `this migration changes session settings (${[...names].sort().join(', ')}); the revision saves them first and restores them at its end, so the tool's own bookkeeping and later revisions are unaffected`,
    location,
  };
}

/** A custom setting that holds the saved value: `pgmend.saved_search_path`. */
function slot(name: string): string {
  return `pgmend.saved_${name.replace(/[^a-z0-9_]/g, '_')}`;
}

interface FuncCall {
  funcname?: { String?: { sval?: string } }[];
  args?: { A_Const?: { sval?: { sval?: string }; boolval?: { boolval?: boolean } } }[];
}

function walk(value: unknown, visit: (v: object) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    visit(value);
    for (const v of Object.values(value)) walk(v, visit);
  }
}
