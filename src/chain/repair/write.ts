/**
 * Writes a repair: every file it changes or deletes is first copied to
 * `.pgmend-backup/<timestamp>/` beside the version location, then replaced atomically (temp file
 * in the same folder, then rename) or deleted.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PgmendError } from '../../errors.js';
import { BACKUP_DIR, MANIFEST, type RepairManifest } from './manifest.js';

export interface FileChange {
  /** Absolute path. */
  path: string;
  /** Reported path. */
  file: string;
  before?: string;
  /** null: the file is deleted (a copy of another revision). */
  after: string | null;
  /** The file moves here (absolute, and as reported): its name carried the id the repair changed. */
  movedTo?: { path: string; file: string };
}

export function writeChanges(changes: FileChange[], backupBase: string, idMap: Record<string, string>, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const backupDir = path.join(backupBase, BACKUP_DIR, stamp);
  try {
    mkdirSync(backupDir, { recursive: true });
    for (const c of changes) {
      if (c.before === undefined) continue;
      const rel = path.relative(backupBase, c.path);
      const target = path.join(backupDir, rel.startsWith('..') ? path.basename(c.path) : rel);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(c.path, target);
    }
    const manifest: RepairManifest = {
      idMap,
      changed: changes.filter((c) => c.before !== undefined && c.after !== null).map((c) => c.movedTo?.file ?? c.file),
      moved: changes.flatMap((c) => (c.movedTo ? [{ from: c.file, to: c.movedTo.file }] : [])),
      created: changes.filter((c) => c.before === undefined).map((c) => c.file),
      deleted: changes.filter((c) => c.after === null).map((c) => c.file),
    };
    writeFileSync(path.join(backupDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const c of changes) {
      if (c.after === null) {
        unlinkSync(c.path);
        continue;
      }
      const target = c.movedTo?.path ?? c.path;
      const tmp = path.join(path.dirname(target), `.${path.basename(target)}.pgmend-tmp-${process.pid}`);
      writeFileSync(tmp, c.after);
      renameSync(tmp, target);
      if (c.movedTo) unlinkSync(c.path);
    }
  } catch (e) {
    const hint = existsSync(backupDir) ? `originals of the files written so far are in ${backupDir}` : 'nothing was changed: check that the folder is writable';
    throw new PgmendError('usage', `cannot write the repair: ${(e as Error).message}`, undefined, hint, { cause: e });
  }
  return backupDir;
}
