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
 * Renders every revision with the format's templates (the package's own, or those in
 * `templatesDir`, which must hold the same file names). Templates are compiled once.
 */
export async function renderRevisions(
  revisions: PlannedRevision[],
  format: OutputFormat,
  templatesDir = BUILTIN_TEMPLATES,
): Promise<RenderedFile[]> {
  const templates = await Promise.all(
    FORMAT_FILES[format].map(async (f) => ({ suffix: f.suffix, render: await loadTemplate(templatesDir, f.template) })),
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
