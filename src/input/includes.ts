import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { MetaCommand } from '../sql/split.js';

const ABSOLUTE_OR_CWD = new Set(['i', 'include']);
const RELATIVE = new Set(['ir', 'include_relative']);

export function isInclude(meta: MetaCommand): boolean {
  return ABSOLUTE_OR_CWD.has(meta.name) || RELATIVE.has(meta.name);
}

/** psql's file argument: the first word, or a single-quoted name (`\i 'my file.sql'`). */
export function includeArgument(meta: MetaCommand): string {
  const quoted = /^'((?:[^']|'')*)'/.exec(meta.args);
  if (quoted) return quoted[1]!.replace(/''/g, "'");
  return meta.args.split(/\s+/)[0] ?? '';
}

/**
 * Where psql would find an included file. `\ir` is relative to the including file; `\i` to
 * the directory psql runs in (the user's cwd) — but migrations are often applied from their
 * own folder, so the including file's folder is tried next.
 */
export async function resolveInclude(meta: MetaCommand, includingFile: string, cwd: string): Promise<{ tried: string[]; found?: string }> {
  const arg = includeArgument(meta);
  if (!arg) return { tried: [] };
  const here = path.dirname(includingFile);
  const tried = path.isAbsolute(arg)
    ? [arg]
    : RELATIVE.has(meta.name)
      ? [path.resolve(here, arg)]
      : [...new Set([path.resolve(cwd, arg), path.resolve(here, arg)])];
  for (const candidate of tried) {
    const s = await stat(candidate).catch(() => undefined);
    if (s?.isFile()) return { tried, found: candidate };
  }
  return { tried };
}
