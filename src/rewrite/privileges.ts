/**
 * Privileges as units — one privilege, on one object, for one grantee — so a downgrade can undo
 * exactly what a GRANT or REVOKE changed: a GRANT's downgrade revokes only what no earlier
 * statement had granted, and a REVOKE's grants back only what an earlier statement granted
 * (a rollback must never grant what may not have been there). Units are kept in Definitions
 * (kind 'privilege'): where they were granted, or REVOKED for one an earlier REVOKE took back.
 */
import type { Node } from '../sql/parser.js';
import { quoteIdent } from '../sql/quote.js';
import type { Definitions } from './definitions.js';
import { defKey, fromNameList, fromRangeVar, functionIdentity, sqlName, type QualifiedName } from './names.js';

export interface PrivilegeUnit {
  key: string;
  /** Postgres gives it to every new object of its kind (EXECUTE on functions to PUBLIC, …). */
  byDefault?: boolean;
  /** GRANT/REVOKE text for this unit alone, when pgmend can write it (plain object privileges). */
  on?: { privilege: string; object: string; grantee: string };
}

type Loose = Record<string, unknown>;

/** The ledger value of a unit a REVOKE took back (a default privilege is held until then). */
export const REVOKED = '';

/** A held unit's ledger value: where it was granted, and the GRANT that gives it again (if pgmend can write one). */
export function heldValue(where: string, unit: PrivilegeUnit): string {
  return unit.on ? `${where}\t${unitStatement(unit.on, true)}` : where;
}

/** Where a held unit was granted (undefined: not held). */
export function grantedAt(value: string | undefined): string | undefined {
  return value === undefined || value === REVOKED ? undefined : value.split('\t')[0];
}

export function unitStatement(on: NonNullable<PrivilegeUnit['on']>, grant: boolean): string {
  return grant ? `GRANT ${on.privilege} ON ${on.object} TO ${on.grantee}` : `REVOKE ${on.privilege} ON ${on.object} FROM ${on.grantee}`;
}

/**
 * The GRANTs that give back what earlier statements granted on an object (`objtype`, its key),
 * for a downgrade that recreates it; the units are forgotten, since dropping the object took them.
 */
export function takePrivilegesOn(defs: Definitions, objtype: string, key: string): string[] {
  const out: string[] = [];
  for (const k of defs.names('privilege', `ACL_TARGET_OBJECT|${objtype}|${key}|`)) {
    const value = defs.get('privilege', k)!;
    const grant = value.split('\t')[1];
    if (value !== REVOKED && grant) out.push(grant);
    defs.set('privilege', k, REVOKED);
  }
  return out;
}
/**
 * After a table is renamed, the privileges granted on it are its privileges under the new name
 * (a later DROP TABLE's downgrade grants them again there).
 */
export function moveTablePrivileges(defs: Definitions, from: QualifiedName, to: QualifiedName): void {
  const prefix = `ACL_TARGET_OBJECT|OBJECT_TABLE|${defKey(from)}|`;
  for (const k of defs.names('privilege', prefix)) {
    const value = defs.get('privilege', k)!;
    defs.delete('privilege', k);
    const moved = value.replace(` ON TABLE ${sqlName(from)} TO `, ` ON TABLE ${sqlName(to)} TO `).replace(` ON TABLE ${sqlName(from)} FROM `, ` ON TABLE ${sqlName(to)} FROM `);
    defs.set('privilege', `ACL_TARGET_OBJECT|OBJECT_TABLE|${defKey(to)}|${k.slice(prefix.length)}`, moved);
  }
}

type RoleSpec = { RoleSpec?: { roletype?: string; rolename?: string } };

/** What ALL PRIVILEGES means per object type (the units it stands for). */
const ALL: Record<string, string[]> = {
  OBJECT_TABLE: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'],
  OBJECT_SEQUENCE: ['USAGE', 'SELECT', 'UPDATE'],
  OBJECT_FUNCTION: ['EXECUTE'],
  OBJECT_PROCEDURE: ['EXECUTE'],
  OBJECT_ROUTINE: ['EXECUTE'],
  OBJECT_SCHEMA: ['USAGE', 'CREATE'],
  OBJECT_DATABASE: ['CREATE', 'CONNECT', 'TEMPORARY'],
  OBJECT_TYPE: ['USAGE'],
  OBJECT_DOMAIN: ['USAGE'],
  OBJECT_LANGUAGE: ['USAGE'],
  OBJECT_FOREIGN_SERVER: ['USAGE'],
  OBJECT_FDW: ['USAGE'],
  OBJECT_TABLESPACE: ['CREATE'],
};

/** What PUBLIC holds on a new object of each kind unless revoked (and USAGE on schema public). */
const PUBLIC_DEFAULTS: Record<string, string[]> = {
  OBJECT_FUNCTION: ['EXECUTE'],
  OBJECT_PROCEDURE: ['EXECUTE'],
  OBJECT_ROUTINE: ['EXECUTE'],
  OBJECT_TYPE: ['USAGE'],
  OBJECT_DOMAIN: ['USAGE'],
  OBJECT_LANGUAGE: ['USAGE'],
  OBJECT_DATABASE: ['CONNECT', 'TEMPORARY'],
};

/** Object types pgmend writes a one-unit GRANT/REVOKE for. */
const WORDS: Record<string, string> = {
  OBJECT_TABLE: 'TABLE',
  OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_FUNCTION: 'FUNCTION',
  OBJECT_PROCEDURE: 'PROCEDURE',
  OBJECT_ROUTINE: 'ROUTINE',
  OBJECT_SCHEMA: 'SCHEMA',
  OBJECT_TYPE: 'TYPE',
  OBJECT_DOMAIN: 'DOMAIN',
};

/** The units a GrantStmt, AlterDefaultPrivilegesStmt or GrantRoleStmt names; undefined for anything else. */
export function privilegeUnits(node: Node): { isGrant: boolean; units: PrivilegeUnit[] } | undefined {
  const n = node as { GrantStmt?: Loose; AlterDefaultPrivilegesStmt?: { options?: unknown; action?: Loose }; GrantRoleStmt?: Loose };
  if (n.GrantRoleStmt) {
    const roles = ((n.GrantRoleStmt.granted_roles as { AccessPriv?: { priv_name?: string } }[] | undefined) ?? []).map((r) => r.AccessPriv?.priv_name ?? '');
    const grantees = granteeNames(n.GrantRoleStmt.grantee_roles);
    return { isGrant: Boolean(n.GrantRoleStmt.is_grant), units: roles.flatMap((role) => grantees.map((g) => ({ key: `member|${role}|${g.key}` }))) };
  }
  const grant = n.GrantStmt ?? n.AlterDefaultPrivilegesStmt?.action;
  if (!grant) return undefined;
  const objtype = String(grant.objtype ?? '');
  const privileges = privilegeNames(grant.privileges, objtype);
  const grantees = granteeNames(grant.grantees);
  const scope = n.AlterDefaultPrivilegesStmt ? `defaults:${JSON.stringify(n.AlterDefaultPrivilegesStmt.options ?? [])}` : String(grant.targtype);
  const objects = n.AlterDefaultPrivilegesStmt ? [{ key: '' }] : ((grant.objects as Node[] | undefined) ?? []).map(objectOf);
  const writable = grant.targtype === 'ACL_TARGET_OBJECT' && WORDS[objtype] !== undefined;
  // Default privileges start from the same built-in defaults new objects get.
  const defaults = grant.targtype === 'ACL_TARGET_ALL_IN_SCHEMA' ? undefined : PUBLIC_DEFAULTS[objtype];
  const units = objects.flatMap((o) =>
    grantees.flatMap((g) =>
      privileges.map((p): PrivilegeUnit => ({
        key: `${scope}|${objtype}|${o.key}|${g.key}|${p}`,
        ...(g.key === ':PUBLIC' && (defaults?.includes(p) || (objtype === 'OBJECT_SCHEMA' && o.key === 'public' && p === 'USAGE')) ? { byDefault: true } : {}),
        ...(writable && o.sql ? { on: { privilege: p, object: `${WORDS[objtype]} ${o.sql}`, grantee: g.sql } } : {}),
      })),
    ),
  );
  return { isGrant: Boolean(grant.is_grant), units };
}

function privilegeNames(privileges: unknown, objtype: string): string[] {
  const list = (privileges as { AccessPriv?: { priv_name?: string; cols?: { String?: { sval?: string } }[] } }[] | undefined) ?? [];
  if (!list.length) return ALL[objtype] ?? ['ALL'];
  return list.map(({ AccessPriv: p }) => {
    const name = (p?.priv_name ?? '').toUpperCase();
    return p?.cols?.length ? `${name} (${p.cols.map((c) => quoteIdent(c.String?.sval ?? '')).join(', ')})` : name;
  });
}

function granteeNames(grantees: unknown): { key: string; sql: string }[] {
  return ((grantees as RoleSpec[] | undefined) ?? []).map(({ RoleSpec: r }) => {
    if (r?.roletype === 'ROLESPEC_CSTRING') return { key: r.rolename ?? '', sql: quoteIdent(r.rolename ?? '') };
    const word = (r?.roletype ?? '').replace('ROLESPEC_', '');
    return { key: `:${word}`, sql: word };
  });
}

function objectOf(object: Node): { key: string; sql?: string } {
  const o = object as { RangeVar?: Loose; String?: { sval?: string }; ObjectWithArgs?: { objname?: Node[]; objargs?: Node[] }; List?: { items?: Node[] } };
  if (o.RangeVar) {
    const name = fromRangeVar(o.RangeVar);
    return { key: defKey(name), sql: sqlName(name) };
  }
  if (o.String) return { key: o.String.sval ?? '', sql: quoteIdent(o.String.sval ?? '') };
  if (o.ObjectWithArgs) {
    const types = (o.ObjectWithArgs.objargs ?? []).map((a) => (a as { TypeName?: never }).TypeName);
    const id = functionIdentity(fromNameList(o.ObjectWithArgs.objname), types);
    return { key: id.key, sql: id.sql };
  }
  if (o.List) {
    const name = fromNameList(o.List.items);
    return { key: defKey(name), sql: sqlName(name) };
  }
  return { key: JSON.stringify(object) };
}
