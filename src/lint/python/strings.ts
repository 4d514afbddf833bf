/**
 * Python string literals → their value, with a map from every character of the value back to
 * its offset in the .py file, so SQL found inside a literal is located where the user wrote it.
 */
export interface PyString {
  value: string;
  /** map[i] = file offset of value[i]; map[value.length] = offset of the closing quote. */
  map: number[];
  /** An f-string: its value depends on run-time data. */
  formatted: boolean;
  bytes: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decodes one string token (`r'…'`, `"""…"""`, `b"…"`, `f'…'`, …) that starts at file offset `at`. */
export function decodeString(token: string, at: number): PyString {
  const prefix = /^[A-Za-z]*/.exec(token)![0].toLowerCase();
  const rest = token.slice(prefix.length);
  const quoteLen = rest.startsWith('"""') || rest.startsWith("'''") ? 3 : 1;
  const bodyStart = prefix.length + quoteLen;
  const body = token.slice(bodyStart, token.length - quoteLen);
  const raw = prefix.includes('r');
  const value: string[] = [];
  const map: number[] = [];
  const emit = (s: string, offset: number): void => {
    for (let k = 0; k < s.length; k++) {
      value.push(s[k]!); // one UTF-16 unit per entry keeps value and map aligned
      map.push(at + bodyStart + offset);
    }
  };
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === '\r' && body[i + 1] === '\n') {
      emit('\n', i + 1); // Python reads source files with universal newlines
      i += 2;
      continue;
    }
    if (c !== '\\' || raw) {
      emit(c, i);
      i++;
      continue;
    }
    const [text, length] = escape(body, i);
    emit(text, i);
    i += length;
  }
  map.push(at + token.length - quoteLen);
  return { value: value.join(''), map, formatted: prefix.includes('f'), bytes: prefix.includes('b') };
}

/** The value of the escape sequence at body[i] (a backslash) and how many characters it spans. */
function escape(body: string, i: number): [string, number] {
  const next = body[i + 1] ?? '';
  if (next === '\n') return ['', 2];
  if (next === '\r') return ['', body[i + 2] === '\n' ? 3 : 2];
  if (next in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[next]!, 2];
  const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1, i + 4));
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8)), 1 + octal[0].length];
  const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (hexLength) {
    const hex = body.slice(i + 2, i + 2 + hexLength);
    if (new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) return [String.fromCodePoint(parseInt(hex, 16)), 2 + hexLength];
  }
  // \N{NAME} needs Python's Unicode database; unknown escapes keep their backslash (as Python does).
  return ['\\', 1];
}

/**
 * Adjacent literals (`'a' "b"`) are one value in Python; so are `'a' + 'b'` in practice. Joined
 * to an f-string, a plain literal's braces are doubled, so the whole reads as one f-string.
 */
export function concatStrings(parts: PyString[]): PyString {
  const formatted = parts.some((p) => p.formatted);
  const value: string[] = [];
  const map: number[] = [];
  for (const p of parts) {
    for (let i = 0; i < p.value.length; i++) {
      // no spread: literals can be huge
      const c = p.value[i]!;
      const times = formatted && !p.formatted && (c === '{' || c === '}') ? 2 : 1;
      for (let k = 0; k < times; k++) (value.push(c), map.push(p.map[i]!));
    }
  }
  map.push(parts.length ? parts[parts.length - 1]!.map[parts[parts.length - 1]!.value.length]! : 0);
  return { value: value.join(''), map, formatted, bytes: parts.some((p) => p.bytes) };
}
