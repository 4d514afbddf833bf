/** `chain repair`: plan every fix on a model of the chain, turn it into minimal edits, write or diff. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PgmendError } from '../../errors.js';
import { chainContext } from '../context.js';
import { checkDatabase, type DatabaseOptions } from '../db/check.js';
import { diagnose } from '../diagnose/index.js';
import { readVersionsFolder, type VersionsFolder } from '../read/folder.js';
import { parseRevisionFile } from '../read/revision-file.js';
import type { ChainProblem } from '../types.js';
import { unifiedDiff } from './diff.js';
import { editedText } from './edit.js';
import { headsToJoin, linearise, mergeHeads, type RepairStrategy } from './heads.js';
import { fixDuplicates, fixMismatchedIds, fixUnusableIds } from './identity.js';
import { parseMap } from './ids.js';
import { backupRoot } from './manifest.js';
import { RepairModel, type ModelNode, type RepairDecision } from './model.js';
import { fixCycles, fixDanglingReferences, fixMissingDownRevisions, fixSelfLoops } from './references.js';
import { writeChanges, type FileChange } from './write.js';

export type { RepairStrategy, RepairDecision, FileChange };

export interface RepairOptions {
  strategy?: RepairStrategy;
  dryRun?: boolean;
  /** Accept fixes inferred below full confidence. */
  yes?: boolean;
  /** `OLD=NEW` choices for references (NEW may be None). */
  map?: string[];
  maxHeads?: number;
  recursive?: boolean;
  db?: DatabaseOptions;
  /** Clock for the backup folder name (tests). */
  now?: Date;
}

export interface RepairResult {
  changes: FileChange[];
  decisions: RepairDecision[];
  /** Decisions below full confidence that neither --yes nor --map confirmed. */
  unconfirmed: RepairDecision[];
  /** Errors `chain check` would still report after this repair (empty when it fixes everything). */
  remaining: ChainProblem[];
  /** Old id → new id of revisions whose identity changed. */
  idMap: Record<string, string>;
  diff: string;
  written: boolean;
  backupDir?: string;
}

/** Problems a repair cannot fix by editing values: they need a person first. */
const BLOCKING = new Set(['non-literal-value', 'not-a-revision', 'duplicate-branch-label']);

export async function repairChain(folderPath: string, options: RepairOptions = {}): Promise<RepairResult> {
  const ctx = chainContext(readVersionsFolder(folderPath, { recursive: options.recursive, keepText: true }), { maxHeads: options.maxHeads });
  // An unread revision, down_revision or depends_on blocks even as a warning. Unread branch
  // labels do not (OpenStack's `branch_labels = (cli.EXPAND_BRANCH,)`): such a revision counts as
  // labelled, so its branch is not joined to others; but a depends_on that names no revision may
  // name one of those labels, so with one, they block too.
  const problems = diagnose(ctx);
  const unreadLabelsOnly = (p: ChainProblem) => p.code === 'non-literal-value' && p.message.startsWith('branch_labels = ') && !problems.some((q) => q.code === 'dangling-depends-on');
  const blocking = problems.filter((p) => BLOCKING.has(p.code) && (p.severity === 'error' || p.code === 'non-literal-value') && !unreadLabelsOnly(p));
  if (blocking.length) {
    const dangling = problems.filter((q) => q.code === 'dangling-depends-on');
    // Unread labels block only beside a depends_on that names no revision: say which.
    const why = blocking.every((p) => p.code === 'non-literal-value' && p.message.startsWith('branch_labels = ')) && dangling.length
      ? ` (a depends_on at ${dangling.map((q) => `${q.file}:${q.line}`).join(', ')} names no revision, and may name one of these labels pgmend cannot read)`
      : '';
    throw new PgmendError('chain-invalid', `repair cannot fix ${blocking.map((p) => `${p.file}:${p.line} (${p.code})`).join(', ')}${why}`, undefined, why ? 'write those branch labels as literals, or fix the depends_on by hand, then run repair again' : 'fix these by hand, then run repair again');
  }
  let map: Map<string, string | null>;
  try {
    map = parseMap(options.map);
  } catch (e) {
    throw new PgmendError('usage', (e as Error).message);
  }
  const stored = options.db ? (await checkDatabase(ctx, options.db)).stored : [];
  const taken = new Set(ctx.revisions.map((f) => f.revision!));
  const model = new RepairModel(ctx.revisions);
  fixUnusableIds(model, taken);
  fixDuplicates(ctx, model, taken);
  fixMismatchedIds(ctx, model, taken, new Set(stored));
  fixMissingDownRevisions(model);
  fixDanglingReferences(ctx, model, map);
  fixSelfLoops(model);
  fixCycles(model);

  const changes: FileChange[] = [];
  const heads = headsToJoin(model.graph(), options.maxHeads);
  if (heads.length && options.strategy === 'linear') linearise(model, stored.map((s) => model.idMap.get(s) ?? s));
  else if (heads.length) changes.push(mergeHeads(model, heads, taken, ctx.folder.fileTemplate));
  for (const n of model.nodes) {
    const after = n.removed ? null : editedText(n);
    const movedTo = n.removed ? undefined : renamedFile(n);
    if (after !== n.file.text || movedTo) changes.push({ path: n.file.path, file: n.file.file, before: n.file.text, after, ...(movedTo ? { movedTo } : {}) });
  }
  changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const idMap = Object.fromEntries([...model.idMap].sort());
  const unconfirmed = model.decisions.filter((d) => d.confidence !== 'high' && !d.mapped);
  const result: RepairResult = {
    changes,
    remaining: diagnose(chainContext(afterRepair(ctx.folder, changes), { maxHeads: options.maxHeads })).filter((p) => p.severity === 'error'),
    decisions: model.decisions,
    unconfirmed,
    idMap,
    diff: changes.map((c) => unifiedDiff(c.file, c.before, c.after, c.movedTo?.file)).join(''),
    written: false,
  };
  if (options.dryRun || !changes.length) return result;
  if (unconfirmed.length && !options.yes) {
    throw new PgmendError(
      'chain-invalid',
      `${unconfirmed.length} fix(es) are inferred below full confidence: ${unconfirmed.map((d) => `${d.file}:${d.line}: ${d.description} [${d.confidence}]`).join('; ')}`,
      undefined,
      'review them with --dry-run, then accept with --yes or choose with --map OLD=NEW',
    );
  }
  result.backupDir = writeChanges(changes, backupRoot(ctx.folder.locations), idMap, options.now);
  result.written = true;
  return result;
}

/**
 * A revision whose id the repair changed moves to a file name with the new id, when its name
 * carried the old one as a whole `_`-separated part (`<id>_slug.py`, Alembic's default): a name
 * left with the old id is an id-mismatch. Never over an existing file.
 */
function renamedFile(n: ModelNode): { path: string; file: string } | undefined {
  const old = n.file.revision;
  if (old === undefined || n.id === old) return undefined;
  const parts = n.file.stem.split('_');
  const at = parts.indexOf(old);
  if (at < 0) return undefined;
  parts[at] = n.id;
  const name = `${parts.join('_')}.py`;
  const target = path.join(path.dirname(n.file.path), name);
  if (existsSync(target)) return undefined;
  return { path: target, file: path.join(path.dirname(n.file.file), name) };
}

/** The folder as it will be after `changes`, re-read from the new texts (nothing touches disk). */
function afterRepair(folder: VersionsFolder, changes: FileChange[]): VersionsFolder {
  const byPath = new Map(changes.map((c) => [c.path, c]));
  const files = folder.files.flatMap((f) => {
    const change = byPath.get(f.path);
    if (!change) return [f];
    if (change.after === null) return [];
    if (!change.movedTo) return [parseRevisionFile(change.after, f)];
    const { path: moved, file } = change.movedTo;
    return [parseRevisionFile(change.after, { location: f.location, path: moved, file, relPath: path.join(path.dirname(f.relPath), path.basename(moved)) })];
  });
  for (const c of changes) {
    if (c.before !== undefined || c.after === null) continue;
    const location = folder.locations.find((l) => c.path.startsWith(l)) ?? folder.locations[0]!;
    files.push(parseRevisionFile(c.after, { path: c.path, file: c.file, relPath: c.path.slice(location.length + 1), location }));
  }
  return { ...folder, files };
}
