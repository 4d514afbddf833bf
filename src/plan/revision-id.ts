import { createHash } from 'node:crypto';

/**
 * A revision id derived from what the revision is made of and where it sits: the source
 * files (relative to the input root), their versions and statement texts, and the parent
 * id. Same input, same id; a changed statement or a different parent, a new id.
 */
export function revisionId(parts: { files: string[]; versions: string[]; texts: string[]; parent: string | null }): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([parts.files, parts.versions, parts.parent]));
  for (const t of parts.texts) hash.update(`\0${t}`);
  return hash.digest('hex').slice(0, 12);
}
