/**
 * String literals for the languages pgmend writes revisions in. Each one must give back the
 * exact SQL text when the file is loaded: a wrong escape changes what reaches Postgres.
 */

function hex(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

// What each literal must look at; everything else is copied as is. Surrogates are matched so
// that lone ones (invalid in UTF-8 files) can be escaped.
// eslint-disable-next-line no-control-regex
const PY_SPECIAL = /[\\"\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/g;
const PY_SPECIAL_ANY = new RegExp(PY_SPECIAL.source);
// eslint-disable-next-line no-control-regex
const JS_SPECIAL = /[\\`\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]|\$(?=\{)/g;
// eslint-disable-next-line no-control-regex
const SHORT_SPECIAL = /[\\"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/g;

/** An invisible character escaped; a surrogate kept when it is half of a pair. */
function invisible(text: string, ch: string, i: number): string {
  const c = ch.charCodeAt(0);
  return c >= 0xd800 && c <= 0xdfff && !isLoneSurrogate(text, i) ? ch : hex(ch);
}

/**
 * A Python 3 `"""…"""` literal: newlines stay real (the SQL stays readable in review),
 * every backslash is doubled, and a `"` is escaped when a quote follows it or it ends the
 * text, so three raw quotes can never occur. `\r` and invisible characters are escaped.
 */
export function pythonString(text: string): string {
  // Most SQL holds none of them: one test, without replace's per-match callback machinery.
  if (!PY_SPECIAL_ANY.test(text)) return `"""${text}"""`;
  const body = text.replace(PY_SPECIAL, (ch: string, i: number) => {
    if (ch === '\\') return '\\\\';
    if (ch === '"') return text[i + 1] === '"' || i === text.length - 1 ? '\\"' : '"';
    if (ch === '\r') return '\\r';
    return invisible(text, ch, i);
  });
  return `"""${body}"""`;
}

/**
 * A JavaScript template literal without substitutions: backslashes, backticks and `${` are
 * escaped; `\r` too (a template literal turns a raw CR into LF).
 */
export function jsString(text: string): string {
  const body = text.replace(JS_SPECIAL, (ch: string, i: number) => {
    if (ch === '\\' || ch === '`' || ch === '$') return `\\${ch}`;
    if (ch === '\r') return '\\r';
    return invisible(text, ch, i);
  });
  return `\`${body}\``;
}

/** A one-line double-quoted literal valid in both Python and JavaScript (for messages). */
export function shortString(text: string): string {
  const body = text.replace(SHORT_SPECIAL, (ch: string, i: number) => {
    if (ch === '\\' || ch === '"') return `\\${ch}`;
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    return invisible(text, ch, i);
  });
  return `"${body}"`;
}

const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** Text as comment lines: `prefix` before every line, nothing that could end the comment. */
export function commentLines(text: string, prefix: string): string {
  if (!LINE_BREAK.test(text)) {
    // Most are one line (a file:line) with nothing to trim.
    const line = `${prefix}${text}`;
    return /\s$/.test(text || prefix) ? line.trimEnd() : line;
  }
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
