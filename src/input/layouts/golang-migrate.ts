import path from 'node:path';
import type { Finding } from '../../findings.js';
import type { PlannedMigration } from '../types.js';
import { byVersion } from '../order.js';
import { wholeFile, type FolderView, type Layout, type Listing } from './layout.js';

// golang-migrate: `{version}_{title}.up.sql` / `.down.sql`, version an unsigned integer; also
// the same pairs written `V{version}.{title}.up.sql` (Authelia's migrations).
export const GOLANG_MIGRATE_NAME = /^V?(\d+)[_.](.*)\.(up|down)\.sql$/;

export const golangMigrate: Layout = {
  format: 'golang-migrate',
  list,
  sections: (text) => wholeFile(text),
};

async function list(folder: FolderView): Promise<Listing> {
  const ups = new Map<string, PlannedMigration>();
  const duplicated = new Set<string>();
  const downs: Array<{ key: string; title: string; abs: string }> = [];
  const findings: Finding[] = [];
  const claimed = new Set<string>();
  const { names, otherDatabases } = postgresFiles(folder.files);
  for (const name of otherDatabases) claimed.add(path.join(folder.dir, name));
  if (otherDatabases.length) {
    findings.push({
      code: 'other-database-files',
      severity: 'info',
      message: `${otherDatabases.length} migration file(s) left aside: written for other databases (${[...new Set(otherDatabases.flatMap((n) => DIALECT.exec(stem(n))?.[1] ?? []))].join(', ') || 'none'}) or replaced by a .postgres. variant`,
      location: { file: folder.show(path.join(folder.dir, otherDatabases[0]!)), line: 1, column: 1 },
    });
  }
  for (const name of names) {
    const m = GOLANG_MIGRATE_NAME.exec(name);
    if (!m) continue;
    const abs = path.join(folder.dir, name);
    claimed.add(abs);
    const key = BigInt(m[1]!).toString();
    const title = m[2]!.replace(DIALECT, '');
    if (m[3] === 'down') {
      downs.push({ key, title, abs });
      continue;
    }
    if (ups.has(key)) {
      findings.push(duplicate(folder.show(abs), folder.show(ups.get(key)!.upFile)));
      duplicated.add(key);
      continue;
    }
    ups.set(key, { version: m[1]!, name: title, format: 'golang-migrate', upFile: abs });
  }
  // A down file undoes the up file of its version; where two up files share a version, only
  // the one with its title (the other up file, skipped, takes its own down file along).
  for (const { key, title, abs } of downs) {
    const up = ups.get(key);
    if (up && !up.downFile && (up.name === title || !duplicated.has(key))) up.downFile = abs;
    else
      findings.push({
        code: 'down-without-up',
        severity: 'warning',
        message: up ? `down migration of a skipped up file with version ${up.version}: skipped` : 'down migration without a matching up file: skipped',
        location: { file: folder.show(abs), line: 1, column: 1 },
      });
  }
  return { migrations: byVersion([...ups.values()]), findings, claimed };
}

/**
 * Ory's pop writes one file per database beside a generic one: `1_users.postgres.up.sql`,
 * `1_users.mysql.up.sql`, `1_users.up.sql`. Of each migration and direction the PostgreSQL
 * file is read, else the generic one; files for other databases are left aside.
 */
const DIALECT = /\.(postgres|postgresql|cockroach|mysql|mariadb|sqlite3|sqlite|mssql|sqlserver)$/;
const POSTGRES = new Set(['postgres', 'postgresql']);

function stem(name: string): string {
  return name.replace(/\.(?:up|down)\.sql$/, '');
}

function postgresFiles(files: readonly string[]): { names: string[]; otherDatabases: string[] } {
  const dialectOf = (name: string) => (GOLANG_MIGRATE_NAME.test(name) ? DIALECT.exec(stem(name))?.[1] : undefined);
  if (!files.some((n) => dialectOf(n) !== undefined)) return { names: [...files], otherDatabases: [] };
  const variant = (name: string) => `${stem(name).replace(DIALECT, '')}\0${/\.(up|down)\.sql$/.exec(name)![1]}`;
  const hasPostgres = new Set(files.filter((n) => POSTGRES.has(dialectOf(n) ?? '')).map(variant));
  const names: string[] = [];
  const otherDatabases: string[] = [];
  for (const name of files) {
    const dialect = dialectOf(name);
    if (dialect === undefined) (GOLANG_MIGRATE_NAME.test(name) && hasPostgres.has(variant(name)) ? otherDatabases : names).push(name);
    else (POSTGRES.has(dialect) ? names : otherDatabases).push(name);
  }
  return { names, otherDatabases };
}

export function duplicate(file: string, first: string): Finding {
  return {
    code: 'duplicate-version',
    severity: 'warning',
    message: `same version as ${first}: its tool refuses two migrations with one version; this one is skipped`,
    location: { file, line: 1, column: 1 },
    hint: 'renumber one of them',
  };
}
