/** Builds what every diagnosis reads: the folder, its revisions by id, and the graph. */
import { buildRevisionGraph, type GraphNode } from './graph.js';
import { dateKey } from './read/docstring.js';
import type { VersionsFolder } from './read/folder.js';
import { isNonLiteral, type RevisionFile, type RevisionVariable } from './read/revision-file.js';
import type { ChainContext, CheckOptions } from './types.js';

export function chainContext(folder: VersionsFolder, options: CheckOptions = {}): ChainContext {
  const revisions: RevisionFile[] = [];
  const nodes: GraphNode[] = [];
  let unreadable = folder.skipped.length > 0; // compiled revisions Alembic loads and pgmend cannot read
  let nonLiteral = false;
  for (let i = 0; i < folder.files.length; i++) {
    const f = folder.files[i]!;
    const v = f.values;
    // REVISION_VARIABLES by name: a loop over them would look each up by a changing key.
    if (isNonLiteral(v.revision) || isNonLiteral(v.down_revision)) unreadable = nonLiteral = true;
    else if (isNonLiteral(v.branch_labels) || isNonLiteral(v.depends_on)) nonLiteral = true;
    if (f.revision === undefined || f.notRevision) continue;
    revisions.push(f);
    nodes.push({ id: f.revision, downRevisions: f.downRevisions, dependsOn: f.dependsOn, branchLabels: graphLabels(f) });
  }
  const graph = buildRevisionGraph(nodes);
  let filesById: Map<string, RevisionFile[]> | undefined;
  return {
    folder,
    revisions,
    // Grouped when asked: with one file per id (graph.count === revisions.length) checks need none.
    get filesById() {
      return (filesById ??= groupById(revisions));
    },
    // The graph keeps the later of two files with one id, as Alembic does.
    fileFor: (id) => {
      const p = graph.positionOf(id);
      return p === undefined ? undefined : revisions[p];
    },
    graph,
    options,
    unreadable,
    nonLiteral,
  };
}

function groupById(revisions: RevisionFile[]): Map<string, RevisionFile[]> {
  const byId = new Map<string, RevisionFile[]>();
  for (const f of revisions) {
    const list = byId.get(f.revision!);
    if (list) list.push(f);
    else byId.set(f.revision!, [f]); // not [] then push: V8 would give each list room for 17
  }
  return byId;
}

/**
 * A revision's branch labels as the graph takes them. Labels pgmend cannot read
 * (`branch_labels = migration.EXPAND_BRANCH`) still name its branch: a label no other revision
 * can hold stands in for them.
 */
export function graphLabels(f: RevisionFile): readonly string[] {
  return isNonLiteral(f.values.branch_labels) ? [...f.branchLabels, `\0unread label of ${f.revision!}`] : f.branchLabels;
}

/** file and line of a variable (or of the file's first line). */
export function at(f: RevisionFile, variable: RevisionVariable = 'revision'): { file: string; line: number } {
  return { file: f.file, line: f.values[variable]?.line ?? f.values.revision?.line ?? 1 };
}

export function listIds(ids: readonly string[]): string {
  return ids.map((i) => `'${i}'`).join(', ');
}

const FILE_NAME_DATE = /(?:^|[^\d])(\d{4})[-_]?(\d{2})[-_]?(\d{2})(?:[-_T]?(\d{2})[-_:]?(\d{2})(?:[-_:]?(\d{2}))?)?(?!\d)/;

/**
 * When a revision was written, as a sortable key: its Create Date, else a date in its file name,
 * else nothing ('' sorts first). Ties are broken by callers (path or graph order).
 */
export function chronoKey(f: RevisionFile): string {
  const created = dateKey(f.docstring?.createDate?.value);
  if (created) return created;
  const m = FILE_NAME_DATE.exec(f.stem);
  if (m && Number(m[2]) <= 12 && Number(m[3]) <= 31) return `${m[1]}${m[2]}${m[3]}${m[4] ?? '00'}${m[5] ?? '00'}${m[6] ?? '00'}000000`;
  return '';
}
