/**
 * String literals for the languages pgmend writes revisions in. Each one must give back the
 * exact SQL text when the file is loaded: a wrong escape changes what reaches Postgres.
 */

/** Characters that stay readable but must be escaped in any literal (line separators, BOM, C1). */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

function hex(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A Python 3 `"""…"""` literal: newlines stay real (the SQL stays readable in review),
 * every backslash is doubled, and a `"` is escaped when a quote follows it or it ends the
 * text, so three raw quotes can never occur. `\r` and invisible characters are escaped.
 */
export function pythonString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += text[i + 1] === '"' || i === text.length - 1 ? '\\"' : '"';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t' || ch === '\n') out += ch;
    else if (INVISIBLE.test(ch)) out += hex(ch);
    else if (isLoneSurrogate(text, i)) out += hex(ch);
    else out += ch;
  }
  return `"""${out}"""`;
}

/**
 * A JavaScript template literal without substitutions: backslashes, backticks and `${` are
 * escaped; `\r` too (a template literal turns a raw CR into LF).
 */
export function jsString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' || ch === '`') out += `\\${ch}`;
    else if (ch === '$' && text[i + 1] === '{') out += '\\$';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t' || ch === '\n') out += ch;
    else if (INVISIBLE.test(ch) || isLoneSurrogate(text, i)) out += hex(ch);
    else out += ch;
  }
  return `\`${out}\``;
}

/** A one-line double-quoted literal valid in both Python and JavaScript (for messages). */
export function shortString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (INVISIBLE.test(ch) || isLoneSurrogate(text, i)) out += hex(ch);
    else out += ch;
  }
  return `"${out}"`;
}

/** Text as comment lines: `prefix` before every line, nothing that could end the comment. */
export function commentLines(text: string, prefix: string): string {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => `${prefix}${line}`.trimEnd())
    .join('\n');
}

/** A statement ready to be followed by `;`: a trailing `--` comment must not swallow it. */
export function terminated(sql: string): string {
  const lastLine = sql.slice(sql.lastIndexOf('\n') + 1);
  return lastLine.includes('--') ? `${sql}\n;` : `${sql};`;
}

function isLoneSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const n = text.charCodeAt(i + 1);
    return !(n >= 0xdc00 && n <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = text.charCodeAt(i - 1);
    return !(p >= 0xd800 && p <= 0xdbff);
  }
  return false;
}
