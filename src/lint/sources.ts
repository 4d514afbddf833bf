import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { findVersionLocations } from '../chain/index.js';
import { PgmendError } from '../errors.js';

/** One file lint reads. */
export interface LintSource {
  path: string;
  kind: 'alembic' | 'sql';
}

const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', '.git', 'venv', '.venv', 'site-packages']);

/**
 * The files behind the PATH arguments: Alembic projects (alembic.ini, or a script folder with
 * env.py and versions/) are read where Alembic reads them (src/chain's findVersionLocations:
 * script_location, version_locations, recursive_version_locations); .py and .sql files are
 * taken as given; any other folder yields every .py revision and .sql file under it.
 * Sorted, without duplicates.
 */
export async function findSources(paths: string[]): Promise<LintSource[]> {
  const found = new Map<string, LintSource>();
  for (const p of paths) {
    for (const s of await sourcesOf(path.resolve(p), p)) found.set(s.path, s);
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function sourcesOf(abs: string, given: string): Promise<LintSource[]> {
  const info = await stat(abs).catch(() => undefined);
  if (!info) throw new PgmendError('input-not-found', `${given} does not exist`, undefined, 'name an Alembic project, a versions folder, or .sql files');
  if (info.isFile()) {
    if (abs.endsWith('.py')) return [{ path: abs, kind: 'alembic' }];
    if (/\.sql$/i.test(abs)) return [{ path: abs, kind: 'sql' }];
    if (path.basename(abs) === 'alembic.ini') return alembicProject(abs);
    throw new PgmendError('input-unreadable', `${given} is neither a .py revision nor a .sql file`, undefined, 'name an Alembic project, a versions folder, or .sql files');
  }
  const isProject = (await isFile(path.join(abs, 'alembic.ini'))) || ((await isFile(path.join(abs, 'env.py'))) && (await isDir(path.join(abs, 'versions'))));
  return isProject ? alembicProject(abs) : listFiles(abs, true);
}

async function alembicProject(abs: string): Promise<LintSource[]> {
  const found = findVersionLocations(abs);
  if (!found.locations.length) throw new PgmendError('input-not-found', `${abs} names no versions folder that exists`, undefined, 'check script_location and version_locations in alembic.ini');
  const out: LintSource[] = [];
  for (const dir of found.locations) out.push(...(await listFiles(dir, found.recursive)).filter((s) => s.kind === 'alembic'));
  return out;
}

/** Every .py revision (as Alembic: not `__init__*`, not `.#` lock files) and .sql file in `dir`. */
async function listFiles(dir: string, recursive: boolean): Promise<LintSource[]> {
  const out: LintSource[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) out.push(...(await listFiles(full, true)));
    } else if (entry.name.endsWith('.py') && !entry.name.startsWith('__init__') && !entry.name.startsWith('.#')) out.push({ path: full, kind: 'alembic' });
    else if (/\.sql$/i.test(entry.name)) out.push({ path: full, kind: 'sql' });
  }
  return out;
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isFile() ?? false;
}

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}
