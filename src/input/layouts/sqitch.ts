import path from 'node:path';
import type { Finding } from '../../findings.js';
import type { PlannedMigration } from '../types.js';
import { wholeFile, type FolderView, type Layout, type Listing } from './layout.js';

// Sqitch: `sqitch.plan` lists the changes in deploy order; each change `name` has its up SQL in
// `deploy/name.sql` and its down SQL in `revert/name.sql` (`verify/` is not a migration). A
// reworked change (its name planned again later) keeps its earlier scripts as `name@tag.sql`,
// after the first tag between the two that has such a script, as Sqitch looks them up.
export const SQITCH_PLAN = 'sqitch.plan';

export const sqitch: Layout = {
  format: 'sqitch',
  list,
  sections: (text) => wholeFile(text),
};

interface PlanChange {
  name: string;
  line: number;
  /** Tags planned after this change (nearest first). */
  tagsAfter: string[];
  revert: boolean;
}

async function list(folder: FolderView): Promise<Listing> {
  const planFile = path.join(folder.dir, SQITCH_PLAN);
  const changes = parsePlan(await folder.text(planFile));
  // Change names may hold `/`: their scripts sit in subfolders of deploy/ and revert/.
  const has = async (dir: string, script: string) => {
    const files = await folder.filesIn(path.join(dir, path.dirname(script))).catch((): string[] => []);
    return files.includes(path.basename(script));
  };
  const migrations: PlannedMigration[] = [];
  const findings: Finding[] = [];
  const claimed = new Set([planFile]);
  const at = (line: number) => ({ file: folder.show(planFile), line, column: 1 });
  for (const [i, change] of changes.entries()) {
    if (change.revert) {
      findings.push({ code: 'input-file-skipped', severity: 'warning', message: `\`-${change.name}\` plans a revert: not converted`, location: at(change.line) });
      continue;
    }
    const reworkedLater = changes.slice(i + 1).some((c) => c.name === change.name);
    const candidates = reworkedLater ? change.tagsAfter.map((t) => `${change.name}@${t}.sql`) : [`${change.name}.sql`];
    let script: string | undefined;
    for (const c of candidates) if (!script && (await has('deploy', c))) script = c;
    if (!script) {
      findings.push({ code: 'input-file-skipped', severity: 'warning', message: `no deploy script for change ${change.name}: skipped`, location: at(change.line), hint: `add deploy/${change.name}.sql` });
      continue;
    }
    const planned: PlannedMigration = { version: String(migrations.length + 1).padStart(4, '0'), name: change.name, format: 'sqitch', upFile: path.join(folder.dir, 'deploy', script) };
    if (await has('revert', script)) planned.downFile = path.join(folder.dir, 'revert', script);
    migrations.push(planned);
  }
  return { migrations, findings, claimed };
}

/**
 * The plan's lines: `%pragma`, `@tag …`, and changes `[+-]name [deps] timestamp planner <email> # note`.
 * Blank lines and `#` comments are skipped. Change names may hold `/` (scripts in subfolders).
 */
function parsePlan(text: string): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('%')) continue;
    if (line.startsWith('@')) {
      const tag = /^@(\S+)/.exec(line)![1]!;
      for (const c of changes) c.tagsAfter.push(tag);
      continue;
    }
    const m = /^([+-]?)([^\s[#]+)/.exec(line);
    if (m) changes.push({ name: m[2]!, line: i + 1, tagsAfter: [], revert: m[1] === '-' });
  }
  return changes;
}
