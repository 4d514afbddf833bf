import type { Finding } from '../findings.js';
import type { PlannedRevision } from '../plan/index.js';
import { verifyRevisions as replay } from '../verify/replay.js';

/**
 * `convert --verify`: replays the planned revisions in the embedded scratch database
 * (src/verify): upgrade, re-run, downgrade, upgrade. Returns the failures as findings at
 * the source statements (a downgrade that stops on purpose is an info finding, not a failure).
 */
export async function verifyRevisions(revisions: PlannedRevision[], searchPath?: string[]): Promise<Finding[]> {
  const report = await replay(
    revisions.map((rev) => ({ id: rev.id, label: `revision ${rev.id} (${rev.message})`, upgrade: rev.upgrade, downgrade: rev.downgrade })),
    { searchPath },
  );
  return report.findings;
}
