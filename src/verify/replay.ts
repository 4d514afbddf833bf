/**
 * Proves revisions in a scratch database the way the incident write-ups demanded: upgrade
 * head running every revision twice (the second run: no error, no catalog change), downgrade to
 * base one revision at a time (each leaves the catalog as its revision found it), upgrade head
 * again (the same catalog as the first time), then the whole chain once more from its start on
 * the database at head (the SQL was applied by hand, then `alembic upgrade head` runs: every
 * revision must pass and change nothing). Each revision runs as Alembic runs it with
 * transaction_per_migration: one transaction, with non-transactional steps outside it.
 */
import { escapeRegExp } from '../regexp.js';
import type { Finding } from '../findings.js';
import { quoteIdent } from '../sql/quote.js';
import { catalogSnapshot, describeDifferences, snapshotDifferences, type CatalogSnapshot } from '../introspect/snapshot.js';
import type { DownStep } from '../rewrite/types.js';
import type { SourceLocation } from '../source.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch.js';

/** An upgrade or downgrade step, with the source statement it came from when known. */
export type ReplayStep = DownStep & { location?: SourceLocation };

export interface ReplayRevision {
  id: string;
  /** How messages name it, e.g. `revision 1a2b3c4d5e6f (create users)`. */
  label: string;
  upgrade: ReplayStep[];
  downgrade: ReplayStep[];
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
  /** The search_path the revisions run with (unqualified names in them resolve through it). */
  searchPath?: string[];
  onProgress?: (done: number, total: number) => void;
}

type Applied = 'ok' | 'stopped' | 'failed';

export async function verifyRevisions(revisions: ReplayRevision[], options: VerifyOptions = {}): Promise<VerifyReport> {
  const db = options.database ?? (await createScratchDatabase(revisions.flatMap((r) => [...r.upgrade, ...r.downgrade])));
  const report: VerifyReport = { ok: true, checks: [], findings: [] };
  const check = (name: string, ok: boolean) => {
    report.checks.push({ name, ok });
    if (!ok) report.ok = false;
    return ok;
  };
  const total = revisions.length * 5;
  let done = 0;
  // Failures name the engine: a source written for an older Postgres may fail only on a newer one.
  const engine = String((await db.query(`SELECT current_setting('server_version') AS v`))[0]?.v ?? '?').split(' ')[0]!;
  const run = async (rev: ReplayRevision, direction: 'upgrade' | 'downgrade', code: string, what: string): Promise<Applied> => {
    const result = await apply(db, rev[direction], `${what} of ${rev.label}`, code, report.findings, engine);
    options.onProgress?.(++done, total);
    return result;
  };
  try {
    if (options.searchPath) await db.run(`SET search_path TO ${options.searchPath.map(quoteIdent).join(', ')}`);
    const empty = await snapshot(db);
    // Each revision twice in a row, as `alembic stamp <parent> && alembic upgrade <rev>` re-runs
    // it (or a retry after a partial failure): the second run must change nothing. The whole
    // chain at head is the last check: it needs every revision to pass this one first.
    let ok = true;
    let rerunOk = true;
    // What each revision left (while every re-run held): its downgrade must go back to the one before.
    const after: CatalogSnapshot[] = [];
    for (const rev of revisions) {
      if (!ok) break;
      ok = (await run(rev, 'upgrade', 'verify-upgrade-failed', 'upgrade')) === 'ok';
      if (!ok || !rerunOk) continue;
      const once = await snapshot(db);
      rerunOk = (await run(rev, 'upgrade', 'verify-not-idempotent', 're-run')) === 'ok';
      rerunOk &&= same(once, await snapshot(db), report.findings, 'verify-rerun-changed-catalog', `re-running ${rev.label} changed`, rev.upgrade);
      if (rerunOk) after.push(once);
    }
    if (!check('upgrade head', ok)) return report;
    check('re-run every revision', rerunOk);
    const head = await snapshot(db);

    // Newest first; a downgrade that raises on purpose (an undoable step) stops the rollback there.
    // Each one must leave the database as its revision found it (`downgrade -1`): a wrong inverse
    // that a later downgrade would mask (a privilege granted back, then its table dropped) shows.
    let lowest = 0;
    let eachOk = after.length === revisions.length;
    for (let i = revisions.length - 1; i >= 0; i--) {
      const rev = revisions[i]!;
      const result = await run(rev, 'downgrade', 'verify-downgrade-failed', 'downgrade');
      if (result === 'failed') return check('downgrade', false), report;
      if (result === 'stopped') {
        lowest = i + 1;
        break;
      }
      if (eachOk) {
        const [was, now] = whatADowngradeCanRestore(i > 0 ? after[i - 1]! : empty, await snapshot(db));
        eachOk = same(was, now, report.findings, 'verify-downgrade-incomplete', `the downgrade of ${rev.label} does not restore the database as the revision found it:`, rev.upgrade);
      }
    }
    check('downgrade', true);
    if (after.length === revisions.length) check('each downgrade restores what its revision found', eachOk);
    const upgrades = revisions.flatMap((r) => r.upgrade);
    if (lowest === 0 && eachOk) check('downgrade to base leaves nothing behind', same(empty, await snapshot(db), report.findings, 'verify-downgrade-incomplete', 'downgrading to base left changes in', upgrades));

    ok = true;
    for (const rev of revisions.slice(lowest)) if (ok) ok = (await run(rev, 'upgrade', 'verify-upgrade-failed', 'upgrade after downgrade')) === 'ok';
    if (!check('upgrade head again', ok && same(head, await snapshot(db), report.findings, 'verify-reupgrade-differs', 'upgrading again built something different in', upgrades))) return report;

    // A database the SQL was applied to by hand is at head before Alembic ever runs: `alembic
    // upgrade head` then runs every revision on it, the early ones meeting what later ones made.
    if (!rerunOk) return report;
    ok = true;
    for (const rev of revisions) if (ok) ok = (await run(rev, 'upgrade', 'verify-chain-rerun-failed', 'running the whole chain again at head: the upgrade')) === 'ok';
    check('the whole chain again at head', ok && same(head, await snapshot(db), report.findings, 'verify-chain-rerun-changed-catalog', 'running the whole chain again at head changed', upgrades));
    return report;
  } finally {
    if (!options.database) await db.close();
  }
}

/** One revision's steps: transactional ones inside BEGIN/COMMIT, the rest on their own. */
async function apply(db: ScratchDatabase, steps: ReplayStep[], what: string, code: string, findings: Finding[], engine: string): Promise<Applied> {
  let inTransaction = false;
  const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
    if (inTransaction) await db.run(sql);
    inTransaction = false;
  };
  for (const step of steps) {
    if (step.kind === 'note') continue;
    if (step.kind === 'fail') {
      await end('ROLLBACK'); // as in Alembic: the raise rolls back the revision's open transaction
      findings.push({
        code: 'verify-downgrade-stops',
        severity: 'info',
        message: `${what} stops by design: ${step.message}; the older revisions' downgrades and the downgrade-to-base check did not run`,
        location: step.location,
      });
      return 'stopped';
    }
    try {
      if (step.nonTransactional) await end('COMMIT');
      else if (!inTransaction) {
        await db.run('BEGIN');
        inTransaction = true;
      }
      await db.run(step.sql);
    } catch (e) {
      await end('ROLLBACK').catch(() => {});
      findings.push({
        code,
        severity: 'error',
        message: `${what} fails in the scratch database (Postgres ${engine}): ${(e as Error).message}`,
        location: step.location,
        hint: step.location
          ? `if pgmend kept this statement as written (see its other findings), the source fails here on Postgres ${engine} (if it runs on your older server, this version changed behaviour): fix it there; if pgmend rewrote it, the rewrite is wrong: please report it`
          : `statement begins: ${step.sql.split('\n', 1)[0]!.slice(0, 120)}`,
      });
      return 'failed';
    }
  }
  await end('COMMIT');
  return 'ok';
}

/**
 * Two snapshots without what no downgrade can put back: a column's position (one added back goes
 * last) and enum labels added since (Postgres cannot drop them; downgrades leave them, saying so).
 */
function whatADowngradeCanRestore(was: CatalogSnapshot, now: CatalogSnapshot): [CatalogSnapshot, CatalogSnapshot] {
  const rows = (list: string[] | undefined) => (list ?? []).map((r) => JSON.parse(r) as Record<string, unknown>);
  const unordered = (list: string[] | undefined) => rows(list).map(({ position: _, ...rest }) => JSON.stringify(rest)).sort();
  const labelsBefore = new Map(rows(was.types).map((t) => [`${t.nspname}.${t.typname}`, t.labels]));
  const types = rows(now.types).map((t) => {
    const before = labelsBefore.get(`${t.nspname}.${t.typname}`);
    const kept = typeof before === 'string' && typeof t.labels === 'string' && isSubsequence(before.split(','), t.labels.split(','));
    return JSON.stringify(kept ? { ...t, labels: before } : t);
  });
  return [
    { ...was, columns: unordered(was.columns) },
    { ...now, columns: unordered(now.columns), types: types.sort() },
  ];
}

function isSubsequence(part: string[], whole: string[]): boolean {
  let i = 0;
  for (const w of whole) if (w === part[i]) i++;
  return i === part.length;
}

function snapshot(db: ScratchDatabase): Promise<CatalogSnapshot> {
  return catalogSnapshot(db.query);
}

function same(a: CatalogSnapshot, b: CatalogSnapshot, findings: Finding[], code: string, what: string, steps: ReplayStep[] = []): boolean {
  const parts = describeDifferences(a, b);
  if (parts.length) findings.push({ code, severity: 'error', message: `${what} the database's ${parts.join('; ')}`, location: namingStep(steps, differingNames(a, b)) });
  return parts.length === 0;
}

/** The names (strings of 3+ characters) in the catalog rows that differ, longest first. */
function differingNames(a: CatalogSnapshot, b: CatalogSnapshot): string[] {
  const names = new Set<string>();
  for (const k of snapshotDifferences(a, b)) {
    const before = new Set(a[k] ?? []);
    const after = new Set(b[k] ?? []);
    for (const row of [...[...after].filter((x) => !before.has(x)), ...[...before].filter((x) => !after.has(x))]) {
      // Schema names (nspname) say little: `public` is in every other statement.
      // Extension names may hold a dash (`uuid-ossp`).
      for (const [k, v] of Object.entries(JSON.parse(row) as Record<string, unknown>)) if (k !== 'nspname' && typeof v === 'string' && /^\w[\w-]{2,}$/.test(v)) names.add(v);
    }
  }
  return [...names].sort((x, y) => y.length - x.length);
}

/** Where the first step that names one of `names` came from: a pointer to the statement behind a difference. */
function namingStep(steps: ReplayStep[], names: string[]): SourceLocation | undefined {
  for (const name of names) {
    const word = new RegExp(`\\b${escapeRegExp(name)}\\b`, 'i');
    const step = steps.find((s) => s.kind === 'sql' && s.location && word.test(s.sql));
    if (step) return step.location;
  }
  return undefined;
}
