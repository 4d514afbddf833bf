import { at } from '../context.js';
import type { RevisionFile } from '../read/revision-file.js';
import type { ChainContext, ChainProblem, Diagnosis } from '../types.js';
import { escapeRegExp } from '../../regexp.js';

/**
 * The id a file name carries, by the project's file_template (`%(rev)s` part), when it differs
 * from the variable and looks like an id (hex, or something another file refers to).
 */
export function fileNameId(ctx: ChainContext, f: RevisionFile): string | undefined {
  const id = f.revision!;
  const s = f.stem;
  if (s === id || namesAsWord(s, id)) return undefined;
  const m = templatePattern(ctx.folder.fileTemplate).exec(s);
  const candidate = m?.groups?.rev;
  if (candidate === id) return undefined; // `2024_01_02-<rev>_slug`: the template puts it there
  if (candidate && (/^[0-9a-f]{6,}$/i.test(candidate) || referencedIds(ctx).has(candidate))) return candidate;
  // An id with underscores (`train_contract01`, glance's) that other files refer to but no file
  // declares: the file name carries it when the template matches with it as the rev part.
  return danglingIds(ctx).find((d) => templatePattern(ctx.folder.fileTemplate, d).test(s));
}

const DANGLING = new WeakMap<ChainContext, string[]>();

function danglingIds(ctx: ChainContext): string[] {
  let ids = DANGLING.get(ctx);
  if (!ids) DANGLING.set(ctx, (ids = [...referencedIds(ctx)].filter((r) => r.includes('_') && !ctx.graph.has(r))));
  return ids;
}

// Per context and per template, built once: asking per file made date-named folders quadratic.
const REFERENCED = new WeakMap<ChainContext, Set<string>>();
const PATTERNS = new Map<string, RegExp>();

function referencedIds(ctx: ChainContext): Set<string> {
  let ids = REFERENCED.get(ctx);
  if (!ids) REFERENCED.set(ctx, (ids = new Set(ctx.revisions.flatMap((r) => [...r.downRevisions, ...r.dependsOn]))));
  return ids;
}

/** The template as a pattern; with `rev`, for file names carrying that very id. */
function templatePattern(template: string, rev?: string): RegExp {
  const key = rev === undefined ? template : `${template}\0${rev}`;
  let re = PATTERNS.get(key);
  if (!re) PATTERNS.set(key, (re = compileTemplate(template, rev)));
  return re;
}

function compileTemplate(template: string, rev?: string): RegExp {
  const base = template.split('/').at(-1)!;
  let re = '';
  for (const part of base.split(/(%\([a-z]+\)[-#0 +]*\d*(?:\.\d+)?[sd])/)) {
    const token = /^%\(([a-z]+)\)/.exec(part)?.[1];
    if (!token) re += escapeRegExp(part);
    else re += token === 'rev' ? (rev === undefined ? '(?<rev>[^_]+?)' : `(?<rev>${escapeRegExp(rev)})`) : token === 'slug' ? '.*?' : '\\d+';
  }
  return new RegExp(`^${re}$`);
}

/** File name, docstring and variable disagree: Alembic only ever uses the variable. */
export const idMismatch: Diagnosis = (ctx) => {
  const problems: ChainProblem[] = [];
  for (const f of ctx.revisions) {
    const id = f.revision!;
    const fromName = fileNameId(ctx, f);
    const fromDoc = f.docstring?.revisionId?.value;
    const docDiffers = fromDoc !== undefined && fromDoc !== id;
    if (fromName === undefined && !docDiffers) continue;
    const others =
      fromName !== undefined && docDiffers && fromName === fromDoc
        ? [`the file name and docstring say '${fromName}'`]
        : [fromName !== undefined ? `the file name says '${fromName}'` : '', docDiffers ? `the docstring says '${fromDoc}'` : ''].filter(Boolean);
    problems.push({
      code: 'id-mismatch',
      severity: 'warning',
      ...at(f),
      revision: id,
      // Alembic's command line resolves a unique prefix (`alembic upgrade 750d3050`), a down_revision never does.
      message: `${others.join(' and ')} but revision = '${id}': Alembic uses '${id}' only, so a down_revision or depends_on written against the other id does not find this revision`,
      hint: 'make the docstring and file name agree with the variable (pgmend chain repair updates the docstring; rename the file by hand)',
    });
  }
  return problems;
};

/** `id` is one of the `_`-separated words of the file name `stem` (`<id>_slug`, `date_<id>_slug`). */
function namesAsWord(stem: string, id: string): boolean {
  if (!id) return false; // '' is found everywhere: the search below would never end
  for (let at = stem.indexOf(id); at >= 0; at = stem.indexOf(id, at + 1)) {
    const end = at + id.length;
    if ((at === 0 || stem.charCodeAt(at - 1) === 95) && (end === stem.length || stem.charCodeAt(end) === 95)) return true;
  }
  return false;
}
