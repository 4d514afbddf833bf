import path from 'node:path';
import type { Finding } from '../../findings.js';
import type { InputFormat, PlannedMigration } from '../types.js';
import { byVersion, compareStrings, leadingVersion } from '../order.js';
import type { FolderView, Listing } from './layout.js';

// Hand-written rollback files beside plain migrations: `003_x.down.sql` undoes `003_x.sql`.
export const ROLLBACK_NAME = /^(.*)\.(down|rollback|undo|revert)\.sql$/i;

/**
 * The `.sql` files of a folder whose names start with a version (`001_init.sql`,
 * `20140924113530_users.sql`, `2017-09-23-182408_x.sql`), in version order. Plain folders and
 * the marker layouts (dbmate, goose, sql-migrate, node-pg-migrate) all name files this way.
 * In plain folders a `<name>.down.sql` (or `.rollback.sql`, `.undo.sql`, `.revert.sql`) file
 * is the down SQL of `<name>.sql`.
 */
export async function listNumbered(folder: FolderView, format: InputFormat): Promise<Listing> {
  const migrations: PlannedMigration[] = [];
  const findings: Finding[] = [];
  const claimed = new Set<string>();
  const names = new Set(folder.files);
  for (const name of folder.files) {
    if (!name.toLowerCase().endsWith('.sql')) continue;
    const abs = path.join(folder.dir, name);
    const rollback = format === 'plain' ? ROLLBACK_NAME.exec(name) : null;
    if (rollback) {
      claimed.add(abs);
      if (!names.has(`${rollback[1]}.sql`)) {
        findings.push({ code: 'down-without-up', severity: 'warning', message: `no ${rollback[1]}.sql for this ${rollback[2]} file: skipped`, location: { file: folder.show(abs), line: 1, column: 1 } });
      }
      continue;
    }
    const v = leadingVersion(name.slice(0, -4));
    if (!v) continue;
    const planned: PlannedMigration = { version: v.version, name: v.name, format, upFile: abs };
    const down = format === 'plain' ? ['down', 'rollback', 'undo', 'revert'].map((k) => `${name.slice(0, -4)}.${k}.sql`).find((n) => names.has(n)) : undefined;
    if (down) planned.downFile = path.join(folder.dir, down);
    migrations.push(planned);
    claimed.add(abs);
  }
  return { migrations: format === 'sql-migrate' ? sqlMigrateOrder(migrations) : byVersion(migrations), findings, claimed };
}

/**
 * sql-migrate's own order (Migration.Less): by the number its file name starts with, then by
 * the file name as a string — so `2023-01-26.10-x` comes before `2023-01-26.2-y`, both 2023.
 */
function sqlMigrateOrder(migrations: PlannedMigration[]): PlannedMigration[] {
  const key = (m: PlannedMigration) => {
    const name = path.basename(m.upFile);
    const digits = /^\d+/.exec(name)?.[0];
    return { n: digits === undefined ? undefined : BigInt(digits), name };
  };
  return [...migrations].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x.n !== undefined && y.n !== undefined && x.n !== y.n) return x.n < y.n ? -1 : 1;
    if ((x.n === undefined) !== (y.n === undefined)) return x.n === undefined ? 1 : -1; // numbered first
    return compareStrings(x.name, y.name);
  });
}
