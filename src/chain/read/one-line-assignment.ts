/**
 * The one-line assignments nearly every revision file writes its variables with, read by
 * position without tokenizing: `name[: annotation] = None | 'string'` and a merge's
 * `name = ('a', 'b')`. Anything else goes to the tokenizing reader (python-values.ts).
 */
import { ownString, sharedString } from './own-string.js';
import type { PyAssignment } from './python-values.js';

const IDENT = /[A-Za-z_][\w]*/y;

/**
 * name, annotation, then None or a quoted string without escapes, then an optional comment, up to
 * the end of the line. Sticky on the whole text (no slice per statement); nothing in it matches a
 * newline, so a match that ends where the statement does covers exactly the statement.
 */
const SIMPLE_ASSIGNMENT = /[A-Za-z_]\w*[ \t]*(?::[ \t]*[^=\n#'"]*?)?[ \t]*=[ \t]*(?:None|[rRuU]?(['"])[^'"\\\n]*\1)[ \t]*(?:#[^\n]*)?\r?(?![^\n;])/y;

/**
 * Once the pattern matched, each part is found by position: the name is the identifier run, the
 * annotation holds no `=` (so the first `=` is the assignment's), a string's body holds no quote
 * (so the next one closes it). No match array per statement: thousands of files each have four.
 */
export function simpleAssignment(text: string, start: number, end: number, known?: string): PyAssignment | undefined {
  SIMPLE_ASSIGNMENT.lastIndex = start;
  if (!SIMPLE_ASSIGNMENT.test(text) || SIMPLE_ASSIGNMENT.lastIndex !== end) return undefined;
  const { name, annotation, eq } = assignmentTarget(text, start, known);
  let at = eq + 1;
  while (text[at] === ' ' || text[at] === '\t') at++;
  if (text.startsWith('None', at)) return new SimpleAssignment(name, at, at + 4, null, annotation, undefined, '');
  const open = text[at] === "'" || text[at] === '"' ? at : at + 1;
  const close = text.indexOf(text[open]!, open + 1);
  return new SimpleAssignment(name, at, close + 1, ownString(text.slice(open + 1, close)), annotation, text[open], text.slice(at, open));
}

/**
 * The name, annotation and `=` of a one-line assignment a pattern matched at `start`. `known`: the
 * wanted name the caller found there, kept rather than cut again (four per file).
 */
function assignmentTarget(text: string, start: number, known?: string): { name: string; annotation?: string; eq: number } {
  IDENT.lastIndex = start;
  IDENT.test(text);
  const nameEnd = IDENT.lastIndex;
  let colon = nameEnd;
  while (text[colon] === ' ' || text[colon] === '\t') colon++;
  const eq = text.indexOf('=', colon);
  const annotated = text[colon] === ':' ? text.slice(colon + 1, eq).trim() : '';
  const name = known !== undefined && known.length === nameEnd - start ? known : text.slice(start, nameEnd);
  return { name, annotation: annotated ? sharedString(annotated) : undefined, eq };
}

/**
 * A merge's down_revision on one line: name, annotation, then a tuple of quoted strings without
 * escapes (a comma after the first, so `('a')` stays a string), an optional comment, the end of
 * the line. Its items are then found by position, as in simpleAssignment; the value is what the
 * tokenizing reader gives (a plain object, as it makes).
 */
const STRING_TUPLE_ASSIGNMENT =
  /[A-Za-z_]\w*[ \t]*(?::[ \t]*[^=\n#'"]*?)?[ \t]*=[ \t]*\([ \t]*(['"])[^'"\\\n]*\1[ \t]*,(?:[ \t]*(['"])[^'"\\\n]*\2[ \t]*,)*(?:[ \t]*(['"])[^'"\\\n]*\3)?[ \t]*\)[ \t]*(?:#[^\n]*)?\r?(?![^\n;])/y;

export function stringTupleAssignment(text: string, start: number, end: number, known?: string): PyAssignment | undefined {
  STRING_TUPLE_ASSIGNMENT.lastIndex = start;
  if (!STRING_TUPLE_ASSIGNMENT.test(text) || STRING_TUPLE_ASSIGNMENT.lastIndex !== end) return undefined;
  const { name, annotation, eq } = assignmentTarget(text, start, known);
  const open = text.indexOf('(', eq);
  const close = text.indexOf(')', open);
  const value: string[] = [];
  let quote: string | undefined;
  for (let at = open + 1; at < close; at++) {
    const q = text[at];
    if (q !== "'" && q !== '"') continue;
    const stop = text.indexOf(q, at + 1);
    value.push(ownString(text.slice(at + 1, stop)));
    quote ??= q;
    at = stop;
  }
  return { name, line: 0, start: open, end: close + 1, source: ownString(text.slice(open, close + 1)), literal: true, value, annotation, quote };
}

/**
 * What `simpleAssignment` reads: a class whose source text is rebuilt when asked (it is one
 * string literal or None), so 10,000 files do not each hold their four values twice.
 */
class SimpleAssignment implements PyAssignment {
  line = 0;
  readonly literal = true;

  constructor(
    public name: string,
    public start: number,
    public end: number,
    public value: string | null,
    public annotation: string | undefined,
    public quote: string | undefined,
    private prefix: string,
  ) {}

  get source(): string {
    return this.value === null ? 'None' : this.prefix + this.quote! + this.value + this.quote!;
  }
}
