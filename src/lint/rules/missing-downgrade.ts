import { finding, type LintRule } from '../types.js';

/**
 * An Alembic revision without a downgrade() (Alembic fails on it, even past an empty upgrade),
 * or whose downgrade() does nothing while its upgrade() does something. Merge revisions (both
 * empty) are fine. A downgrade that raises is a deliberate "cannot be undone" and is fine too.
 */
export const missingDowngrade: LintRule = {
  code: 'missing-downgrade',
  severity: 'warning',
  description: 'An Alembic revision changes the schema in upgrade() but its downgrade() is absent or only `pass`.',
  check(unit) {
    const fns = unit.functions;
    if (unit.kind !== 'alembic' || !fns?.upgrade) return [];
    if (!fns.downgrade) {
      return [finding(missingDowngrade, fns.upgrade.location, 'this revision has no downgrade(): `alembic downgrade` past it fails with an AttributeError', 'add a downgrade() that undoes upgrade(), or one that raises to say it cannot be undone')];
    }
    if (fns.upgrade.empty || !fns.downgrade.empty) return [];
    return [finding(missingDowngrade, fns.downgrade.location, 'downgrade() does nothing: `alembic downgrade` past this revision reports success and leaves the upgrade in place', 'write the statements that undo upgrade(), or raise NotImplementedError to say it cannot be undone')];
  },
};
