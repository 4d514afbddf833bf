import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlannedMigration } from '../types.js';
import { byVersion } from '../order.js';
import { wholeFile, type FolderView, type Layout, type Listing } from './layout.js';

// diesel: one folder per migration, `<version>_<name>/up.sql` (+ `down.sql`); the version is
// the part before the first `_`, compared with its dashes removed (as diesel does).
export const DIESEL_DIR = /^(\d[\d-]*)_(.+)$/;

export const diesel: Layout = {
  format: 'diesel',
  list,
  sections: (text) => wholeFile(text),
};

async function list(folder: FolderView): Promise<Listing> {
  const migrations: PlannedMigration[] = [];
  const claimed = new Set<string>();
  for (const dir of folder.dirs) {
    const m = DIESEL_DIR.exec(dir);
    if (!m) continue;
    const files = await folder.filesIn(dir);
    if (!files.includes('up.sql')) continue;
    const base = path.join(folder.dir, dir);
    const planned: PlannedMigration = { version: m[1]!, name: m[2]!, format: 'diesel', upFile: path.join(base, 'up.sql') };
    if (files.includes('down.sql')) planned.downFile = path.join(base, 'down.sql');
    if (files.includes('metadata.toml') && (await runsOutsideTransaction(path.join(base, 'metadata.toml')))) planned.transactional = false;
    migrations.push(planned);
    claimed.add(planned.upFile);
  }
  return { migrations: byVersion(migrations), findings: [], claimed };
}

/** diesel 2: `run_in_transaction = false` in the migration's metadata.toml. */
async function runsOutsideTransaction(file: string): Promise<boolean> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return /^\s*run_in_transaction\s*=\s*false\s*$/m.test(text);
}
