/**
 * Reads module-level assignments of a Python file statically: `name = value` and
 * `name: annotation = value`, where value is a literal (str, None, tuple or list of them,
 * implicit string concatenation, parentheses). Anything else is kept as non-literal source text,
 * never guessed.
 */
import { ownString, ownValue, sharedString } from './own-string.js';
import { forEachTopLevelStatement, logicalLines, tokenizePython, type PyToken } from './python-tokens.js';
import { escapeRegExp } from '../../regexp.js';
import { parseLiteral, type PyLiteral } from './python-literal.js';
import { simpleAssignment } from './one-line-assignment.js';

export type { PyLiteral } from './python-literal.js';

export interface PyAssignment {
  name: string;
  /** 1-based line of the assigned name. */
  line: number;
  /** Offsets of the value expression in the file text (the span a repair replaces). */
  start: number;
  end: number;
  /** The value's source text. */
  source: string;
  literal: boolean;
  value?: PyLiteral;
  annotation?: string;
  /** Quote character the value's first string uses, so a repair writes in the file's style. */
  quote?: string;
  /** Other names of a chained assignment (`branch_labels = depends_on = None`) share this value. */
  shared?: boolean;
}

export interface PyModule {
  /** Last module-level assignment per name (Python's own rule: the last one wins). */
  assignments: Map<string, PyAssignment>;
  /** The module docstring token, if the first statement is a string. */
  docstring?: PyToken;
  /** 1-based line the docstring starts on. */
  docstringLine?: number;
}

/**
 * `names` limits which assignments are read (all when omitted). Statements are found first
 * without tokenizing, so function bodies cost one character scan; the common one-line forms
 * (`name = 'x'`, `name: T = None`) are read with one regex, everything else is tokenized.
 */
export function readPythonModule(text: string, names?: ReadonlySet<string>): PyModule {
  const assignments = new Map<string, PyAssignment>();
  const lineAt = lineCounter(text);
  const wanted = names ? namesMatcher(names) : undefined;
  let docstring: PyToken | undefined;
  let docstringLine: number | undefined;
  // Inside a module-level if/try/for/with block, an assignment may or may not run: its value is
  // no literal pgmend can rely on (`if x: down_revision = 'a' else: down_revision = 'b'`). The
  // block is the one the latest statement at column 0 opens; it is looked at only when an
  // indented statement assigns a wanted name (most statements are imports and need no regex).
  let lastTop = -1;
  // A statement after `;` sits where its line's first statement does, or in the body that one
  // opens (`if x: pass; revision = 'a'`, `def f(): …; …`): not read then.
  let lineFirst = 0;
  forEachTopLevelStatement(text, (start, end, index, continued) => {
    if (!continued) lineFirst = start;
    const atColumnZero = lineFirst === 0 || text.charCodeAt(lineFirst - 1) === 10;
    if (atColumnZero && !continued) lastTop = start;
    if (index === 0 && startsString(text, start)) {
      docstring = simpleDocstring(text, start, end) ?? tokenDocstring(text, start, end);
      if (docstring) docstringLine = lineAt(start);
      return;
    }
    const name = wanted ? wanted.startingAt(text, start) : anyName(text, start);
    if (name === undefined) return;
    if (continued && startsWord(COMPOUND, text, lineFirst)) return;
    if (!atColumnZero) {
      if (lastTop < 0 || !startsWord(CONTROL, text, lastTop)) return;
      for (const a of simpleOrTokenAssignments(text, start, end)) {
        if (names && !names.has(a.name)) continue;
        a.line = lineAt(start);
        assignments.set(a.name, { ...a, name: ownString(a.name), literal: false, value: undefined, source: `${a.source} (assigned inside an if/try block: it may not run)` });
      }
      return;
    }
    // The common one-line form first, as one object; the others (chained, tuples, several
    // lines) through the tokenizer.
    const simple = simpleAssignment(text, start, end);
    if (simple) {
      // `revisionñ = …` also starts with a wanted name: only an exact match shares its string.
      simple.name = simple.name === name ? name : ownString(simple.name);
      simple.line = lineAt(start);
      assignments.set(simple.name, simple);
      return;
    }
    const found = tokenAssignments(text, start, end);
    if (!found.length) return;
    const line = lineAt(start);
    for (const a of found) {
      a.name = a.name === name ? name : ownString(a.name);
      a.line = line;
      if (!names || names.has(a.name)) assignments.set(a.name, a);
    }
  }, wanted ? wanted.lastLineStart(text) : text.length);
  return { assignments, docstring, docstringLine };
}

const STRING_START = /[rRuUbBfF]{0,2}['"]/y;
/** A compound statement whose body may or may not run (unlike def and class bodies, which are not module level). */
const CONTROL = /(?:if|elif|else|try|except|finally|for|while|with)\b/y;
/** Any statement that opens a block: what follows its colon on the same line is its body. */
const COMPOUND = /(?:if|elif|else|try|except|finally|for|while|with|def|class|async|match|case)\b/y;

function simpleOrTokenAssignments(text: string, start: number, end: number): PyAssignment[] {
  const simple = simpleAssignment(text, start, end);
  return simple ? [simple] : tokenAssignments(text, start, end);
}

/** The sticky `pattern` matches at `at`. */
function startsWord(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at;
  return pattern.test(text);
}

function startsString(text: string, at: number): boolean {
  STRING_START.lastIndex = at;
  return STRING_START.test(text);
}

export interface NamesMatcher {
  /** The wanted name the statement at `at` starts with (one shared string per name), or undefined. */
  startingAt(text: string, at: number): string | undefined;
  /**
   * The last offset where a line starts with a wanted name. Only statements starting at column 0
   * with a wanted name are read, so none can start later: the scan stops there instead of walking
   * the function bodies (most of a revision file). Matches inside strings only make it stop later.
   */
  lastLineStart(text: string): number;
}

const MATCHERS = new WeakMap<ReadonlySet<string>, NamesMatcher>();

/** Built once per set of names: every file of a folder asks with the same set. */
export function namesMatcher(names: ReadonlySet<string>): NamesMatcher {
  let matcher = MATCHERS.get(names);
  if (matcher) return matcher;
  const list = [...names];
  // One native search back from the end (a greedy run, then a newline and a name) instead of
  // one lastIndexOf per name; sticky from 0, so `test` gives the offset without a match array.
  const lastLine = new RegExp(`[\\s\\S]*[\\n;][ \\t]*(?:[([][ \\t]*)?(?=${list.map(escapeRegExp).join('|')})`, 'y');
  matcher = {
    startingAt(text, at) {
      // A bracketed target list starts with its first name: `(revision, down_revision) = …`.
      if (text.charCodeAt(at) === 40 || text.charCodeAt(at) === 91) {
        BRACKET_SPACE.lastIndex = at + 1;
        BRACKET_SPACE.test(text);
        at = BRACKET_SPACE.lastIndex;
      }
      const first = text.charCodeAt(at);
      for (let k = 0; k < list.length; k++) {
        const name = list[k]!;
        // Most statements (imports, defs) share no first letter with a name: no startsWith call.
        if (name.charCodeAt(0) !== first || !text.startsWith(name, at)) continue;
        const next = text.charCodeAt(at + name.length);
        if (!(next === 95 || (next >= 48 && next <= 57) || ((next | 32) >= 97 && (next | 32) <= 122))) return name;
      }
      return undefined;
    },
    lastLineStart(text) {
      lastLine.lastIndex = 0;
      return lastLine.test(text) ? lastLine.lastIndex : 0;
    },
  };
  MATCHERS.set(names, matcher);
  return matcher;
}

const IDENT = /[A-Za-z_][\w]*/y;
const BRACKET_SPACE = /[ \t]*/y;

/** With every name wanted: '' when the statement starts with a name, else undefined. */
function anyName(text: string, at: number): string | undefined {
  IDENT.lastIndex = at;
  return IDENT.test(text) ? '' : undefined;
}

/** 1-based line of an offset; offsets must come in increasing order (one pass over the text). */
function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 1;
  return (offset) => {
    for (let i = text.indexOf('\n', at); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    at = offset;
    return line;
  };
}

function tokenAssignments(text: string, start: number, end: number): PyAssignment[] {
  const toks = logicalLines(tokenizePython(text, start, end))[0];
  // `name = …`, or a bracketed target list: `(revision, down_revision) = ('b', 'a')`.
  return toks && (toks[0]!.kind === 'name' || toks[0]!.text === '(' || toks[0]!.text === '[') ? readAssignments(toks, text) : [];
}

const DOCSTRING_OPEN = /[rRuU]?(?:"""|''')/y;
const SPACES = /\s*/y; // what trim() removes

/** A docstring that is one triple-quoted string without escapes: no tokenizing needed. */
export function simpleDocstring(text: string, start: number, end: number): PyToken | undefined {
  DOCSTRING_OPEN.lastIndex = start;
  if (!DOCSTRING_OPEN.test(text)) return undefined;
  const bodyStart = DOCSTRING_OPEN.lastIndex;
  const quote = text[bodyStart - 1] === '"' ? '"""' : "'''";
  const close = text.indexOf(quote, bodyStart);
  if (close < 0) return undefined;
  SPACES.lastIndex = close + 3;
  SPACES.test(text);
  if (SPACES.lastIndex < end) return undefined; // something follows the string on its line
  const body = text.slice(bodyStart, close);
  if (body.includes('\\')) return undefined;
  return { kind: 'string', text: text.slice(start, close + 3), start, end: close + 3, value: body, quote };
}

function tokenDocstring(text: string, start: number, end: number): PyToken | undefined {
  const toks = logicalLines(tokenizePython(text, start, end))[0];
  return toks && toks.every((t) => t.kind === 'string') ? toks[0] : undefined;
}

/**
 * `name = value`, `name: annotation = value`, and the forms with several targets Python allows:
 * chained (`branch_labels = depends_on = None`: every name gets the value) and tuple unpacking
 * (`revision, down_revision = "0029", "0028"`: each name its item, when the value is a literal
 * tuple of as many items).
 */
function readAssignments(toks: PyToken[], text: string): PyAssignment[] {
  let i = 1;
  let annotation: string | undefined;
  if (toks[i]?.text === ':') {
    let depth = 0;
    const annStart = i + 1;
    for (i = annStart; i < toks.length; i++) {
      const t = toks[i]!.text;
      if ('([{'.includes(t)) depth++;
      else if (')]}'.includes(t)) depth--;
      else if (t === '=' && depth === 0) break;
    }
    if (i >= toks.length) return []; // a bare annotation, no value
    annotation = sharedString(text.slice(toks[annStart]!.start, toks[i - 1]!.end));
  }
  if (annotation !== undefined) return toks[i + 1] ? [assignment(toks[0]!.text, toks.slice(i + 1), text, annotation)] : [];
  const segments = splitTopLevel(toks, '=');
  const value = segments.pop()!;
  if (!segments.length || !value.length) return [];
  const targets = segments.map(targetNames);
  if (targets.some((t) => t === undefined)) return []; // an attribute, a subscript: not a variable
  const shared = targets.length > 1;
  const out: PyAssignment[] = [];
  for (const names of targets as string[][]) {
    if (!isTuple(segments[targets.indexOf(names)]!)) {
      out.push({ ...assignment(names[0]!, value, text), ...(shared ? { shared: true } : {}) });
      continue;
    }
    const items = tupleItems(value);
    const whole = assignment(names[0]!, value, text);
    names.forEach((name, k) => {
      const item = items?.length === names.length ? items[k] : undefined;
      out.push(item ? assignment(name, item, text) : { ...whole, name, literal: false, value: undefined });
    });
  }
  return out;
}

function assignment(name: string, expr: PyToken[], text: string, annotation?: string): PyAssignment {
  const start = expr[0]!.start;
  const end = expr[expr.length - 1]!.end;
  const parsed = parseLiteral(expr);
  return {
    name,
    line: 0,
    start,
    end,
    source: ownString(text.slice(start, end)),
    literal: parsed.ok,
    value: parsed.ok ? ownValue(parsed.value) : undefined,
    annotation,
    quote: expr.find((t) => t.kind === 'string')?.quote,
  };
}

/** The tokens between top-level `separator` tokens (outside brackets). */
function splitTopLevel(toks: PyToken[], separator: string): PyToken[][] {
  const parts: PyToken[][] = [[]];
  let depth = 0;
  for (const t of toks) {
    if ('([{'.includes(t.text)) depth++;
    else if (')]}'.includes(t.text)) depth--;
    if (t.text === separator && depth === 0) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts;
}

/** `a`, `a, b`, `(a, b)`, `[a, b]` → the names; undefined for anything else. */
function targetNames(toks: PyToken[]): string[] | undefined {
  const inner = toks.length > 1 && '(['.includes(toks[0]!.text) && ')]'.includes(toks[toks.length - 1]!.text) ? toks.slice(1, -1) : toks;
  const names: string[] = [];
  for (let k = 0; k < inner.length; k += 2) {
    if (inner[k]!.kind !== 'name' || (inner[k + 1] && inner[k + 1]!.text !== ',')) return undefined;
    names.push(inner[k]!.text);
  }
  return names.length ? names : undefined;
}

/** A target that unpacks (`a, b`, `(a, b)`, `[a]`), not one name in parentheses. */
function isTuple(toks: PyToken[]): boolean {
  return toks[0]!.text === '[' || toks.some((t) => t.text === ',');
}

/** The top-level items of a tuple or list display (`'a', 'b'`, `('a', 'b')`), each as its tokens. */
function tupleItems(toks: PyToken[]): PyToken[][] | undefined {
  const bracketed = toks.length > 1 && '(['.includes(toks[0]!.text) && closingIndex(toks, 0) === toks.length - 1;
  const items = splitTopLevel(bracketed ? toks.slice(1, -1) : toks, ',');
  if (!items[items.length - 1]!.length) items.pop(); // a trailing comma
  return items.length > 1 || bracketed ? items : undefined;
}

function closingIndex(toks: PyToken[], open: number): number {
  let depth = 0;
  for (let k = open; k < toks.length; k++) {
    if ('([{'.includes(toks[k]!.text)) depth++;
    else if (')]}'.includes(toks[k]!.text) && --depth === 0) return k;
  }
  return -1;
}
