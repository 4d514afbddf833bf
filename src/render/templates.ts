import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgmendError } from '../errors.js';
import type { OutputFormat } from '../plan/index.js';
import { registerHelpers } from './helpers.js';

/** The package's own templates/ folder: found from this module, so it works when installed. */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/** The files each format writes per revision: template path (under the templates folder) → file suffix. */
export const FORMAT_FILES: Record<OutputFormat, { template: string; suffix: string }[]> = {
  alembic: [{ template: 'alembic/revision.py.hbs', suffix: '.py' }],
  sql: [
    { template: 'sql/up.sql.hbs', suffix: '.up.sql' },
    { template: 'sql/down.sql.hbs', suffix: '.down.sql' },
  ],
  'node-pg-migrate': [{ template: 'node-pg-migrate/migration.js.hbs', suffix: '.js' }],
};

export type CompiledTemplate = (view: object) => string;

let handlebars: typeof import('handlebars') | undefined;

/** Handlebars with pgmend's helpers, imported on first use (only commands that render need it). */
async function engine(): Promise<typeof import('handlebars')> {
  return (handlebars ??= registerHelpers((await import('handlebars')).default.create()));
}
const cache = new Map<string, CompiledTemplate>();

/**
 * Reads a template (once per convert run) and compiles it once per distinct text.
 * `preventIndent` matters: Handlebars would otherwise indent every line a standalone partial
 * outputs, including lines inside SQL text.
 */
export async function loadTemplate(dir: string, name: string): Promise<CompiledTemplate> {
  const file = path.resolve(dir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new PgmendError('template-error', `template ${file} cannot be read`, undefined, `a templates folder needs ${name}`, { cause: e });
  }
  const key = `${file}\0${text}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const hb = await engine();
  let compiled: HandlebarsTemplateDelegate;
  try {
    hb.parse(text); // compile() is lazy: surface syntax errors now, with the file name
    // Without @index/@first/… in the template, Handlebars need not build a data frame per step.
    compiled = hb.compile(text, { noEscape: true, preventIndent: true, data: /\{\{[^}]*@/.test(text) });
  } catch (e) {
    throw new PgmendError('template-error', `template ${file} does not compile: ${(e as Error).message}`, undefined, undefined, { cause: e });
  }
  const render: CompiledTemplate = (view) => {
    try {
      return compiled(view);
    } catch (e) {
      throw new PgmendError('template-error', `template ${file} does not render: ${(e as Error).message}`, undefined, undefined, { cause: e });
    }
  };
  cache.set(key, render);
  return render;
}
