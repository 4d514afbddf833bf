import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PgmendError } from '../errors.js';

/** The Alembic revisions already in the output folder: each id's parents, and the single head. */
export interface ExistingChain {
  head: string | null;
  parents: Map<string, string[]>;
}

/**
 * Reads the revisions already in `dir` (none when it does not exist). A minimal static
 * reader (regexes over `revision = …` / `down_revision = …`, never importing Python):
 * enough to append to a chain; the chain command has the full reader.
 */
export async function readExistingChain(dir: string): Promise<ExistingChain> {
  const files = await listRevisionFiles(dir);
  const parents = new Map<string, string[]>();
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    const id = assigned(text, 'revision');
    const down = assigned(text, 'down_revision');
    if (!id || down === undefined) broken(dir, `${file} has no readable revision / down_revision`);
    if (parents.has(id)) broken(dir, `revision ${id} is present more than once (${file})`);
    parents.set(id, parseDownRevision(down));
  }
  if (parents.size === 0) return { head: null, parents };
  const referenced = new Set<string>();
  for (const [id, ps] of parents) {
    for (const p of ps) {
      if (!parents.has(p)) broken(dir, `revision ${id} follows ${p}, which is not in the folder`);
      referenced.add(p);
    }
  }
  const heads = [...parents.keys()].filter((id) => !referenced.has(id)).sort();
  if (heads.length !== 1) broken(dir, heads.length ? `it has ${heads.length} heads (${heads.join(', ')})` : 'it has no head (a cycle)');
  return { head: heads[0]!, parents };
}

/** Alembic loads every `*.py` of a version location except `__init__` and `.#` lock files. */
async function listRevisionFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.py') && !f.startsWith('.#') && !f.startsWith('__init__')).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new PgmendError('output-chain-broken', `cannot read output folder ${dir}`, undefined, undefined, { cause: e });
  }
}

/** The right-hand side of a top-level `name = …` or `name: Type = …`, or undefined. */
function assigned(text: string, name: string): string | undefined {
  const m = new RegExp(`^${name}\\s*(?::[^=\\n]*)?=\\s*(.+?)\\s*(?:#.*)?$`, 'm').exec(text);
  if (!m) return undefined;
  if (name === 'revision') return /^(['"])([^'"]+)\1$/.exec(m[1]!)?.[2];
  return m[1]!;
}

function parseDownRevision(value: string): string[] {
  if (value === 'None') return [];
  const ids = [...value.matchAll(/(['"])([^'"]+)\1/g)].map((m) => m[2]!);
  if (!ids.length) throw new PgmendError('output-chain-broken', `cannot read down_revision = ${value}`);
  return ids;
}

function broken(dir: string, why: string): never {
  throw new PgmendError(
    'output-chain-broken',
    `the output folder ${dir} does not hold a single revision chain: ${why}`,
    undefined,
    'repair it first (pgmend chain) or convert into an empty folder',
  );
}
