/** Writes small revision folders for tests: one file per revision, Alembic's plain template. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Rev {
  id: string;
  down?: string | string[] | null;
  file?: string;
  docId?: string;
  revises?: string;
  date?: string;
  deps?: string | null;
  labels?: string[];
  /** Raw replacement for the down_revision value. */
  rawDown?: string;
  /** The body of upgrade() (default `pass`). */
  upgrade?: string;
}

export function revisionText(r: Rev): string {
  const down = r.rawDown ?? (r.down == null ? 'None' : Array.isArray(r.down) ? `(${r.down.map((d) => `'${d}'`).join(', ')})` : `'${r.down}'`);
  const revises = r.revises ?? (r.down == null ? '' : Array.isArray(r.down) ? r.down.join(', ') : r.down);
  return `"""${r.id}

Revision ID: ${r.docId ?? r.id}
Revises: ${revises}
Create Date: ${r.date ?? '2024-01-01 00:00:00.000000'}

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '${r.id}'
down_revision = ${down}
branch_labels = ${r.labels ? `(${r.labels.map((l) => `'${l}',`).join(' ')})` : 'None'}
depends_on = ${r.deps ? `'${r.deps}'` : 'None'}


def upgrade():
    ${r.upgrade ?? 'pass'}


def downgrade():
    pass
`;
}

export function folder(revs: Rev[], extra: Record<string, string> = {}): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'pgmend-chain-fx-')), 'versions');
  mkdirSync(dir);
  for (const r of revs) writeFileSync(path.join(dir, `${r.file ?? `${r.id}_step`}.py`), revisionText(r));
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
