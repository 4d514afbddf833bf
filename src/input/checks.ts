import type { Finding } from '../findings.js';
import { PgmendError } from '../errors.js';
import { COMMENT } from '../sql/lexer.js';
import { lexTokens } from '../sql/tokens.js';
import type { SourceText } from '../source.js';
import type { SqlStatement } from '../sql/split.js';

const PLACEHOLDERS: Array<{ pattern: RegExp; what: string; inStrings: boolean }> = [
  // `{{ name }}`, `{{ ref('x') }}`, `{{ x | filter }}`; not an array literal `'{{0,0},{1,1}}'`.
  { pattern: /\{\{\s*[A-Za-z_][\w.]*\s*(?:\|[^}\n]*|\([^}\n]*\))?\s*\}\}/g, what: 'template placeholder', inStrings: true },
  { pattern: /\{%[^\n]*?%\}/g, what: 'template tag', inStrings: true },
  { pattern: /@extschema(?::\w+)?@/g, what: 'extension-script placeholder', inStrings: true },
  { pattern: /\bMODULE_PATHNAME\b/g, what: 'extension-script placeholder', inStrings: true },
  // `${x}` inside a string literal is usually data, except where the tool substitutes it everywhere.
  { pattern: /\$\{[^}\n]*\}/g, what: 'placeholder', inStrings: false },
  // psql's `:name`, `:'name'` (as a literal), `:"name"` (as an identifier); not `::type`, `a[1:n]`.
  { pattern: /(?<![:\w\]])(?::'[A-Za-z_]\w*'|:"[A-Za-z_]\w*"|:[A-Za-z_]\w*)/g, what: 'psql variable', inStrings: false },
];

// The same patterns without the global flag's lastIndex state, for a yes/no look.
const ANY_PLACEHOLDER = PLACEHOLDERS.map((p) => new RegExp(p.pattern.source));

/**
 * Template placeholders left in SQL (`{{ schema }}`, `${flyway:user}`, `@extschema@`, psql's
 * `:name`): the
 * text is not what runs. One finding per distinct placeholder, at its first use; comments
 * are ignored. `substitutesEverywhere` is true for Flyway and goose ENVSUB, which replace
 * `${…}` inside string literals too.
 */
export function findPlaceholders(source: SourceText, substitutesEverywhere: boolean): Finding[] {
  // Most files hold none: skip the scan that tells comments and strings apart.
  if (!ANY_PLACEHOLDER.some((r) => r.test(source.text))) return [];
  const { comments, strings } = lexicalRegions(source.text);
  const inside = (regions: Array<[number, number]>, at: number) => regions.some(([a, b]) => at >= a && at < b);
  const seen = new Map<string, Finding & { count: number }>();
  for (const p of PLACEHOLDERS) {
    for (const m of source.text.matchAll(p.pattern)) {
      const at = m.index!;
      if (inside(comments, at)) continue;
      if (!p.inStrings && !substitutesEverywhere && inside(strings, at)) continue;
      const first = seen.get(m[0]);
      if (first) first.count++;
      else
        seen.set(m[0], {
          code: 'template-placeholder',
          severity: 'warning',
          message: `${p.what} \`${m[0]}\`: this is a template, not the SQL that runs`,
          location: source.locate(at),
          hint: 'render the template (substitute the value) before converting',
          count: 1,
        });
    }
  }
  return [...seen.values()]
    .sort((a, b) => a.location!.line - b.location!.line || a.location!.column - b.location!.column)
    .map(({ count, ...f }) => (count > 1 ? { ...f, message: `${f.message} (${count} uses)` } : f));
}

/** Comment and string-literal spans (the lexer's tokens); none when the text does not scan. */
function lexicalRegions(text: string): { comments: Array<[number, number]>; strings: Array<[number, number]> } {
  const comments: Array<[number, number]> = [];
  const strings: Array<[number, number]> = [];
  let lexed;
  try {
    lexed = lexTokens(text);
  } catch (e) {
    if (e instanceof PgmendError) throw e;
    return { comments, strings }; // unterminated quote or comment: report placeholders everywhere rather than nowhere
  }
  for (let i = 0; i < lexed.count; i++) {
    const span: [number, number] = [lexed.data[3 * i]!, lexed.data[3 * i + 1]!];
    if (lexed.data[3 * i + 2] === COMMENT) comments.push(span);
    else if (STRING_TOKEN.test(text.slice(span[0], Math.min(span[1], span[0] + 3)))) strings.push(span);
  }
  return { comments, strings };
}

/** How a string constant starts: `'…'`, `E'…'`, `B'…'`, `X'…'`, `N'…'`, `U&'…'`, `$tag$…$tag$`. */
const STRING_TOKEN = /^(?:[EeBbXxNn]?'|[Uu]&'|\$(?:[A-Za-z_]|\$))/;

/** A migration that yields no statement is kept (the chain keeps its place) and reported. */
export function emptyMigration(source: SourceText, up: SqlStatement[], wholeFile: boolean, unwrapped: boolean): Finding | undefined {
  if (up.length > 0) return undefined;
  const text = source.text.trim();
  const why = !wholeFile
    ? 'its up section has no SQL statement'
    : text === ''
      ? 'the file is empty'
      : unwrapped
        ? 'the file holds no SQL statement besides BEGIN/COMMIT'
        : /^[ \t]*\\/m.test(text)
          ? 'the file holds no SQL statement, only comments and psql commands'
          : 'the file holds only comments';
  return {
    code: 'empty-migration',
    severity: 'warning',
    message: `${why}: it becomes an empty revision`,
    location: { file: source.file, line: 1, column: 1 },
  };
}
