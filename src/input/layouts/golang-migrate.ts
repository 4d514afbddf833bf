import path from 'node:path';
import type { Finding } from '../../findings.js';
import type { PlannedMigration } from '../types.js';
import { byVersion } from '../order.js';
import { wholeFile, type FolderView, type Layout, type Listing } from './layout.js';

// golang-migrate: `{version}_{title}.up.sql` / `.down.sql`, version an unsigned integer.
export const GOLANG_MIGRATE_NAME = /^(\d+)_(.*)\.(up|down)\.sql$/;

export const golangMigrate: Layout = {
  format: 'golang-migrate',
  list,
  sections: (text) => wholeFile(text),
};

async function list(folder: FolderView): Promise<Listing> {
  const ups = new Map<string, PlannedMigration>();
  const duplicated = new Set<string>();
  const downs: Array<{ key: string; title: string; abs: string }> = [];
  const findings: Finding[] = [];
  const claimed = new Set<string>();
  for (const name of folder.files) {
    const m = GOLANG_MIGRATE_NAME.exec(name);
    if (!m) continue;
    const abs = path.join(folder.dir, name);
    claimed.add(abs);
    const key = BigInt(m[1]!).toString();
    if (m[3] === 'down') {
      downs.push({ key, title: m[2]!, abs });
      continue;
    }
    if (ups.has(key)) {
      findings.push(duplicate(folder.show(abs), folder.show(ups.get(key)!.upFile)));
      duplicated.add(key);
      continue;
    }
    ups.set(key, { version: m[1]!, name: m[2]!, format: 'golang-migrate', upFile: abs });
  }
  // A down file undoes the up file of its version; where two up files share a version, only
  // the one with its title (the other up file, skipped, takes its own down file along).
  for (const { key, title, abs } of downs) {
    const up = ups.get(key);
    if (up && !up.downFile && (up.name === title || !duplicated.has(key))) up.downFile = abs;
    else
      findings.push({
        code: 'down-without-up',
        severity: 'warning',
        message: up ? `down migration of a skipped up file with version ${up.version}: skipped` : 'down migration without a matching up file: skipped',
        location: { file: folder.show(abs), line: 1, column: 1 },
      });
  }
  return { migrations: byVersion([...ups.values()]), findings, claimed };
}

export function duplicate(file: string, first: string): Finding {
  return {
    code: 'duplicate-version',
    severity: 'warning',
    message: `same version as ${first}: its tool refuses two migrations with one version; this one is skipped`,
    location: { file, line: 1, column: 1 },
    hint: 'renumber one of them',
  };
}
