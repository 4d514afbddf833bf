import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { configuresAlembic, readAlembicConfig, type ConfigFile } from '../chain/index.js';

export interface NamingConfig {
  /** Alembic's `file_template`, `%` already un-doubled, e.g. `%(rev)s_%(slug)s`. */
  fileTemplate: string;
  truncateSlugLength: number;
  /** The alembic.ini (or pyproject.toml) it came from, when one was found. */
  ini?: string;
}

export const DEFAULT_NAMING: NamingConfig = { fileTemplate: '%(rev)s_%(slug)s', truncateSlugLength: 40 };

/**
 * Naming settings of the Alembic project the output folder belongs to: the alembic.ini (and
 * pyproject.toml `[tool.alembic]`) beside the versions folder or up to two levels above it (the
 * usual `project/alembic.ini` + `project/alembic/versions/` layout).
 */
export async function namingFor(outDir: string): Promise<NamingConfig> {
  const parent = path.dirname(path.resolve(outDir));
  for (const dir of [path.resolve(outDir), parent, path.dirname(parent)]) {
    const ini = await readConfig(path.join(dir, 'alembic.ini'));
    const pyproject = await readConfig(path.join(dir, 'pyproject.toml'));
    const toml = pyproject && configuresAlembic(pyproject) ? pyproject : undefined;
    if (!ini && !toml) continue;
    const config = readAlembicConfig({ ini, pyproject: toml });
    return { fileTemplate: config.fileTemplate, truncateSlugLength: config.truncateSlugLength, ini: config.file };
  }
  return DEFAULT_NAMING;
}

async function readConfig(file: string): Promise<ConfigFile | undefined> {
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch {
    return undefined;
  }
}
