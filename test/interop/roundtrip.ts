/**
 * The Alembic round trip every converted project must pass with real Alembic: each revision
 * upgrades, re-runs (stamp back one, upgrade again) without error or catalog change, the
 * chain downgrades to base (or stops exactly where a downgrade must raise) and upgrades
 * again, and the head's catalog equals the one psql builds from the raw SQL.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { convert, readMigrations } from '../../src/index.js';
import { terminated } from '../../src/render/literals.js';
import { alembicProject, type AlembicProject } from '../helpers/alembic.js';
import { catalogSnapshot } from '../helpers/catalog.js';
import { fileDatabases, PSQL, type TestDatabase } from '../helpers/database.js';
import type { ConvertSample } from '../golden/samples.js';

const run = promisify(execFile);
const database = fileDatabases();

const snapshot = (db: TestDatabase) => catalogSnapshot(db.client, ['alembic_version']);

/** The raw SQL as the project applies it: its own files through psql, or the up SQL as read. */
async function applyRaw(sample: ConvertSample, db: TestDatabase): Promise<void> {
  const psql = (cwd: string, file: string) => run(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-f', file], { cwd });
  if (sample.psql) {
    for (const file of sample.psql.files) await psql(path.join(sample.dir, sample.psql.cwd), file);
    return;
  }
  const { migrations } = await readMigrations(sample.inputs, { inputFormat: sample.options.inputFormat });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-raw-'));
  const file = path.join(dir, 'raw.sql');
  await writeFile(file, migrations.flatMap((m) => m.up.map((s) => `${terminated(s.text)}\n`)).join(''));
  await psql(dir, file);
}

export async function alembicRoundTrip(sample: ConvertSample): Promise<void> {
  const outDir = path.join(await mkdtemp(path.join(os.tmpdir(), `pgmend-interop-${sample.name}-`)), 'versions');
  const report = await convert({ ...sample.options, inputs: sample.inputs, outDir, format: 'alembic' });
  const db = await database(`interop-${sample.name}`);
  const empty = await snapshot(db);
  const alembic: AlembicProject = await alembicProject(outDir, db.url);

  for (const rev of report.revisions) {
    await alembic.alembic('upgrade', rev.id);
    const once = await snapshot(db);
    await alembic.alembic('stamp', rev.parent ?? 'base');
    await alembic.alembic('upgrade', rev.id);
    expect(await snapshot(db), `re-running ${rev.files[0]}`).toEqual(once);
  }
  const head = await snapshot(db);

  const newestFirst = [...report.revisions].reverse();
  const stopper = newestFirst.find((r) => r.downgradeFails > 0);
  if (stopper) {
    // Downgrade one revision at a time down to the one that must stop, and see it stop there.
    for (const rev of newestFirst) {
      if (rev === stopper) {
        await expect(alembic.alembic('downgrade', '-1')).rejects.toThrow(/RuntimeError: .*:\d+/);
        expect(await alembic.alembic('current')).toContain(rev.id);
        break;
      }
      await alembic.alembic('downgrade', '-1');
    }
  } else {
    await alembic.alembic('downgrade', 'base');
    // A note marks something a downgrade leaves on purpose (an enum label, a privilege).
    if (report.revisions.every((r) => r.downgradeNotes === 0)) expect(await snapshot(db), 'downgrade to base').toEqual(empty);
  }
  await alembic.alembic('upgrade', 'head');
  expect(await snapshot(db), 'upgrade head after downgrade').toEqual(head);

  const raw = await database(`raw-${sample.name}`);
  await applyRaw(sample, raw);
  expect(head, 'Alembic head vs raw SQL through psql').toEqual(await snapshot(raw));
}
