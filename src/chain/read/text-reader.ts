/**
 * Reads files as UTF-8 through one reused buffer: readFileSync allocates (and the collector then
 * frees) a fresh buffer per file, which is most of its cost on thousands of small files.
 * (Sharing the reads with a worker thread was measured too: on a 2-core machine the worker took
 * the core V8 compiles hot code on, and the main thread got no faster.)
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync, statfsSync } from 'node:fs';
import { PgmendError } from '../../errors.js';

export class TextReader {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private length = 0;
  /** The last file read was not valid UTF-8 (its bad bytes read as U+FFFD). */
  invalidUtf8 = false;

  /** The whole file as text. `shown` is the path error messages name. */
  read(abs: string, shown: string): string {
    this.load(abs, shown);
    return this.text();
  }

  /**
   * Reads the file's bytes; `text` or `head` decodes them. `shortReadEnds`: a read that returns
   * less than asked for means the end (see endsOnShortRead), which saves a read per file.
   */
  load(abs: string, shown: string, shortReadEnds = false): void {
    let fd: number | undefined;
    try {
      fd = openSync(abs, 'r');
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) this.buffer = Buffer.concat([this.buffer, Buffer.allocUnsafe(this.buffer.length)]);
        const asked = this.buffer.length - length;
        const n = readSync(fd, this.buffer, length, asked, null);
        length += n;
        if (n === 0 || (shortReadEnds && n < asked)) break;
      }
      this.length = length;
    } catch (e) {
      throw new PgmendError('input-unreadable', `cannot read ${shown}: ${(e as Error).message}`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** The loaded file as text. */
  text(): string {
    const text = this.buffer.toString('utf8', 0, this.length);
    // A replacement character is rare: only then are the bytes checked.
    this.invalidUtf8 = text.includes('\uFFFD') && !isUtf8(this.buffer.subarray(0, this.length));
    return text;
  }

  /**
   * The loaded file's text before the first `marker`, when none of `absent` occurs from there on;
   * else undefined. Decoding only the part a reader needs leaves less text for the collector.
   */
  head(marker: Buffer, absent: readonly Buffer[]): string | undefined {
    const bytes = this.buffer.subarray(0, this.length);
    const cut = bytes.indexOf(marker);
    if (cut < 0 || absent.some((a) => bytes.indexOf(a, cut) >= 0)) return undefined;
    this.invalidUtf8 = !isUtf8(bytes);
    return bytes.toString('utf8', 0, cut);
  }
}

/**
 * Linux file systems on local disks and in memory, whose reads of a regular file return less
 * than asked only at its end. Elsewhere only a read of 0 bytes ends a file: 9p (WSL's Windows
 * drives), FUSE and network mounts may return short reads before it.
 */
const LOCAL_FILE_SYSTEMS = new Set([
  0xef53, // ext2, ext3, ext4
  0x58465342, // xfs
  0x9123683e, // btrfs
  0x01021994, // tmpfs
  0x794c7630, // overlayfs (containers)
  0xf2f52010, // f2fs
  0x2fc12fc1, // zfs
]);

/** Whether files in `dir` can be read without a last read that returns 0 bytes. */
export function endsOnShortRead(dir: string): boolean {
  if (process.platform !== 'linux') return false;
  try {
    return LOCAL_FILE_SYSTEMS.has(statfsSync(dir).type);
  } catch {
    return false;
  }
}
