import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../../findings.js';
import type { PlannedMigration } from '../types.js';
import { byVersion, compareStrings } from '../order.js';
import { duplicate } from './golang-migrate.js';
import { wholeFile, type FolderView, type Layout, type Listing } from './layout.js';

// Flyway: `V<version>__<desc>.sql` (version parts separated by `.` or `_`), undo `U<version>__`,
// repeatable `R__<desc>.sql`. Flyway scans the location recursively.
export const FLYWAY_NAME = /^(?:([VU])(\d+(?:[._]\d+)*)|R)__(.+)\.sql$/;

export const flyway: Layout = {
  format: 'flyway',
  list,
  sections: (text) => wholeFile(text),
};

async function list(folder: FolderView): Promise<Listing> {
  const versioned = new Map<string, PlannedMigration>();
  const undo = new Map<string, string>();
  const findings: Finding[] = [];
  const claimed = new Set<string>();
  const at = (abs: string) => ({ file: folder.show(abs), line: 1, column: 1 });
  for (const abs of await walk(folder.dir)) {
    const m = FLYWAY_NAME.exec(path.basename(abs));
    if (!m) {
      // Flyway scans subfolders too: what it would not run there is said, as at the top.
      if (abs.endsWith('.sql')) {
        claimed.add(abs);
        findings.push(notMigration(path.basename(abs), at(abs)));
      }
      continue;
    }
    claimed.add(abs);
    if (!m[1]) {
      findings.push({
        code: 'flyway-repeatable',
        severity: 'warning',
        message: 'repeatable migration (R__) not converted: Flyway re-runs it whenever it changes, which a revision chain cannot express',
        location: at(abs),
        hint: 'move its final definitions into a revision by hand (CREATE OR REPLACE …)',
      });
      continue;
    }
    const version = m[2]!.replace(/_/g, '.');
    const key = canonical(version);
    if (m[1] === 'U') {
      undo.set(key, abs);
      continue;
    }
    const seen = versioned.get(key);
    if (seen) {
      findings.push(duplicate(folder.show(abs), folder.show(seen.upFile)));
      continue;
    }
    const planned: PlannedMigration = { version, name: m[3]!, format: 'flyway', upFile: abs };
    if (await runsOutsideTransaction(`${abs}.conf`)) planned.transactional = false;
    versioned.set(key, planned);
  }
  for (const [key, abs] of undo) {
    const v = versioned.get(key);
    if (v) v.downFile = abs;
    else findings.push({ code: 'down-without-up', severity: 'warning', message: 'undo migration without a matching V migration: skipped', location: at(abs) });
  }
  return { migrations: byVersion([...versioned.values()]), findings, claimed };
}

/** Flyway's callbacks (`beforeMigrate.sql`, `afterMigrate__touch.sql`, …) run around migrations. */
const CALLBACK = /^(?:before|after)[A-Z][A-Za-z]*(?:__.*)?\.sql$/;

function notMigration(name: string, location: Finding['location']): Finding {
  const callback = CALLBACK.test(name);
  return {
    code: 'input-file-skipped',
    severity: 'warning',
    message: callback ? 'Flyway callback (it runs around migrations, not as one): not converted' : 'not named like a flyway migration: skipped',
    location,
    hint: callback ? 'move what it does into a revision by hand if the schema needs it' : 'name the file on the command line to read it, in the order you need',
  };
}

/** `1.01.0` and `1.1` are one Flyway version. */
function canonical(version: string): string {
  const parts = version.split('.').map((p) => BigInt(p).toString());
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  return parts.join('.');
}

/** Per-script config (`V1__x.sql.conf`): `executeInTransaction=false`. */
async function runsOutsideTransaction(conf: string): Promise<boolean> {
  const text = await readFile(conf, 'utf8').catch(() => '');
  return /^\s*executeInTransaction\s*=\s*false\s*$/m.test(text);
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compareStrings(a.name, b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(abs)));
    else out.push(abs);
  }
  return out;
}
