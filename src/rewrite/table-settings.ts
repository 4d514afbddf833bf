/**
 * Table settings ALTER TABLE changes that DROP TABLE takes with the table (row level security,
 * triggers disabled, owner, storage, options, …), and the changes pgmend cannot replay at all:
 * both recorded under the table, for the downgrade that rebuilds it (table-rebuild.ts).
 */
import type { Cmd } from './rules/alter-table.js';
import type { Definitions } from './definitions.js';
import { defKey, type QualifiedName } from './names.js';

/**
 * Which setting a subcommand sets: a later one of the same group replaces it. Column settings
 * are keyed under their column, so dropping the column forgets them.
 */
const GROUPS: Record<string, (c: Cmd) => string[]> = {
  AT_EnableRowSecurity: () => ['rls'],
  AT_DisableRowSecurity: () => ['rls'],
  AT_ForceRowSecurity: () => ['force-rls'],
  AT_NoForceRowSecurity: () => ['force-rls'],
  AT_EnableTrig: (c) => [`trigger:${c.name ?? ''}`],
  AT_DisableTrig: (c) => [`trigger:${c.name ?? ''}`],
  AT_EnableTrigAll: () => ['triggers-all'],
  AT_DisableTrigAll: () => ['triggers-all'],
  AT_EnableTrigUser: () => ['triggers-user'],
  AT_DisableTrigUser: () => ['triggers-user'],
  AT_ChangeOwner: () => ['owner'],
  AT_SetRelOptions: () => ['options'],
  AT_ResetRelOptions: () => ['reset-options'],
  AT_ClusterOn: () => ['cluster'],
  AT_DropCluster: () => ['cluster'],
  AT_ReplicaIdentity: () => ['replica-identity'],
  AT_SetLogged: () => ['logged'],
  AT_SetUnLogged: () => ['logged'],
  AT_SetTableSpace: () => ['tablespace'],
  AT_SetAccessMethod: () => ['access-method'],
  AT_SetStatistics: (c) => [c.name ?? `${c.num}`, 'statistics'],
  AT_SetStorage: (c) => [c.name ?? '', 'storage'],
  AT_SetCompression: (c) => [c.name ?? '', 'compression'],
  AT_SetOptions: (c) => [c.name ?? '', 'options'],
  AT_ResetOptions: (c) => [c.name ?? '', 'reset-options'],
};

/**
 * Records the subcommand (`text`, as written) as the table's current setting of its group.
 * Returns false for a subcommand that sets nothing a rebuild must set again.
 */
export function recordTableSetting(defs: Definitions, table: QualifiedName, cmd: Cmd, text: string): boolean {
  const group = GROUPS[cmd.subtype ?? ''];
  if (!group) return false;
  const parts = group(cmd);
  const key = defKey(table, ...parts.slice(0, -1), `#${parts.at(-1)}`);
  // Deleted first so it moves to the end: settings are replayed in the order they were last made.
  defs.delete('table-setting', key);
  defs.set('table-setting', key, text);
  return true;
}

/** Forgets the settings of a trigger that is dropped (set again, they would name nothing). */
export function forgetTriggerSetting(defs: Definitions, table: QualifiedName, trigger: string): void {
  defs.delete('table-setting', defKey(table, `#trigger:${trigger}`));
}

/** Forgets the settings of a dropped column. */
export function forgetColumnSettings(defs: Definitions, table: QualifiedName, column: string): void {
  for (const k of defs.names('table-setting', `${defKey(table, column)}.`)) defs.delete('table-setting', k);
}

/** Records an earlier change to the table a rebuild cannot replay (`where`: file:line). */
export function recordUnfollowed(defs: Definitions, table: QualifiedName, where: string, what: string): void {
  if (defs.has('table', defKey(table))) defs.set('table-unfollowed', defKey(table, `#${where}`), `${what} at ${where}`);
}
