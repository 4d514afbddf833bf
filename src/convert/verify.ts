import type { Finding } from '../findings.js';
import type { PlannedRevision, PlannedStep } from '../plan/index.js';

/** The slice of PGlite verify needs (loaded only when asked for: it is large and slow to start). */
interface Embedded {
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

type Outcome = { ok: true } | { ok: false; stoppedOnPurpose: boolean; finding?: Finding };

/**
 * Replays the revisions' SQL in an in-process Postgres (PGlite, no server needed) the way a
 * migration tool would: each revision upgrades and at once upgrades again (re-runnable?),
 * then the chain downgrades newest first (stopping without complaint where a downgrade
 * must raise), then upgrades again. Every failure is a finding at the statement's source.
 */
export async function verifyRevisions(revisions: PlannedRevision[]): Promise<Finding[]> {
  const db = await startEmbedded(revisions);
  const findings: Finding[] = [];
  try {
    for (const rev of revisions) {
      for (const pass of ['upgrade', 'upgrade again'] as const) {
        const r = await apply(db, rev.upgrade, `${pass} of revision ${rev.id} (${rev.message})`);
        if (!r.ok) return [...findings, r.finding!];
      }
    }
    let lowest = 0;
    for (let i = revisions.length - 1; i >= 0; i--) {
      const rev = revisions[i]!;
      const r = await apply(db, rev.downgrade, `downgrade of revision ${rev.id} (${rev.message})`);
      if (!r.ok) {
        if (!r.stoppedOnPurpose) return [...findings, r.finding!];
        lowest = i + 1; // this revision stays applied; the ones above it were undone
        break;
      }
    }
    for (const rev of revisions.slice(lowest)) {
      const r = await apply(db, rev.upgrade, `upgrade after downgrade of revision ${rev.id} (${rev.message})`);
      if (!r.ok) return [...findings, r.finding!];
    }
    return findings;
  } finally {
    await db.close();
  }
}

/** One revision's steps: transactional runs inside BEGIN/COMMIT, the rest on their own. */
async function apply(db: Embedded, steps: PlannedStep[], what: string): Promise<Outcome> {
  let inTransaction = false;
  const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
    if (inTransaction) await db.exec(sql);
    inTransaction = false;
  };
  for (const step of steps) {
    if (step.kind === 'note') continue;
    if (step.kind === 'fail') {
      await end('ROLLBACK'); // as Alembic: the raise rolls back this revision's open transaction
      return { ok: false, stoppedOnPurpose: true };
    }
    try {
      if (step.nonTransactional) await end('COMMIT');
      else if (!inTransaction) {
        await db.exec('BEGIN');
        inTransaction = true;
      }
      await db.exec(step.sql);
    } catch (e) {
      await end('ROLLBACK').catch(() => {});
      const message = (e as Error).message;
      return {
        ok: false,
        stoppedOnPurpose: false,
        finding: {
          code: 'verify-failed',
          severity: 'error',
          message: `${what} fails in the embedded Postgres: ${message}`,
          location: step.location ?? step.origin,
          hint: 'fix the source statement or the rule output; re-run convert --verify',
        },
      };
    }
  }
  await end('COMMIT');
  return { ok: true };
}

/** PGlite with the contrib extensions the SQL creates (each must be registered up front). */
async function startEmbedded(revisions: PlannedRevision[]): Promise<Embedded> {
  const { PGlite } = await import('@electric-sql/pglite');
  const wanted = new Set<string>();
  for (const rev of revisions) {
    for (const step of [...rev.upgrade, ...rev.downgrade]) {
      if (step.kind !== 'sql') continue;
      for (const m of step.sql.matchAll(/create\s+extension\s+(?:if\s+not\s+exists\s+)?"?([\w-]+)"?/gi)) wanted.add(m[1]!.toLowerCase().replace(/-/g, '_'));
    }
  }
  const extensions: Record<string, unknown> = {};
  for (const name of [...wanted].sort()) {
    try {
      const mod = (await import(`@electric-sql/pglite/contrib/${name}`)) as Record<string, unknown>;
      if (mod[name]) extensions[name] = mod[name];
    } catch {
      // not shipped with PGlite: CREATE EXTENSION then fails and is reported like any failure
    }
  }
  return (await PGlite.create({ extensions: extensions as never })) as unknown as Embedded;
}
