import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PgmendError } from '../errors.js';
import type { OutputFormat, PlannedRevision } from '../plan/index.js';
import { BUILTIN_TEMPLATES, FORMAT_FILES, loadTemplate } from './templates.js';
import { revisionView } from './view.js';

export { pythonString, jsString, shortString } from './literals.js';

/** One file to write, relative to the output folder. */
export interface RenderedFile {
  path: string;
  contents: string;
}

/**
 * Renders every revision with the format's templates: those in `templatesDir` (same file
 * names), and the package's own for any file it does not hold. Templates are compiled once.
 */
export async function renderRevisions(
  revisions: PlannedRevision[],
  format: OutputFormat,
  templatesDir = BUILTIN_TEMPLATES,
): Promise<RenderedFile[]> {
  const templates = await Promise.all(
    FORMAT_FILES[format].map(async (f) => ({ suffix: f.suffix, render: await loadTemplate(await templateHome(templatesDir, f.template), f.template) })),
  );
  const files: RenderedFile[] = [];
  for (const rev of revisions) {
    const view = revisionView(rev);
    for (const t of templates) files.push({ path: `${rev.fileBase}${t.suffix}`, contents: flattened(t.render(view)) });
  }
  return files;
}

/**
 * Handlebars builds its output by concatenation: a tree of thousands of small pieces per file,
 * which would live as long as the report and be copied by every garbage collection until then.
 * A regex test needs one flat string, so V8 flattens it here and the pieces die young.
 */
function flattened(text: string): string {
  FIRST_CHAR.test(text);
  return text;
}

const FIRST_CHAR = /^[\s\S]/;

/** The user's templates folder when it holds the template, else the package's own; a folder that does not exist is an error. */
async function templateHome(dir: string, name: string): Promise<string> {
  if (dir === BUILTIN_TEMPLATES) return dir;
  const folder = await stat(dir).catch(() => undefined);
  if (!folder?.isDirectory()) throw new PgmendError('template-error', `--templates ${dir} is not a folder`, undefined, 'name a folder holding templates with the built-in file names (see templates/)');
  return (await stat(path.join(dir, name)).catch(() => undefined)) ? dir : BUILTIN_TEMPLATES;
}
