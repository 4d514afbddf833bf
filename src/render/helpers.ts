import { quoteLiteral } from '../sql/quote.js';
import { commentLines, jsString, pythonString, shortString, terminated } from './literals.js';

/**
 * Helpers templates use to write SQL into other languages. Every one escapes; templates
 * compile with `noEscape` (HTML escaping would corrupt SQL), so raw text must go through these.
 */
export function registerHelpers(hb: typeof import('handlebars')): typeof import('handlebars') {
  const text = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));
  hb.registerHelper('py', (v: unknown) => pythonString(text(v)));
  hb.registerHelper('js', (v: unknown) => jsString(text(v)));
  hb.registerHelper('str', (v: unknown) => shortString(text(v)));
  hb.registerHelper('comment', (v: unknown, prefix: unknown) => commentLines(text(v), text(prefix)));
  hb.registerHelper('terminated', (v: unknown) => terminated(text(v)));
  // Free text (messages, file names) inside a Python docstring or a /* */ comment.
  hb.registerHelper('pyDoc', (v: unknown) => text(v).replaceAll('\\', '\\\\').replaceAll('"""', '\\"\\"\\"'));
  hb.registerHelper('jsDoc', (v: unknown) => text(v).replaceAll('*/', '* /'));
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(text).join(''));
  // A downgrade step that cannot be undone stops a plain-SQL rollback with this message.
  hb.registerHelper('sqlRaise', (v: unknown) => `DO $pgmend$ BEGIN RAISE EXCEPTION '%', ${quoteLiteral(text(v).replaceAll('$pgmend$', '$ pgmend$'))}; END $pgmend$;`);
  return hb;
}
