import { readdir } from 'node:fs/promises';

/**
 * Where numbered output (`0001_name.up.sql`, `0001_name.js`) continues in `dir`: one past
 * the highest numeric prefix already there, padded like it (at least 4 digits). When the
 * folder already holds this conversion (a file `<n>_<firstSlug>.…`), at that number
 * instead, so converting again rewrites the same files rather than appending copies.
 */
export async function nextNumber(dir: string, firstSlug?: string): Promise<{ first: number; width: number }> {
  let files: string[] = [];
  try {
    files = await readdir(dir);
  } catch {
    // no folder yet: start at 1
  }
  let max = 0;
  let width = 4;
  let again: number | undefined;
  for (const f of files) {
    const m = /^(\d+)_(.*?)(\.up\.sql|\.down\.sql|\.js)?$/.exec(f);
    if (!m) continue;
    max = Math.max(max, Number(m[1]));
    width = Math.max(width, m[1]!.length);
    if (firstSlug !== undefined && m[2] === firstSlug && m[3]) again = Math.min(again ?? Infinity, Number(m[1]));
  }
  return { first: again ?? max + 1, width };
}
