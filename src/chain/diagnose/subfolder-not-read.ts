import type { Diagnosis } from '../types.js';

/**
 * A subfolder of a version location holding .py files: Alembic reads it only with
 * recursive_version_locations, or when alembic.ini names it in version_locations (OpenStack
 * projects keep release/branch folders so). Said, since a check of this folder alone misses them.
 */
export const subfolderNotRead: Diagnosis = (ctx) =>
  ctx.folder.unreadSubfolders.map((folder) => ({
    code: 'subfolder-not-read' as const,
    severity: 'info' as const,
    file: folder,
    line: 1,
    message: `${folder} holds .py files that were not read: Alembic reads subfolders only with recursive_version_locations = true or when version_locations names them`,
    hint: ctx.folder.ini ? 'set recursive_version_locations or version_locations in alembic.ini if they are revisions' : 'point pgmend at the project root (with alembic.ini) to read what Alembic reads there',
  }));
