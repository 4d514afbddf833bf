/**
 * Legacy SQL files converted into an Alembic project on a fresh database, and the same files
 * applied by hand: what the convert integration tests compare.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { convert, type ConvertOptions, type ConvertReport } from '../../src/index.js';
import { alembicProject, type AlembicProject } from './alembic.js';
import { catalogSnapshot, type CatalogSnapshot } from './catalog.js';
import type { TestDatabase } from './database.js';

export interface ConvertedProject {
  db: TestDatabase;
  alembic: AlembicProject;
  report: ConvertReport;
  /** The folder the revisions were written to. */
  versions: string;
}

/** `files` (name → SQL) converted in one folder, with `database(label)` to run them on. */
export async function convertedProject(
  files: Record<string, string>,
  database: (label: string) => Promise<TestDatabase>,
  label: string,
  options: Partial<ConvertOptions> = {},
): Promise<ConvertedProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-converted-'));
  await mkdir(path.join(dir, 'db'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, 'db', name), text);
  const versions = path.join(dir, 'versions');
  const report = await convert({ ...options, inputs: [path.join(dir, 'db')], outDir: versions });
  const db = await database(label);
  return { db, alembic: await alembicProject(versions, db.url), report, versions };
}

/** The first `count` files (all by default) applied by hand, in order, on a database of their own. */
export async function appliedByHand(files: Record<string, string>, database: (label: string) => Promise<TestDatabase>, label: string, count?: number): Promise<TestDatabase> {
  const db = await database(label);
  for (const sql of Object.values(files).slice(0, count)) await db.client.query(sql);
  return db;
}

/** The catalog without Alembic's own version table: what the SQL built. */
export function schemaSnapshot(db: TestDatabase): Promise<CatalogSnapshot> {
  return catalogSnapshot(db.client, ['alembic_version']);
}
