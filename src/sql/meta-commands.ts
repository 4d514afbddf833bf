/**
 * Finds psql meta-command lines (`\i file`, `\set x 1`, `\connect db`) — lines whose first
 * non-blank character is a backslash outside any string, identifier, comment or dollar
 * quote — and the commands that end a query at the end of its line (`SELECT … \gexec`). The
 * Postgres parser knows nothing of them, so they are lifted out before parsing.
 */
export interface MetaLine {
  start: number; // offset of the backslash
  end: number; // offset of the line end (exclusive, before '\n')
  lineStart: number;
}

export function findMetaLines(text: string, from = 0, to = text.length): MetaLine[] {
  const found: MetaLine[] = [];
  const backslash = text.indexOf('\\', from);
  if (backslash < 0 || backslash >= to) return found; // most files: no backslash, no meta-command
  let i = from;
  let atLineStart = true;
  let lineStart = from;
  while (i < to) {
    const c = text[i]!;
    if (c === '\n') {
      atLineStart = true;
      lineStart = i + 1;
      i++;
      continue;
    }
    if (atLineStart && (c === ' ' || c === '\t' || c === '\r')) {
      i++;
      continue;
    }
    if (atLineStart && c === '\\') {
      let end = text.indexOf('\n', i);
      if (end === -1 || end > to) end = to;
      found.push({ start: i, end: text[end - 1] === '\r' ? end - 1 : end, lineStart });
      i = end;
      continue;
    }
    if (c === '\\' && SENDS_QUERY.test(text.slice(i, text.indexOf('\n', i) < 0 ? to : Math.min(to, text.indexOf('\n', i))))) {
      let end = text.indexOf('\n', i);
      if (end === -1 || end > to) end = to;
      found.push({ start: i, end: text[end - 1] === '\r' ? end - 1 : end, lineStart });
      i = end;
      continue;
    }
    atLineStart = false;
    i = skipToken(text, i, to);
  }
  return found;
}

/** `\g`, `\gexec`, `\gset [prefix]`, `\gx`, `\gdesc` ending a line: psql sends the query before it. */
const SENDS_QUERY = /^\\g(?:exec|set|x|desc)?(?:[ \t]+\S*)?[ \t\r]*$/;

/** The meta-commands that end the statement before them, as `;` would. */
export const QUERY_TERMINATORS: ReadonlySet<string> = new Set(['g', 'gexec', 'gset', 'gx', 'gdesc']);

/** Returns the offset after the lexical unit starting at `i` (a quote, comment, or one char). */
function skipToken(text: string, i: number, to: number): number {
  const c = text[i]!;
  const next = text[i + 1];
  if (c === '-' && next === '-') {
    const nl = text.indexOf('\n', i);
    return nl === -1 || nl > to ? to : nl;
  }
  if (c === '/' && next === '*') {
    let depth = 1;
    let j = i + 2;
    while (j < to && depth > 0) {
      if (text[j] === '/' && text[j + 1] === '*') (depth++, (j += 2));
      else if (text[j] === '*' && text[j + 1] === '/') (depth--, (j += 2));
      else j++;
    }
    return j;
  }
  if (c === "'") {
    const escapes = i > 0 && /[eE]/.test(text[i - 1]!) && !/[\w$]/.test(text[i - 2] ?? ' ');
    let j = i + 1;
    while (j < to) {
      if (escapes && text[j] === '\\') j += 2;
      else if (text[j] === "'" && text[j + 1] === "'") j += 2;
      else if (text[j] === "'") return j + 1;
      else j++;
    }
    return to;
  }
  if (c === '"') {
    let j = i + 1;
    while (j < to) {
      if (text[j] === '"' && text[j + 1] === '"') j += 2;
      else if (text[j] === '"') return j + 1;
      else j++;
    }
    return to;
  }
  if (c === '$' && !/[\w$]/.test(text[i - 1] ?? ' ')) {
    const m = /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(text.slice(i, i + 64));
    if (m) {
      const close = text.indexOf(m[0], i + m[0].length);
      return close === -1 || close > to ? to : close + m[0].length;
    }
  }
  return i + 1;
}
