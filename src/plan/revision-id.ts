import { createHash } from 'node:crypto';

/**
 * A revision id derived from where the revision comes from and where it sits: the source files
 * (relative to the input root), their versions, and the parent id. Same input, same id; and a
 * source fixed and converted again keeps its id, so its revision file is replaced in place
 * (a database that applied it keeps it applied, as with any edited migration).
 */
export function revisionId(parts: { files: string[]; versions: string[]; parent: string | null }): string {
  return createHash('sha256').update(JSON.stringify([parts.files, parts.versions, parts.parent])).digest('hex').slice(0, 12);
}
