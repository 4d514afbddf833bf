import type { Finding } from '../findings.js';
import type { PlannedStep } from '../plan/index.js';
import type { SourceLocation } from '../source.js';
import type { SqlStatement } from '../sql/split.js';
import { settingsChanged } from '../rewrite/settings.js';
import { quoteLiteral } from '../sql/quote.js';


/** Brackets `steps` with a save of `names` before and a restore after, when there are any. */
export function withSettingsRestored(steps: PlannedStep[], names: Set<string>, origin: SourceLocation): PlannedStep[] {
  if (!names.size || !steps.length) return steps;
  const sorted = [...names].sort();
  // missing_ok (`, true`): a custom setting may not exist before the revision defines it.
  // session_authorization reads '' until set in some servers (PGlite): session_user is what it is.
  const save = sorted.map((n) => `set_config(${quoteLiteral(slot(n))}, ${n === 'session_authorization' ? 'session_user' : `current_setting(${quoteLiteral(n)}, true)`}, false)`);
  return [
    { kind: 'sql', sql: `-- pgmend: save the session settings this migration changes\nSELECT\n    ${save.join(',\n    ')}`, origin },
    ...steps,
    { kind: 'sql', sql: restoreSql(sorted, 'saved above'), origin },
  ];
}

function restoreSql(names: string[], which: string): string {
  // A `RESET ALL` in the migration empties the saved values too: an empty one leaves the setting
  // as it is (set_config('check_function_bodies', '') would fail).
  const restore = names.map((n) => `set_config(${quoteLiteral(n)}, coalesce(nullif(current_setting(${quoteLiteral(slot(n))}, true), ''), current_setting(${quoteLiteral(n)}, true), ''), false)`);
  return `-- pgmend: restore the session settings ${which}\nSELECT\n    ${restore.join(',\n    ')}`;
}

/**
 * The derived downgrade: each statement's down steps, newest first, each run under the session
 * settings its up statement ran under — `SET search_path = app` before `CREATE TABLE t` must
 * also hold when `DROP TABLE IF EXISTS t` runs, or the drop finds nothing (or another schema's
 * t). The up's own setting statements are replayed; a setting the up had not changed yet at
 * that point goes back to the value saved at the start. Returns the settings it touches.
 */
export function downUnderUpSettings(
  up: readonly SqlStatement[],
  downs: PlannedStep[][],
  replay: (stmt: SqlStatement) => PlannedStep[],
): { steps: PlannedStep[]; settings: Set<string> } {
  // What set each setting before statement i: setting name → index of its statement.
  const before: Map<string, number>[] = [];
  let state = new Map<string, number>();
  for (const [i, stmt] of up.entries()) {
    before.push(state);
    const names = settingsChanged(stmt);
    if (names.length) state = new Map([...state, ...names.map((n): [string, number] => [n, i])]);
  }
  const steps: PlannedStep[] = [];
  const settings = new Set<string>();
  let current = new Map<string, number>();
  for (let i = up.length - 1; i >= 0; i--) {
    if (!downs[i]!.some((s) => s.kind === 'sql')) {
      steps.push(...downs[i]!);
      continue;
    }
    const want = before[i]!;
    if (!sameState(current, want)) {
      const reset = [...current.keys()].filter((n) => !want.has(n)).sort();
      if (reset.length) steps.push({ kind: 'sql', sql: restoreSql(reset, 'this statement ran under'), origin: downs[i]![0]!.origin });
      for (const at of [...new Set(want.values())].sort((a, b) => a - b)) steps.push(...replay(up[at]!));
      for (const n of [...current.keys(), ...want.keys()]) settings.add(n);
      current = want;
    }
    steps.push(...downs[i]!);
  }
  return { steps, settings };
}

function sameState(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([n, at]) => b.get(n) === at);
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
