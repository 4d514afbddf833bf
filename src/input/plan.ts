import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PgmendError } from '../errors.js';
import type { Finding } from '../findings.js';
import type { ReadContext } from './context.js';
import { detectFileFormat, detectFolderFormat } from './detect.js';
import { folderView } from './folder.js';
import { LAYOUTS, type FolderView } from './layouts/index.js';
import { SQITCH_PLAN } from './layouts/sqitch.js';
import { compareVersions, leadingVersion } from './order.js';
import type { InputFormat, PlannedMigration } from './types.js';

const CODE_MIGRATION = /\.(go|js|cjs|mjs|ts|java|py|rb)$/;
// Layouts whose down SQL can live in a separate file, or whose version is in a folder's name: a
// file named alone is paired and named through its folder's listing.
const PAIRED_FORMATS = new Set<InputFormat>(['plain', 'golang-migrate', 'diesel', 'prisma', 'flyway']);
// Layouts with a folder per migration: the listing is of the folder above.
const FOLDER_PER_MIGRATION = new Set<InputFormat>(['diesel', 'prisma']);

/**
 * Turns the user's inputs into the migrations to read, in order: each folder in its tool's
 * order, files in the order named (their down files and undo files paired, not repeated).
 */
export async function planInputs(inputs: string[], forced: InputFormat | undefined, ctx: ReadContext): Promise<PlannedMigration[]> {
  const absInputs = inputs.map((i) => path.resolve(ctx.cwd, i));
  const kinds = await Promise.all(absInputs.map((abs, i) => kindOf(abs, inputs[i]!)));
  const named = new Set(absInputs.filter((_, i) => kinds[i] === 'file'));
  const planned: PlannedMigration[] = [];
  const seen = new Set<string>();
  const views = new Map<string, Promise<FolderView>>();
  const view: ViewOf = (dir) => {
    let v = views.get(dir);
    if (!v) views.set(dir, (v = folderView(dir, ctx)));
    return v;
  };
  let previousFile: PlannedMigration | undefined;
  let previousFolder: string | undefined;
  for (const [i, abs] of absInputs.entries()) {
    if (kinds[i] === 'dir') {
      if (previousFolder && foldersOutOfOrder(previousFolder, abs)) ctx.findings.push(folderOrderFinding(ctx, previousFolder, abs));
      previousFolder = abs;
    }
    const batch = kinds[i] === 'dir' ? await planFolderOrLoneFile(await view(abs), named, forced, ctx, view) : await planFile(abs, named, forced, ctx, view);
    for (const m of batch) {
      if (seen.has(m.upFile)) {
        ctx.findings.push({ code: 'duplicate-input', severity: 'warning', message: 'named more than once: read once', location: at(ctx, m.upFile) });
        continue;
      }
      seen.add(m.upFile);
      planned.push(m);
      if (kinds[i] === 'file') {
        if (previousFile && outOfOrder(previousFile, m)) ctx.findings.push(orderFinding(ctx, previousFile, m));
        previousFile = m;
      }
    }
  }
  return planned;
}

async function kindOf(abs: string, named: string): Promise<'file' | 'dir'> {
  const s = await stat(abs).catch(() => undefined);
  if (!s) throw new PgmendError('input-not-found', `${named} does not exist`, undefined, 'check the path (relative to the current directory)');
  if (s.isDirectory()) return 'dir';
  if (s.isFile()) return 'file';
  throw new PgmendError('input-unreadable', `${named} is neither a file nor a folder`, undefined, 'name migration files or folders');
}

type ViewOf = (dir: string) => Promise<FolderView>;

/**
 * A folder of one unnumbered .sql file (a schema dump, say) needs no order: it is that file. A
 * folder of version-named folders (`0.19/`, `0.20/`; `v1.3/`, `v1.10/`) is each of them in
 * version order.
 */
async function planFolderOrLoneFile(view: FolderView, named: Set<string>, forced: InputFormat | undefined, ctx: ReadContext, viewOf: ViewOf): Promise<PlannedMigration[]> {
  const sql = view.files.filter(isSql);
  if (!forced && sql.length === 1 && !(await detectFolderFormat(view))) return planFile(path.join(view.dir, sql[0]!), named, forced, ctx, viewOf);
  if (!forced && sql.length === 0) {
    const versions = await versionFolders(view.dir);
    if (versions.length) {
      const planned: PlannedMigration[] = [];
      for (const dir of versions) planned.push(...(await planFolderOrLoneFile(await viewOf(dir), named, forced, ctx, viewOf)));
      return planned;
    }
  }
  return planFolder(view, forced, ctx);
}

const VERSION_FOLDER = /^v?\d+(?:[._]\d+)*$/i;

/** Subfolders holding .sql files, when every one of them is named like a version: in version order. */
async function versionFolders(dir: string): Promise<string[]> {
  const subs: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    if (!(await readdir(path.join(dir, e.name)).catch(() => [])).some(isSql)) continue;
    if (!VERSION_FOLDER.test(e.name)) return [];
    subs.push(e.name);
  }
  return subs.sort(compareVersions).map((n) => path.join(dir, n));
}

async function planFolder(view: FolderView, forced: InputFormat | undefined, ctx: ReadContext): Promise<PlannedMigration[]> {
  const dir = view.dir;
  const format = forced ?? (await detectFolderFormat(view));
  if (!format) throw new PgmendError('input-unreadable', `${ctx.show(dir)} holds no migrations pgmend recognises`, undefined, await unrecognisedHint(view));
  const listing = await LAYOUTS[format].list(view);
  if (listing.migrations.length === 0) {
    throw new PgmendError('input-unreadable', `${ctx.show(dir)} holds no ${format} migrations`, undefined, forced ? 'drop --input-format to detect the layout, or name the files' : 'name the files in the order to apply them');
  }
  ctx.findings.push(...listing.findings);
  for (const name of view.files) {
    const abs = path.join(dir, name);
    if (listing.claimed.has(abs)) continue;
    if (isSql(name)) {
      ctx.findings.push({
        code: 'input-file-skipped',
        severity: 'warning',
        message: `not named like a ${format} migration: skipped`,
        location: at(ctx, abs),
        hint: 'name the file on the command line to read it, in the order you need',
      });
    } else if (CODE_MIGRATION.test(name)) {
      ctx.findings.push({ code: 'input-file-skipped', severity: 'warning', message: 'migration written in code: not converted', location: at(ctx, abs) });
    }
  }
  return listing.migrations;
}

async function unrecognisedHint(view: FolderView): Promise<string> {
  const parent = path.dirname(view.dir);
  if (await stat(path.join(parent, SQITCH_PLAN)).catch(() => undefined)) return `a Sqitch project: name the folder holding ${SQITCH_PLAN} (${view.show(parent)})`;
  if (view.files.some(isSql)) return 'its .sql files have no leading version number: name them in the order to apply, or pass --input-format';
  // Deep enough for Maven's src/main/resources/db/migration below a module folder.
  const withSql = await foldersWithSql(view.dir, 6);
  if (withSql.length) return `name the folder that holds the migrations, e.g. ${withSql.slice(0, 3).map((d) => view.show(d)).join(', ')}`;
  return 'it holds no .sql files';
}

/** Subfolders (breadth first, down to `depth`) that directly hold .sql files. */
async function foldersWithSql(dir: string, depth: number): Promise<string[]> {
  const found: string[] = [];
  let level = [dir];
  for (let d = 0; d < depth && found.length === 0 && level.length; d++) {
    const next: string[] = [];
    for (const parent of level) {
      for (const e of await readdir(parent, { withFileTypes: true }).catch(() => [])) {
        if (!e.isDirectory() || e.name.startsWith('.') || e.name === 'node_modules') continue;
        const sub = path.join(parent, e.name);
        const names = await readdir(sub).catch(() => []);
        if (names.some(isSql)) found.push(sub);
        next.push(sub);
      }
    }
    level = next.sort();
  }
  return found.sort();
}

const isSql = (name: string) => name.toLowerCase().endsWith('.sql');

/** A file named on its own. Layouts with separate down files list its folder to pair them. */
async function planFile(abs: string, named: Set<string>, forced: InputFormat | undefined, ctx: ReadContext, view: ViewOf): Promise<PlannedMigration[]> {
  const text = (await ctx.decode(abs)).source.text;
  const format = forced ?? detectFileFormat(abs, text, (await view(path.dirname(abs))).files);
  if (PAIRED_FORMATS.has(format)) {
    const home = FOLDER_PER_MIGRATION.has(format) ? path.dirname(path.dirname(abs)) : path.dirname(abs);
    const listing = await LAYOUTS[format].list(await view(home));
    const shown = ctx.show(abs);
    ctx.findings.push(...listing.findings.filter((f) => f.location?.file === shown));
    const own = listing.migrations.find((m) => m.upFile === abs);
    if (own) return [own];
    const pairedWith = listing.migrations.find((m) => m.downFile === abs);
    if (pairedWith) {
      if (!named.has(pairedWith.upFile)) {
        ctx.findings.push({ code: 'down-without-up', severity: 'warning', message: `down file named without its up file ${ctx.show(pairedWith.upFile)}: skipped`, location: at(ctx, abs) });
      }
      return [];
    }
    if (listing.claimed.has(abs)) return []; // e.g. a Flyway R__ file, reported by its listing
  }
  const base = path.basename(abs).replace(/\.sql$/i, '');
  const v = leadingVersion(base);
  return [{ version: v?.version ?? base, name: v?.name ?? base, format, upFile: abs }];
}

/** Both files carry a leading version and `b`'s is lower: named out of order. */
function outOfOrder(a: PlannedMigration, b: PlannedMigration): boolean {
  const numbered = (m: PlannedMigration) => leadingVersion(path.basename(m.upFile)) !== undefined;
  return numbered(a) && numbered(b) && compareVersions(a.version, b.version) > 0;
}

/** Version-named folders named out of version order (`versions/*` in a shell: v1.10 before v1.3). */
function foldersOutOfOrder(before: string, folder: string): boolean {
  const [a, b] = [path.basename(before), path.basename(folder)];
  return VERSION_FOLDER.test(a) && VERSION_FOLDER.test(b) && compareVersions(a, b) > 0;
}

function folderOrderFinding(ctx: ReadContext, before: string, folder: string): Finding {
  return {
    code: 'input-order',
    severity: 'warning',
    message: `folder ${ctx.show(folder)} is named after ${ctx.show(before)}, a later version; inputs are read in the order named`,
    location: at(ctx, folder),
    hint: 'name them in version order, or name the folder holding them',
  };
}

function orderFinding(ctx: ReadContext, before: PlannedMigration, m: PlannedMigration): Finding {
  return {
    code: 'input-order',
    severity: 'warning',
    message: `version ${m.version} is named after ${ctx.show(before.upFile)} (version ${before.version}); files are read in the order named`,
    location: at(ctx, m.upFile),
    hint: 'name the folder to read its files in version order',
  };
}

function at(ctx: ReadContext, abs: string) {
  return { file: ctx.show(abs), line: 1, column: 1 };
}
