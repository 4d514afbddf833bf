import path from 'node:path';
import { DBMATE_SYNTAX } from './layouts/dbmate.js';
import { DIESEL_DIR } from './layouts/diesel.js';
import { FLYWAY_NAME } from './layouts/flyway.js';
import { GOLANG_MIGRATE_NAME } from './layouts/golang-migrate.js';
import { GOOSE_SYNTAX } from './layouts/goose.js';
import { LIQUIBASE_HEADER } from './layouts/liquibase.js';
import type { FolderView } from './layouts/layout.js';
import type { MarkerSyntax } from './layouts/markers.js';
import { ROLLBACK_NAME } from './layouts/numbered.js';
import { NODE_PG_MIGRATE_SYNTAX } from './layouts/node-pg-migrate.js';
import { PRISMA_DIR, PRISMA_FILE } from './layouts/prisma.js';
import { SQITCH_PLAN } from './layouts/sqitch.js';
import { SQL_MIGRATE_SYNTAX } from './layouts/sql-migrate.js';
import { TERN_SYNTAX } from './layouts/tern.js';
import { leadingVersion } from './order.js';
import type { InputFormat } from './types.js';

const MARKER_SYNTAXES: Array<[InputFormat, MarkerSyntax]> = [
  ['dbmate', DBMATE_SYNTAX],
  ['goose', GOOSE_SYNTAX],
  ['sql-migrate', SQL_MIGRATE_SYNTAX],
  ['node-pg-migrate', NODE_PG_MIGRATE_SYNTAX],
  ['tern', TERN_SYNTAX],
];

// On a tie the more specific evidence wins: folder shapes and names before markers, markers before plain.
const PRIORITY: InputFormat[] = ['diesel', 'prisma', 'golang-migrate', 'flyway', 'dbmate', 'goose', 'sql-migrate', 'node-pg-migrate', 'tern', 'liquibase', 'plain'];

/** The marker layout whose up/down markers a file uses, if any. */
export function markerFormat(text: string): InputFormat | undefined {
  if (LIQUIBASE_HEADER.test(text)) return 'liquibase';
  // Only lines that start with `--` can hold a marker: visit those, not every line.
  for (let at = text.indexOf('--'); at >= 0; at = text.indexOf('--', at + 2)) {
    const start = text.lastIndexOf('\n', at - 1) + 1;
    if (text.slice(start, at).trim() !== '') continue; // `--` after other text on its line
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const trimmed = text.slice(start, end).trim();
    at = end - 1; // the next search starts on the next line
    for (const [format, syntax] of MARKER_SYNTAXES) {
      const d = syntax.directive(trimmed);
      if (d && (d.kind === 'up' || d.kind === 'down' || d.kind === 'no-transaction')) return format;
    }
  }
  return undefined;
}

/**
 * Recognises a folder's layout from file names, folder shapes and markers: each candidate
 * migration votes for the one layout it fits best, and the layout with most votes wins.
 * Undefined when nothing in the folder looks like a migration.
 */
export async function detectFolderFormat(folder: FolderView): Promise<InputFormat | undefined> {
  // A plan names every migration and their order: nothing else in the folder can outvote it.
  if (folder.files.includes(SQITCH_PLAN)) return 'sqitch';
  const votes = new Map<InputFormat, number>();
  const vote = (f: InputFormat) => votes.set(f, (votes.get(f) ?? 0) + 1);
  for (const dir of folder.dirs) {
    const files = await folder.filesIn(dir);
    if (DIESEL_DIR.test(dir) && files.includes('up.sql')) vote('diesel');
    if (PRISMA_DIR.test(dir) && files.includes(PRISMA_FILE)) vote('prisma');
    for (const f of files) if (FLYWAY_NAME.test(f)) vote('flyway');
  }
  // Read the files that vote by their markers all at once (in use order they wait on the disk one by one).
  const texts = new Map<string, Promise<string>>();
  for (const name of folder.files) {
    if (GOLANG_MIGRATE_NAME.test(name) || FLYWAY_NAME.test(name) || !isNumberedSql(name)) continue;
    const text = folder.text(path.join(folder.dir, name));
    text.catch(() => undefined); // reported where it is awaited, in order
    texts.set(name, text);
  }
  for (const name of folder.files) {
    const golang = GOLANG_MIGRATE_NAME.exec(name);
    if (golang) {
      // Only up files vote: `.down.sql` files also sit beside plain migrations.
      if (golang[3] === 'up') vote('golang-migrate');
    }
    else if (FLYWAY_NAME.test(name)) vote('flyway');
    else if (isNumberedSql(name)) vote(markerFormat(await texts.get(name)!) ?? 'plain');
  }
  let best: InputFormat | undefined;
  for (const f of PRIORITY) if ((votes.get(f) ?? 0) > (best ? votes.get(best)! : 0)) best = f;
  return best;
}

function isNumberedSql(name: string): boolean {
  return name.toLowerCase().endsWith('.sql') && Boolean(leadingVersion(name.slice(0, -4)));
}

/** The layout of a file named on its own: by its name and its neighbours', its folder's name, then its markers. */
export function detectFileFormat(abs: string, text: string, siblings: string[]): InputFormat {
  const name = path.basename(abs);
  const rollback = ROLLBACK_NAME.exec(name);
  if (rollback && siblings.includes(`${rollback[1]}.sql`)) return 'plain';
  if (GOLANG_MIGRATE_NAME.test(name)) return 'golang-migrate';
  if (FLYWAY_NAME.test(name)) return 'flyway';
  if ((name === 'up.sql' || name === 'down.sql') && DIESEL_DIR.test(path.basename(path.dirname(abs)))) return 'diesel';
  if (name === PRISMA_FILE && PRISMA_DIR.test(path.basename(path.dirname(abs)))) return 'prisma';
  return markerFormat(text) ?? 'plain';
}
