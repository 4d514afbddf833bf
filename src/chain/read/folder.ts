/**
 * Finds the version locations of a project (alembic.ini, a script directory, or a bare versions
 * folder) and reads every file Alembic would load there, with Alembic's own rules: every `*.py`
 * except `__init__*` and `.#` lock files; subfolders only with recursive_version_locations;
 * compiled files only with sourceless (and then only when no source sits beside them).
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PgmendError } from '../../errors.js';
import { escapeRegExp } from '../../regexp.js';
import { configuresAlembic, DEFAULT_FILE_TEMPLATE, readAlembicConfig, type AlembicIni, type ConfigFile } from './alembic-ini.js';
import { HEAD_END, NOT_AFTER_HEAD, parseRevisionFile, parseRevisionHead, type FileWhere, type RevisionFile } from './revision-file.js';
import { endsOnShortRead, TextReader } from './text-reader.js';

export interface VersionLocations {
  /** The path the user gave, as given (reported paths start with it). */
  input: string;
  /** Absolute folders Alembic loads revisions from. */
  locations: string[];
  ini?: AlembicIni;
  recursive: boolean;
  sourceless: boolean;
  fileTemplate: string;
  /** version_table / version_table_schema found in alembic.ini or env.py's context.configure. */
  versionTable?: string;
  versionTableSchema?: string;
  /** env.py names the version table (or its schema) with an expression pgmend cannot read. */
  versionTableUnread?: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface VersionsFolder extends VersionLocations {
  files: RevisionFile[];
  /** Files Alembic would load but pgmend cannot read (compiled-only revisions). */
  skipped: SkippedFile[];
  /** Subfolders holding .py files that neither Alembic nor pgmend read here (not recursive). */
  unreadSubfolders: string[];
  /** Files that are not UTF-8 and declare no other encoding: Python refuses to import them. */
  undecodable: string[];
}

export interface ReadFolderOptions {
  /** Override recursive_version_locations. */
  recursive?: boolean;
  /**
   * Keep each file's text in memory (repair edits it). Otherwise `text` is read again on first
   * use: holding 10,000 file texts alive is what made the garbage collector dominate `check`.
   */
  keepText?: boolean;
}

export function findVersionLocations(pathOrProjectRoot: string): VersionLocations {
  const abs = path.resolve(pathOrProjectRoot);
  if (!existsSync(abs)) throw new PgmendError('input-not-found', `${pathOrProjectRoot} does not exist`, undefined, 'name a versions folder or a project root with alembic.ini');
  const isFile = statSync(abs).isFile();
  if (isFile && abs.endsWith('.py')) {
    throw new PgmendError('usage', `${pathOrProjectRoot} is a Python file: chain commands read a whole chain`, undefined, `name its folder (${path.dirname(pathOrProjectRoot) || '.'}), the project root with alembic.ini, or the alembic.ini itself`);
  }
  const base = { input: pathOrProjectRoot, recursive: false, sourceless: false, fileTemplate: DEFAULT_FILE_TEMPLATE };
  const config = projectConfig(isFile ? path.dirname(abs) : abs, isFile ? abs : undefined);
  if (config) {
    const ini = readAlembicConfig(config, true);
    const scriptDir = ini.scriptLocation ?? path.join(path.dirname(ini.file), 'alembic');
    const locations = ini.versionLocations ?? [path.join(scriptDir, 'versions')];
    const env = readEnvVersionTable(scriptDir);
    if (!locations.some((l) => existsSync(l))) {
      throw new PgmendError('input-not-found', `${ini.file} names no existing version location (${locations.join(', ')})`, undefined, 'check script_location and version_locations');
    }
    return {
      ...base,
      input: isFile ? path.dirname(pathOrProjectRoot) : pathOrProjectRoot,
      locations: locations.filter((l) => existsSync(l)),
      ini,
      recursive: ini.recursiveVersionLocations,
      sourceless: ini.sourceless,
      fileTemplate: ini.fileTemplate,
      versionTable: ini.versionTable ?? env.versionTable,
      versionTableSchema: ini.versionTableSchema ?? env.versionTableSchema,
      ...(env.versionTableUnread ? { versionTableUnread: env.versionTableUnread } : {}),
    };
  }
  // A script directory (env.py beside versions/), or a folder holding nothing but versions/.
  const hasPy = readdirSync(abs).some((n) => n.endsWith('.py') && n !== 'env.py');
  if (existsSync(path.join(abs, 'versions')) && (existsSync(path.join(abs, 'env.py')) || !hasPy)) {
    return { ...base, locations: [path.join(abs, 'versions')], ...readEnvVersionTable(abs) };
  }
  return { ...base, locations: [abs] };
}

/**
 * The project's Alembic configuration files, as the alembic command finds them in its working
 * directory: alembic.ini, and a pyproject.toml with a [tool.alembic] table. `named` is a
 * configuration file the user pointed at.
 */
function projectConfig(dir: string, named?: string): { ini?: ConfigFile; pyproject?: ConfigFile } | undefined {
  const read = (file: string): ConfigFile | undefined => (existsSync(file) && statSync(file).isFile() ? { file, text: readFileSync(file, 'utf8') } : undefined);
  const namedPyproject = named !== undefined && path.basename(named) === 'pyproject.toml';
  const ini = read(named !== undefined && !namedPyproject ? named : path.join(dir, 'alembic.ini'));
  const candidate = read(namedPyproject ? named : path.join(dir, 'pyproject.toml'));
  const pyproject = candidate && configuresAlembic(candidate) ? candidate : undefined;
  if (namedPyproject && !pyproject && !ini) throw new PgmendError('input-unreadable', `${named} has no [tool.alembic] table`, undefined, 'name the project root, its alembic.ini or its versions folder');
  return ini || pyproject ? { ini, pyproject } : undefined;
}

/** Reads every revision file of a folder or project; deterministic order (by location, then path). */
export function readVersionsFolder(pathOrProjectRoot: string, options: ReadFolderOptions = {}): VersionsFolder {
  const found = findVersionLocations(pathOrProjectRoot);
  const recursive = options.recursive ?? found.recursive;
  const files: RevisionFile[] = [];
  const skipped: SkippedFile[] = [];
  const unreadSubfolders: string[] = [];
  const undecodable: string[] = [];
  const seen = new Set<string>();
  const inputAbs = path.resolve(found.input);
  const reader = new TextReader();
  const locationSet = new Set(found.locations.map((l) => path.resolve(l)));
  for (const location of found.locations) {
    const shown = path.join(found.input, path.relative(inputAbs, location));
    // Every rel is a normalised relative path, so prefix + rel is what path.join(dir, rel)
    // gives, without its per-call cost on 10,000 files.
    const absPrefix = path.join(location, path.sep);
    const shownPrefix = shown === '.' ? '' : path.join(shown, path.sep);
    const place = { location, absPrefix, shownPrefix };
    const shortReadEnds = endsOnShortRead(location);
    const others: string[] = [];
    for (const rel of listRevisionPaths(location, recursive, found.sourceless, others)) {
      const abs = absPrefix + rel;
      // Alembic: "File loaded twice! ignoring" (only possible across several locations).
      if (found.locations.length > 1) {
        if (seen.has(abs)) continue;
        seen.add(abs);
      }
      const file = shownPrefix + rel;
      if (!abs.endsWith('.py')) {
        skipped.push({ file, reason: 'compiled file without source: pgmend cannot read it statically' });
        continue;
      }
      try {
        reader.load(abs, file, shortReadEnds);
      } catch (e) {
        if (isDirectory(abs)) continue; // listed by name only: see listRevisionPaths
        throw e;
      }
      const where = new FolderFile(place, rel);
      // Most files: only the text above `def upgrade` is decoded (see parseRevisionHead).
      const head = options.keepText ? undefined : reader.head(HEAD_END, NOT_AFTER_HEAD);
      const fromHead = head === undefined ? undefined : parseRevisionHead(head, where);
      const text = fromHead ? head! : reader.text();
      if (reader.invalidUtf8 && !CODING_DECLARATION.test(text)) undecodable.push(file);
      files.push(fromHead ?? parseRevisionFile(text, where, !options.keepText));
    }
    for (const name of others) if (holdsPython(absPrefix + name, locationSet)) unreadSubfolders.push(shownPrefix + name);
  }
  return { ...found, recursive, files, skipped, unreadSubfolders, undecodable };
}

/**
 * A file's place in its version location. The absolute and the reported path are built when
 * asked: 10,000 files holding both, mostly unused, kept the garbage collector busy.
 */
class FolderFile implements FileWhere {
  constructor(
    private place: { location: string; absPrefix: string; shownPrefix: string },
    readonly relPath: string,
  ) {}

  get location(): string {
    return this.place.location;
  }

  get path(): string {
    return this.place.absPrefix + this.relPath;
  }

  get file(): string {
    return this.place.shownPrefix + this.relPath;
  }
}

/** PEP 263: `# -*- coding: latin-1 -*-` on the first or second line names the file's encoding. */
const CODING_DECLARATION = /^(?:[^\n]*\n)?[ \t\f]*#[^\n]*?coding[:=][ \t]*[-\w.]+/;

/**
 * A folder with a .py file somewhere below it (a few levels: version folders nest by release and
 * branch), other than in the version locations, which are read on their own.
 */
function holdsPython(dir: string, locations: ReadonlySet<string>, depth = 3): boolean {
  if (locations.has(dir)) return false;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false; // not a folder (a README, a stray file)
  }
  return entries.some((e) => (e.isFile() && e.name.endsWith('.py')) || (depth > 1 && e.isDirectory() && e.name !== '__pycache__' && holdsPython(path.join(dir, e.name), locations, depth - 1)));
}

const SOURCE_FILE = /^(?!\.#|__init__).*\.py$/;
const COMPILED_FILE = /^(?!\.#|__init__).*\.py[co]$/;

/** `others`: names that are not `.py` files and may be subfolders (only when not recursive). */
function listRevisionPaths(dir: string, recursive: boolean, sourceless: boolean, others: string[]): string[] {
  // Only `*.py` files matter here. Listing names without types costs half as much on 10,000
  // files; a directory named like a revision fails to read and is skipped then, as a typed
  // listing would have skipped it (a symbolic link is not a directory for either).
  if (!recursive && !sourceless) {
    const names = readdirSync(dir).sort();
    for (const name of names) if (!name.endsWith('.py') && name !== '__pycache__' && !name.startsWith('.')) others.push(name);
    return names.filter((name) => SOURCE_FILE.test(name));
  }
  const out: string[] = [];
  const walk = (rel: string) => {
    const entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    // Names in the native default sort (code-unit order, like `<`): a comparator called
    // 100,000 times for 10,000 files costs more than looking the few directories up.
    const names = entries.map((e) => e.name).sort();
    const dirs = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
    const stems = sourceless ? new Set(names.map((n) => n.split('.')[0])) : undefined;
    for (const name of names) {
      const r = rel ? path.join(rel, name) : name; // a listed name is already normal
      if (dirs.has(name)) {
        if (name === '__pycache__' && sourceless) {
          for (const pyc of readdirSync(path.join(dir, r)).sort()) if (COMPILED_FILE.test(pyc) && !stems!.has(pyc.split('.')[0])) out.push(path.join(r, pyc));
        } else if (recursive && name !== '__pycache__') walk(r);
      } else if (SOURCE_FILE.test(name)) out.push(r);
      else if (sourceless && COMPILED_FILE.test(name) && !names.includes(name.replace(/[co]$/, ''))) out.push(r);
    }
  };
  walk('');
  return out;
}

function isDirectory(abs: string): boolean {
  try {
    return lstatSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `version_table='x'` / `version_table_schema='y'` keywords anywhere in env.py, as literals or as
 * module-level constants (`version_table=VERSION_TABLE` with `VERSION_TABLE = "x"`). An
 * expression pgmend cannot read is kept as `unread`, so `--db` can refuse to guess.
 */
function readEnvVersionTable(scriptDir: string): Pick<VersionLocations, 'versionTable' | 'versionTableSchema' | 'versionTableUnread'> {
  const env = path.join(scriptDir, 'env.py');
  if (!existsSync(env)) return {};
  const text = readFileSync(env, 'utf8');
  const unread: string[] = [];
  const pick = (key: string): string | undefined => {
    const m = new RegExp(`\\b${key}\\s*=\\s*(?:[rRuU]?["']([^"'\\n]+)["']|([A-Za-z_][\\w.]*))`).exec(text);
    if (!m) return undefined;
    if (m[1] !== undefined) return m[1];
    if (m[2] === 'None') return undefined; // Alembic's default
    const constant = new RegExp(`^${escapeRegExp(m[2]!)}\\s*(?::[^=\\n]*)?=\\s*[rRuU]?["']([^"'\\n]+)["']`, 'm').exec(text)?.[1];
    if (constant === undefined) unread.push(`${key}=${m[2]}`);
    return constant;
  };
  const found = { versionTable: pick('version_table'), versionTableSchema: pick('version_table_schema') };
  return unread.length ? { ...found, versionTableUnread: unread.join(', ') } : found;
}
