/**
 * The parts of an Alembic project's configuration that decide which files Alembic loads and
 * how it names new ones: `[alembic]` in alembic.ini, read the way Python's configparser does
 * (sections, `key = value` or `key: value`, indented continuation lines, `#`/`;` comment lines,
 * `%(here)s` interpolation and `%%`), then `[tool.alembic]` in pyproject.toml (Alembic 1.16+)
 * for what the ini leaves out: Alembic searches the ini first.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// smol-toml is loaded only for a project with a pyproject.toml.
const require = createRequire(import.meta.url);
import { PgmendError } from '../../errors.js';

export interface AlembicIni {
  /** The alembic.ini, or the pyproject.toml when there is no ini. */
  file: string;
  scriptLocation?: string;
  /** Absolute version locations, split with Alembic's separator rules. */
  versionLocations?: string[];
  recursiveVersionLocations: boolean;
  sourceless: boolean;
  fileTemplate: string;
  truncateSlugLength: number;
  versionTable?: string;
  versionTableSchema?: string;
}

export const DEFAULT_FILE_TEMPLATE = '%(rev)s_%(slug)s';
export const DEFAULT_TRUNCATE_SLUG_LENGTH = 40;

/** A configuration file's text and path. */
export interface ConfigFile {
  text: string;
  file: string;
}

export function parseIniSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || !raw.trim()) {
      if (!raw.trim()) lastKey = undefined;
      continue;
    }
    const sec = /^\[([^\]]+)\]/.exec(raw);
    if (sec) {
      current = sections.get(sec[1]!) ?? new Map();
      sections.set(sec[1]!, current);
      lastKey = undefined;
      continue;
    }
    if (!current) continue;
    if (/^\s/.test(raw) && lastKey) {
      current.set(lastKey, `${current.get(lastKey)}\n${raw.trim()}`);
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (kv) {
      lastKey = kv[1]!.toLowerCase();
      current.set(lastKey, kv[2]!.trim());
    }
  }
  return sections;
}

export function readAlembicIni(text: string, file: string): AlembicIni {
  return readAlembicConfig({ ini: { text, file } });
}

type Value = string | string[] | boolean | number;

/**
 * The options of alembic.ini's `[alembic]`, then of pyproject.toml's `[tool.alembic]`; either may
 * be absent. `strict`: stop where Alembic stops, without an `[alembic]` section or a
 * script_location (reading a chain needs them; naming new revisions does not).
 */
export function readAlembicConfig(from: { ini?: ConfigFile; pyproject?: ConfigFile }, strict = false): AlembicIni {
  const sources: Array<{ here: string; values: Map<string, Value> }> = [];
  if (from.ini) sources.push({ here: dirOf(from.ini.file), values: alembicSection(from.ini, strict && !from.pyproject) });
  if (from.pyproject) sources.push({ here: dirOf(from.pyproject.file), values: toolAlembic(from.pyproject) });
  // Each value with its own file's %(here)s: the ini's and the pyproject's may differ.
  const lookup = (k: string): { value: Value; here: string } | undefined => {
    for (const { here, values } of sources) {
      const value = values.get(k);
      if (value !== undefined) return { value, here };
    }
    return undefined;
  };
  // configparser's interpolation: `%(here)s`, `%(key)s` of the section (or [DEFAULT]), `%%`.
  const text = (v: string, here: string) => interpolate(v, here, sources[0]?.values ?? new Map());
  const get = (k: string): string | undefined => {
    const found = lookup(k);
    return found === undefined ? undefined : text(String(found.value), found.here);
  };
  const script = lookup('script_location');
  if (!script && strict) {
    const file = (from.ini ?? from.pyproject)!.file;
    throw new PgmendError('input-unreadable', `${file} has no script_location: Alembic stops with "No 'script_location' key found in configuration"`, undefined, 'add script_location, or point pgmend at the versions folder itself');
  }
  const locations = lookup('version_locations');
  return {
    file: (from.ini ?? from.pyproject)!.file,
    scriptLocation: script ? resolveLocation(text(String(script.value), script.here), script.here) : undefined,
    versionLocations: locations
      ? (Array.isArray(locations.value) ? locations.value : splitLocations(String(locations.value), get('version_path_separator') ?? get('path_separator'))).map((l) =>
          resolveLocation(text(l, locations.here), locations.here),
        )
      : undefined,
    recursiveVersionLocations: get('recursive_version_locations') === 'true',
    sourceless: get('sourceless') === 'true',
    fileTemplate: get('file_template') || DEFAULT_FILE_TEMPLATE,
    truncateSlugLength: Number(get('truncate_slug_length') ?? '') || DEFAULT_TRUNCATE_SLUG_LENGTH,
    versionTable: get('version_table'),
    versionTableSchema: get('version_table_schema'),
  };
}

const dirOf = (file: string) => path.dirname(path.resolve(file));

/**
 * `[alembic]` with the keys of `[DEFAULT]` beneath it, as configparser gives them. Without the
 * section (and no pyproject.toml to read instead), Alembic stops; so does pgmend, naming the
 * sections there are (`alembic -n NAME` reads another one).
 */
function alembicSection(ini: ConfigFile, alone: boolean): Map<string, Value> {
  const sections = parseIniSections(ini.text);
  const section = sections.get('alembic');
  if (!section && alone) {
    const others = [...sections.keys()].filter((s) => s !== 'DEFAULT');
    throw new PgmendError('input-unreadable', `${ini.file} has no [alembic] section${others.length ? ` (it has ${others.map((s) => `[${s}]`).join(', ')})` : ''}: Alembic stops the same way`, undefined, others.length ? `pgmend reads [alembic], as alembic does without -n; for another section, point pgmend at its versions folder` : 'add an [alembic] section, or point pgmend at the versions folder itself');
  }
  return new Map([...(sections.get('DEFAULT') ?? []), ...(section ?? [])]);
}

function interpolate(raw: string, here: string, vars: Map<string, Value>, depth = 0): string {
  return raw.replace(/%%|%\(([^)]+)\)s/g, (m, key: string | undefined) => {
    if (key === undefined) return '%';
    const k = key.toLowerCase();
    if (k === 'here') return here;
    const v = vars.get(k);
    return v === undefined || depth > 10 ? m : interpolate(String(v), here, vars, depth + 1);
  });
}

/** `[tool.alembic]` of a pyproject.toml: strings, lists of strings, booleans, numbers. */
function toolAlembic({ text, file }: ConfigFile): Map<string, Value> {
  let doc: Record<string, unknown>;
  try {
    doc = (require('smol-toml') as typeof import('smol-toml')).parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new PgmendError('input-unreadable', `${file} is not valid TOML: ${(e as Error).message.split('\n')[0]}`, undefined, 'fix the file, or point pgmend at the versions folder itself');
  }
  const section = ((doc.tool as Record<string, unknown> | undefined)?.alembic ?? {}) as Record<string, unknown>;
  const values = new Map<string, Value>();
  for (const [k, v] of Object.entries(section)) {
    if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') values.set(k.toLowerCase(), v);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) values.set(k.toLowerCase(), v as string[]);
  }
  return values;
}

/** Whether a pyproject.toml configures Alembic at all. */
export function configuresAlembic(pyproject: ConfigFile): boolean {
  return /^\s*\[tool\.alembic\]/m.test(pyproject.text);
}

/** Alembic's rules: no separator option → split on commas and spaces (legacy); else the named one. */
export function splitLocations(value: string, separator: string | undefined): string[] {
  const char = separator === undefined ? undefined : ({ space: ' ', os: path.delimiter, newline: '\n', ':': ':', ';': ';' } as Record<string, string>)[separator];
  const parts = char === undefined ? value.split(/, *|(?: +)|\n/) : value.split(char);
  return parts.map((s) => s.trim()).filter(Boolean);
}

/**
 * A location as an absolute path. Alembic takes a relative path from its working directory and
 * a `package:resource` from wherever Python imports the package. pgmend looks in the working
 * directory first (Alembic's rule), then where they usually are when pgmend runs elsewhere:
 * beside the config file, then the folders above it (a package root, as
 * `sahara/db/migration/alembic_migrations` or `rally.common.db:migrations` need), each also with
 * `src/` (the src layout). The first that exists wins; with none, the path beside the config
 * file, for the error message.
 */
function resolveLocation(location: string, here: string): string {
  if (path.isAbsolute(location)) return path.normalize(location);
  const rel = resourcePath(location);
  const roots = [process.cwd(), here];
  for (let dir = here; path.dirname(dir) !== dir; ) roots.push((dir = path.dirname(dir)));
  const candidates = roots.flatMap((root) => [path.resolve(root, rel), ...(rel === location ? [] : [path.resolve(root, 'src', rel)])]);
  return candidates.find((p) => existsSync(p)) ?? path.resolve(here, rel);
}

/** `package.sub:resource` (a Python package and a path inside it) becomes `package/sub/resource`; Alembic joins further `:` parts as folders. */
function resourcePath(p: string): string {
  const m = /^([A-Za-z_][\w.]*):(?![\\/])(.*)$/.exec(p);
  return m && !/^[A-Za-z]:[\\/]/.test(p) ? path.join(m[1]!.replaceAll('.', '/'), ...m[2]!.split(':')) : p;
}
