import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface NamingConfig {
  /** Alembic's `file_template`, `%` already un-doubled, e.g. `%(rev)s_%(slug)s`. */
  fileTemplate: string;
  truncateSlugLength: number;
  /** The alembic.ini it came from, when one was found. */
  ini?: string;
}

export const DEFAULT_NAMING: NamingConfig = { fileTemplate: '%(rev)s_%(slug)s', truncateSlugLength: 40 };

/**
 * Naming settings of the Alembic project the output folder belongs to: the `[alembic]`
 * section of an alembic.ini beside the versions folder or one level above it (the usual
 * `project/alembic.ini` + `project/alembic/versions/` layout).
 */
export async function namingFor(outDir: string): Promise<NamingConfig> {
  const parent = path.dirname(path.resolve(outDir));
  for (const dir of [path.resolve(outDir), parent, path.dirname(parent)]) {
    const ini = path.join(dir, 'alembic.ini');
    let text: string;
    try {
      text = await readFile(ini, 'utf8');
    } catch {
      continue;
    }
    const section = alembicSection(text);
    return {
      // ConfigParser interpolation: the file writes `%%(rev)s`, Alembic sees `%(rev)s`.
      fileTemplate: section.get('file_template')?.replaceAll('%%', '%') || DEFAULT_NAMING.fileTemplate,
      truncateSlugLength: Number(section.get('truncate_slug_length') ?? '') || DEFAULT_NAMING.truncateSlugLength,
      ini,
    };
  }
  return DEFAULT_NAMING;
}

function alembicSection(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let inAlembic = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) inAlembic = header[1] === 'alembic';
    else if (inAlembic) {
      const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
      if (kv) values.set(kv[1]!.toLowerCase(), kv[2]!);
    }
  }
  return values;
}
