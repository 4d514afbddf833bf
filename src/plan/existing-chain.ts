import { existsSync } from 'node:fs';
import path from 'node:path';
import { chainContext } from '../chain/context.js';
import { diagnose } from '../chain/diagnose/index.js';
import { readVersionsFolder } from '../chain/read/folder.js';
import { PgmendError } from '../errors.js';

/** The Alembic revisions already in the output folder: each id's parents, and the single head. */
export interface ExistingChain {
  head: string | null;
  parents: Map<string, string[]>;
  /** Revisions pgmend converted (its docstring says from what): id → its file and source files. */
  converted?: Map<string, { file: string; sources: string[] }>;
}

/**
 * Reads the revisions already in `dir` (none when it does not exist) with the chain command's
 * static reader, and refuses a folder new revisions could not be appended to: one `chain check`
 * reports errors for, or one with several heads.
 */
export async function readExistingChain(dir: string): Promise<ExistingChain> {
  const parents = new Map<string, string[]>();
  if (!existsSync(dir)) return { head: null, parents };
  const folder = readVersionsFolder(dir);
  if (folder.locations.length !== 1 || folder.locations[0] !== path.resolve(dir)) {
    broken(dir, `it is an Alembic project, whose revisions live in ${folder.locations.join(', ')}`, 'name the versions folder itself as the output folder');
  }
  const ctx = chainContext(folder);
  const error = diagnose(ctx).find((p) => p.severity === 'error' && p.code !== 'multiple-heads');
  if (error) broken(dir, `${error.file}:${error.line}: ${error.message}`);
  const converted = new Map<string, { file: string; sources: string[] }>();
  for (const f of ctx.revisions) {
    parents.set(f.revision!, [...f.downRevisions]);
    const sources = convertedFrom(f.text);
    if (sources.length) converted.set(f.revision!, { file: f.file, sources });
  }
  const heads = ctx.graph.heads;
  if (heads.length > 1) broken(dir, `it has ${heads.length} heads (${heads.join(', ')})`);
  return { head: heads[0] ?? null, parents, converted };
}

/** The source files a revision's docstring says pgmend converted it from (see the templates). */
function convertedFrom(text: string): string[] {
  const block = /^Converted by pgmend from:\r?\n((?: {4}.* \(version .*\)\r?\n)+)/m.exec(text)?.[1] ?? '';
  return [...block.matchAll(/^ {4}(.*) \(version .*\)$/gm)].map((m) => m[1]!);
}

/**
 * Revisions an earlier conversion made from these sources that this one does not write again
 * (sources added or removed before them changed their ids): written beside them, the new ones
 * would fork the chain or repeat the history. Their files, to name in the refusal.
 */
export function staleConversions(chain: ExistingChain, planned: { id: string; sources: { file: string }[] }[]): string[] {
  const files = new Set(planned.flatMap((r) => r.sources.map((s) => s.file)));
  const ids = new Set(planned.map((r) => r.id));
  return [...(chain.converted ?? [])].filter(([id, c]) => !ids.has(id) && c.sources.some((s) => files.has(s))).map(([, c]) => c.file);
}

function broken(dir: string, why: string, hint = 'repair it first (pgmend chain check / repair) or convert into an empty folder'): never {
  throw new PgmendError('output-chain-broken', `the output folder ${dir} does not hold a single revision chain: ${why}`, undefined, hint);
}
