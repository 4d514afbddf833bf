/**
 * A copy of `s` that does not keep the text it was cut from alive. V8 represents a slice or
 * regex match of 13+ characters as a view into its parent string, so one kept revision id or
 * Create Date held a whole file: 10,000 files stayed live and the garbage collector copied them
 * again and again. Joining two parts makes V8 write a new flat string: one object (a slice of a
 * concatenation, the obvious copy, is two: the view and the string it views).
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : [s.slice(0, 1), s.slice(1)].join('');
}

/** `ownString` through a literal value (str, None, nested tuples). */
export function ownValue<T extends string | null | T[]>(v: T): T {
  if (typeof v === 'string') return ownString(v) as T;
  return Array.isArray(v) ? (v.map(ownValue) as T) : v;
}

const RECENT: string[] = [];

/**
 * One instance of a string every file repeats (annotations like `Union[str, Sequence[str], None]`):
 * 10,000 files then hold one copy, not 10,000. A few recent values compared directly: cheaper
 * than hashing a fresh slice into a Map, and nothing grows.
 */
export function sharedString(s: string): string {
  for (let k = 0; k < RECENT.length; k++) if (RECENT[k] === s) return RECENT[k]!;
  const own = ownString(s);
  if (RECENT.unshift(own) > 8) RECENT.pop();
  return own;
}
