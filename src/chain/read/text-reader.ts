/**
 * Reads files as UTF-8 through one reused buffer: readFileSync allocates (and the collector then
 * frees) a fresh buffer per file, which is most of its cost on thousands of small files.
 * (Sharing the reads with a worker thread was measured too: on a busy 2-core machine its
 * start-up and hand-over cost more than the system calls it saved.)
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { PgmendError } from '../../errors.js';

export class TextReader {
  private buffer = Buffer.allocUnsafe(1 << 16);
  /** The last file read was not valid UTF-8 (its bad bytes read as U+FFFD). */
  invalidUtf8 = false;

  /** `shown` is the path error messages name. */
  read(abs: string, shown: string): string {
    let fd: number | undefined;
    try {
      fd = openSync(abs, 'r');
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) this.buffer = Buffer.concat([this.buffer, Buffer.allocUnsafe(this.buffer.length)]);
        const n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
        // Only 0 means the end: 9p (WSL's Windows drives) and some FUSE mounts read short before it.
        if (n === 0) break;
        length += n;
      }
      const text = this.buffer.toString('utf8', 0, length);
      // A replacement character is rare: only then are the bytes checked.
      this.invalidUtf8 = text.includes('\uFFFD') && !isUtf8(this.buffer.subarray(0, length));
      return text;
    } catch (e) {
      throw new PgmendError('input-unreadable', `cannot read ${shown}: ${(e as Error).message}`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}
