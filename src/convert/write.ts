import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PgmendError } from '../errors.js';
import type { RenderedFile } from '../render/index.js';

/**
 * Writes every file or none: refuses (before touching anything) when a file exists and
 * `force` is off; writes temporary files, then renames them into place, keeping what it
 * replaces until all renames succeeded, and puts everything back on any failure.
 */
export async function writeAll(outDir: string, files: RenderedFile[], force: boolean): Promise<void> {
  const targets = files.map((f) => ({ ...f, target: path.resolve(outDir, f.path) }));
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.target)) throw new PgmendError('usage', `two revisions would both be written to ${t.target}`, undefined, 'use a file_template with %(rev)s in it');
    seen.add(t.target);
  }
  const existing = new Set<string>();
  for (const t of targets) if (await exists(t.target)) existing.add(t.target);
  if (existing.size && !force) {
    const first = [...existing][0]!;
    throw new PgmendError(
      'output-exists',
      `${first} already exists${existing.size > 1 ? ` (and ${existing.size - 1} more)` : ''}; nothing was written`,
      undefined,
      'use --force to overwrite, or convert into another folder',
    );
  }
  const tag = `.pgmend-${process.pid}-${Date.now()}`;
  const temps: string[] = [];
  const backups: { target: string; backup: string }[] = [];
  const placed: string[] = [];
  try {
    for (const t of targets) {
      await mkdir(path.dirname(t.target), { recursive: true });
      const temp = `${t.target}${tag}.tmp`;
      temps.push(temp);
      await writeFile(temp, t.contents, 'utf8');
    }
    for (const [i, t] of targets.entries()) {
      if (existing.has(t.target)) {
        const backup = `${t.target}${tag}.bak`;
        await rename(t.target, backup);
        backups.push({ target: t.target, backup });
      }
      await rename(temps[i]!, t.target);
      placed.push(t.target);
    }
  } catch (e) {
    for (const p of placed) await rm(p, { force: true });
    for (const b of backups) await rename(b.backup, b.target).catch(() => {});
    for (const t of temps) await rm(t, { force: true });
    throw new PgmendError('usage', `cannot write to ${outDir}: ${(e as Error).message}; nothing was written`, undefined, undefined, { cause: e });
  }
  for (const b of backups) await rm(b.backup, { force: true });
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
