/** A 1-based position in a user's file. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/**
 * The text of one file with fast offset → line:column lookups, and the byte ↔ character
 * conversion libpg-query needs: its locations are UTF-8 byte offsets, JS strings are UTF-16.
 */
export class SourceText {
  private lineStarts: number[] | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  locate(charOffset: number): SourceLocation {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= charOffset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: charOffset - starts[lo]! + 1 };
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/**
 * Maps UTF-8 byte offsets of `text` to UTF-16 offsets. Identity for pure ASCII, which is
 * the common case and costs one scan.
 */
export function byteToCharMapper(text: string): (byteOffset: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map.push(i);
    if (code >= 0x10000) i++; // surrogate pair: two UTF-16 units, one code point
  }
  map.push(text.length);
  return (b) => (b >= map.length ? text.length : map[b]!);
}
