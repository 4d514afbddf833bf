import path from 'node:path';
import type { PlannedMigration } from '../types.js';
import { wholeFile, type FolderView, type Layout, type Listing } from './layout.js';

// Prisma Migrate: one folder per migration, `<version>_<name>/migration.sql` (the version a
// timestamp, or any digits: Prisma's baselining guide names its first one `0_init`), beside a
// `migration_lock.toml`. Prisma has no down migrations; it applies the folders in name order.
export const PRISMA_DIR = /^(\d+)_(.+)$/;
export const PRISMA_FILE = 'migration.sql';

export const prisma: Layout = {
  format: 'prisma',
  list,
  sections: (text) => wholeFile(text),
};

async function list(folder: FolderView): Promise<Listing> {
  const migrations: PlannedMigration[] = [];
  const claimed = new Set<string>();
  for (const dir of [...folder.dirs].sort()) {
    const m = PRISMA_DIR.exec(dir);
    if (!m || !(await folder.filesIn(dir)).includes(PRISMA_FILE)) continue;
    const upFile = path.join(folder.dir, dir, PRISMA_FILE);
    migrations.push({ version: m[1]!, name: m[2]!, format: 'prisma', upFile });
    claimed.add(upFile);
  }
  if (folder.files.includes('migration_lock.toml')) claimed.add(path.join(folder.dir, 'migration_lock.toml'));
  return { migrations, findings: [], claimed };
}
