import { readFile } from 'node:fs/promises';
import { PgmendError } from '../errors.js';
import type { Finding } from '../findings.js';
import { SourceText } from '../source.js';

export interface DecodedFile {
  source: SourceText;
  /** Encoding findings (BOM, invalid UTF-8), reported when the file is used. */
  findings: Finding[];
}

/**
 * Reads a file as bytes and decodes it the way a person would expect: UTF-8, with a BOM
 * stripped (so offsets and columns count from the first real character); UTF-16 when its BOM
 * says so; bytes that are not UTF-8 are read as Windows-1252 (the usual legacy encoding)
 * with an error finding at the first bad byte, so nothing is lost or silently garbled.
 */
export async function decodeFile(abs: string, shown: string): Promise<DecodedFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PgmendError('input-not-found', `${shown} does not exist`, undefined, 'check the path', { cause: e });
    throw new PgmendError('input-unreadable', `cannot read ${shown}: ${(e as Error).message}`, undefined, 'check its permissions', { cause: e });
  }
  return decodeBytes(bytes, shown);
}

export function decodeBytes(bytes: Uint8Array, shown: string): DecodedFile {
  const findings: Finding[] = [];
  const at = { file: shown, line: 1, column: 1 };
  const bom = bomOf(bytes);
  if (bom) {
    findings.push({ code: 'byte-order-mark', severity: 'info', message: `${bom.encoding} byte-order mark removed`, location: at });
    const text = new TextDecoder(bom.encoding, { fatal: false }).decode(bytes.subarray(bom.length));
    return { source: new SourceText(shown, text), findings };
  }
  try {
    return { source: new SourceText(shown, new TextDecoder('utf-8', { fatal: true }).decode(bytes)), findings };
  } catch {
    return misencoded(bytes, shown);
  }
}

/**
 * Bytes that are not UTF-8. A file whose earlier text is valid multi-byte UTF-8 is UTF-8 with
 * a few broken bytes (read with U+FFFD in their place); otherwise it is a legacy single-byte
 * file, read as Windows-1252. Either way: an error finding at the first bad byte.
 */
function misencoded(bytes: Uint8Array, shown: string): DecodedFile {
  const bad = firstInvalidUtf8(bytes);
  const utf8 = bytes.subarray(0, bad).some((b) => b >= 0x80);
  const encoding = utf8 ? 'utf-8' : 'windows-1252';
  const source = new SourceText(shown, new TextDecoder(encoding).decode(bytes));
  // Offsets: the valid prefix decodes the same either way; Windows-1252 is one char per byte.
  const at = utf8 ? new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).length : bad;
  const finding: Finding = {
    code: 'invalid-utf8',
    severity: 'error',
    message: `byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} is not valid UTF-8; ${utf8 ? 'invalid bytes were replaced by U+FFFD' : 'the file was read as Windows-1252'}`,
    location: source.locate(at),
    hint: 'check the non-ASCII text in the output, or re-save the file as UTF-8',
  };
  return { source, findings: [finding] };
}

function bomOf(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (Unicode table 3-7). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // [length, allowed range of the second byte] per lead byte
    const [len, lo, hi] =
      b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf]
      : b === 0xe0 ? [3, 0xa0, 0xbf]
      : b === 0xed ? [3, 0x80, 0x9f]
      : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf]
      : b === 0xf0 ? [4, 0x90, 0xbf]
      : b === 0xf4 ? [4, 0x80, 0x8f]
      : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf]
      : [0, 0, 0];
    if (len === 0) return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k < len; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += len;
  }
  return bytes.length;
}
