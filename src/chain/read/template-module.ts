/**
 * Alembic's own revision template read in one pass over its lines: a docstring that opens the
 * file, import lines, comments and blank lines, then one-line assignments of the wanted names,
 * and no later line that starts with one. Nearly every revision file has this shape. The
 * general reader (readPythonModule) visits the same statements one by one, in code the JIT has
 * not optimised yet for the first thousands of files; this pass costs a fraction of that. Any
 * other shape, and any doubt, is left to the general reader, which gives the same result for
 * these files (test/chain/template-module.test.ts holds the two equal).
 */
import { simpleAssignment, stringTupleAssignment } from './one-line-assignment.js';
import { namesMatcher, simpleDocstring, type PyAssignment, type PyModule } from './python-values.js';

/** The module as readPythonModule(text, names) reads it, or undefined when the file is not of the template's shape. */
export function templateModule(text: string, names: ReadonlySet<string>): PyModule | undefined {
  if (text.includes('\r')) return undefined; // Windows line ends: the general reader
  const docstring = docstringAtTop(text);
  if (!docstring) return undefined;
  const wanted = namesMatcher(names);
  const assignments = new Map<string, PyAssignment>();
  let lastStart = -1;
  let at = text.indexOf('\n', docstring.end) + 1;
  let line = 2 + countLines(text, docstring.end);
  for (; at > 0 && at < text.length; line++) {
    const eol = endOfLine(text, at);
    const kind = lineKind(text, at, eol);
    if (kind === 'statement') {
      const name = wanted.startingAt(text, at);
      if (name === undefined) {
        // The body of the file: the template ends once its assignments were read, and no later
        // line may start with a wanted name (in Python the last assignment wins).
        if (lastStart < 0 || wanted.lastLineStart(text) > lastStart) return undefined;
        break;
      }
      // `name` is the one shared string, as the general reader keeps it.
      const simple = simpleAssignment(text, at, eol, name) ?? stringTupleAssignment(text, at, eol, name);
      if (simple?.name !== name) return undefined;
      simple.line = line;
      assignments.set(name, simple);
      lastStart = at;
    } else if (kind === 'indented') return undefined;
    at = eol + 1;
  }
  return assignments.size ? { assignments, docstring, docstringLine: 1 } : undefined;
}

/** A docstring that opens the file and ends its line (the general reader's first statement then). */
function docstringAtTop(text: string) {
  const quote = text.startsWith('"""') ? '"""' : text.startsWith("'''") ? "'''" : undefined;
  const close = quote ? text.indexOf(quote, 3) : -1;
  const eol = close < 0 ? -1 : text.indexOf('\n', close + 3);
  return eol < 0 ? undefined : simpleDocstring(text, 0, eol);
}

/**
 * `blank`: spaces only, or a comment; `import`: a one-line import (no brackets, quotes,
 * backslash or `;`); `statement`: anything else that starts at column 0; `indented`: code that
 * does not.
 */
function lineKind(text: string, at: number, eol: number): 'blank' | 'import' | 'statement' | 'indented' {
  let i = at;
  while (i < eol && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i === eol || text.charCodeAt(i) === 35) return 'blank';
  if (i !== at) return 'indented';
  IMPORT_LINE.lastIndex = at;
  return IMPORT_LINE.test(text) && IMPORT_LINE.lastIndex === eol ? 'import' : 'statement';
}

const IMPORT_LINE = /(?:from|import)[ \t][^\n#'"\\()[\]{};]*(?:#[^\n]*)?/y;

function endOfLine(text: string, at: number): number {
  const eol = text.indexOf('\n', at);
  return eol < 0 ? text.length : eol;
}

/** Line breaks before `to`. */
function countLines(text: string, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
