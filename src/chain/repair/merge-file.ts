/** The merge revision `alembic merge heads` would write: tuple down_revision, empty upgrade/downgrade. */
import { DEFAULT_FILE_TEMPLATE } from '../read/alembic-ini.js';
import { pyIds, pyString } from './edit.js';

export interface MergeFile {
  /** File name inside the version location. */
  name: string;
  text: string;
}

/**
 * `createDate` is the newest Create Date of the merged heads, so the output is deterministic;
 * without one the line is left out (an empty date would read as a value).
 */
export function mergeRevisionFile(id: string, heads: string[], createDate: string | undefined, fileTemplate = DEFAULT_FILE_TEMPLATE): MergeFile {
  const message = 'merge heads';
  const text = `"""${message}

Revision ID: ${id}
Revises: ${heads.join(', ')}
${createDate ? `Create Date: ${createDate}\n` : ''}
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = ${pyString(id, "'")}
down_revision: Union[str, Sequence[str], None] = ${pyIds(heads, "'")}
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
`;
  return { name: `${fileName(fileTemplate, id, 'merge_heads', createDate)}.py`, text };
}

/** Fills Alembic's file_template tokens (directory parts dropped: the merge goes beside the heads). */
function fileName(template: string, rev: string, slug: string, createDate: string | undefined): string {
  const m = /(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(createDate ?? '') ?? ['', '1970', '01', '01', '00', '00', '00'];
  const [, year, month, day, hour, minute, second] = m;
  const values: Record<string, string> = { rev, slug, year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second!, epoch: String(Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second!) / 1000) };
  return template
    .split('/')
    .at(-1)!
    .replace(/%\(([a-z]+)\)[-#0 +]*\d*(?:\.\d+)?[sd]/g, (_, k: string) => values[k] ?? '');
}
