/**
 * Proves revisions in a scratch database the way the incident write-ups demanded: upgrade
 * head, re-run every revision (no error, no catalog change), downgrade to base, upgrade head
 * again (the same catalog as the first time).
 */
import type { Finding } from '../findings.js';
import { catalogSnapshot, snapshotDifferences, type CatalogSnapshot } from '../introspect/snapshot.js';
import type { DownStep, UpStep } from '../rewrite/types.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch.js';

export interface ReplayRevision {
  id: string;
  /** What messages name: the revision's file or source migration. */
  label: string;
  up: UpStep[];
  down: DownStep[];
}

export interface VerifyReport {
  ok: boolean;
  /** Every check that ran, in order, and whether it held. */
  checks: Array<{ name: string; ok: boolean }>;
  findings: Finding[];
}

export interface VerifyOptions {
  /** Defaults to a fresh in-process PGlite database, closed afterwards. */
  database?: ScratchDatabase;
  onProgress?: (done: number, total: number) => void;
}

export async function verifyRevisions(revisions: ReplayRevision[], options: VerifyOptions = {}): Promise<VerifyReport> {
  const db = options.database ?? (await createScratchDatabase());
  const report: VerifyReport = { ok: true, checks: [], findings: [] };
  const check = (name: string, ok: boolean) => {
    report.checks.push({ name, ok });
    if (!ok) report.ok = false;
    return ok;
  };
  const total = revisions.length * 4;
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);
  try {
    const empty = await snapshot(db);
    if (!check('upgrade head', await upgrade(db, revisions, 0, report.findings, 'verify-upgrade-failed', progress))) return report;
    const head = await snapshot(db);

    const rerunOk = await upgrade(db, revisions, 0, report.findings, 'verify-not-idempotent', progress);
    const rerun = await snapshot(db);
    check('re-run every revision', rerunOk && same(head, rerun, report.findings, 'verify-rerun-changed-catalog', 're-running the revisions changed'));

    const stoppedAt = await downgrade(db, revisions, report.findings, progress);
    check('downgrade', stoppedAt !== 'failed');
    if (stoppedAt === 'failed') return report;
    if (stoppedAt === -1) check('downgrade to base leaves nothing behind', same(empty, await snapshot(db), report.findings, 'verify-downgrade-incomplete', 'downgrading to base left'));

    const again = await upgrade(db, revisions, stoppedAt + 1, report.findings, 'verify-upgrade-failed', progress);
    check('upgrade head again', again && same(head, await snapshot(db), report.findings, 'verify-reupgrade-differs', 'upgrading again built something different in'));
    return report;
  } finally {
    if (!options.database) await db.close();
  }
}

async function upgrade(db: ScratchDatabase, revisions: ReplayRevision[], from: number, findings: Finding[], code: string, progress: () => void): Promise<boolean> {
  for (const rev of revisions.slice(from)) {
    for (const [i, step] of rev.up.entries()) {
      try {
        await db.run(step.sql);
      } catch (e) {
        findings.push(failure(code, `${rev.label}: upgrade step ${i + 1} failed: ${(e as Error).message}`, step.sql));
        return false;
      }
    }
    progress();
  }
  return true;
}

/** Returns the index of the revision whose downgrade stops on purpose, -1 at base, or 'failed'. */
async function downgrade(db: ScratchDatabase, revisions: ReplayRevision[], findings: Finding[], progress: () => void): Promise<number | 'failed'> {
  for (let r = revisions.length - 1; r >= 0; r--) {
    const rev = revisions[r]!;
    for (const [i, step] of rev.down.entries()) {
      if (step.kind === 'note') continue;
      if (step.kind === 'fail') {
        findings.push({ code: 'verify-downgrade-stops', severity: 'info', message: `${rev.label}: downgrade stops by design: ${step.message}` });
        return r;
      }
      try {
        await db.run(step.sql);
      } catch (e) {
        findings.push(failure('verify-downgrade-failed', `${rev.label}: downgrade step ${i + 1} failed: ${(e as Error).message}`, step.sql));
        return 'failed';
      }
    }
    progress();
  }
  return -1;
}

function snapshot(db: ScratchDatabase): Promise<CatalogSnapshot> {
  return catalogSnapshot(db.query);
}

function same(a: CatalogSnapshot, b: CatalogSnapshot, findings: Finding[], code: string, what: string): boolean {
  const parts = snapshotDifferences(a, b);
  if (parts.length) findings.push({ code, severity: 'error', message: `${what} the database's ${parts.join(', ')}` });
  return parts.length === 0;
}

function failure(code: string, message: string, sql: string): Finding {
  const firstLine = sql.split('\n', 1)[0]!.slice(0, 120);
  return { code, severity: 'error', message, hint: `statement begins: ${firstLine}` };
}
