/**
 * The parts of alembic.ini that decide which files Alembic loads, read the way Python's
 * configparser does (sections, `key = value` or `key: value`, indented continuation lines,
 * `#`/`;` comment lines, `%(here)s` interpolation and `%%`).
 */
import path from 'node:path';

export interface AlembicIni {
  file: string;
  scriptLocation?: string;
  /** Absolute version locations, split with Alembic's separator rules. */
  versionLocations?: string[];
  recursiveVersionLocations: boolean;
  sourceless: boolean;
  fileTemplate: string;
  versionTable?: string;
  versionTableSchema?: string;
}

export const DEFAULT_FILE_TEMPLATE = '%(rev)s_%(slug)s';

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
  const here = path.dirname(path.resolve(file));
  const main = parseIniSections(text).get('alembic') ?? new Map<string, string>();
  const get = (k: string) => {
    const v = main.get(k);
    return v === undefined ? undefined : v.replaceAll('%(here)s', here).replaceAll('%%', '%');
  };
  const resolve = (p: string) => path.resolve(here, resourcePath(p));
  const scriptLocation = get('script_location');
  const locations = get('version_locations');
  return {
    file,
    scriptLocation: scriptLocation ? resolve(scriptLocation) : undefined,
    versionLocations: locations ? splitLocations(locations, get('version_path_separator') ?? get('path_separator')).map(resolve) : undefined,
    recursiveVersionLocations: get('recursive_version_locations') === 'true',
    sourceless: get('sourceless') === 'true',
    fileTemplate: get('file_template') ?? DEFAULT_FILE_TEMPLATE,
    versionTable: get('version_table'),
    versionTableSchema: get('version_table_schema'),
  };
}

/** Alembic's rules: no separator option → split on commas and spaces (legacy); else the named one. */
export function splitLocations(value: string, separator: string | undefined): string[] {
  const char = separator === undefined ? undefined : ({ space: ' ', os: path.delimiter, newline: '\n', ':': ':', ';': ';' } as Record<string, string>)[separator];
  const parts = char === undefined ? value.split(/, *|(?: +)|\n/) : value.split(char);
  return parts.map((s) => s.trim()).filter(Boolean);
}

/** `package:resource` (a Python package path) becomes `package/resource`, relative to the ini. */
function resourcePath(p: string): string {
  return /^[A-Za-z_][\w.]*:[^\\/]/.test(p) && !/^[A-Za-z]:[\\/]/.test(p) ? p.replace(':', '/').replaceAll('.', '/') : p;
}
