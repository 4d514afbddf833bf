import path from 'node:path';
import type { Finding } from '../findings.js';
import { decodeFile, type DecodedFile } from './decode.js';
import { findPlaceholders } from './checks.js';
import type { InputFormat } from './types.js';

/** State shared by one readMigrations run: file cache, findings, and how paths are shown. */
export class ReadContext {
  readonly findings: Finding[] = [];
  private readonly decoded = new Map<string, Promise<DecodedFile>>();
  private readonly reported = new Set<string>();

  constructor(
    readonly cwd: string,
    /** Show paths outside cwd as absolute (the user named them so) rather than as `../…`. */
    private readonly absoluteOutside: boolean,
  ) {}

  /** A path as findings and SourceMigration.file show it: relative to cwd, `/`-separated. */
  show(abs: string): string {
    const rel = path.relative(this.cwd, abs);
    if (rel === '') return '.';
    if ((rel.startsWith('..') || path.isAbsolute(rel)) && this.absoluteOutside) return abs;
    return rel.split(path.sep).join('/');
  }

  decode(abs: string): Promise<DecodedFile> {
    let d = this.decoded.get(abs);
    if (!d) this.decoded.set(abs, (d = decodeFile(abs, this.show(abs))));
    return d;
  }

  /** Decodes a file and, the first time it is used, reports its encoding and placeholder findings. */
  async use(abs: string, format: InputFormat): Promise<DecodedFile> {
    const d = await this.decode(abs);
    if (!this.reported.has(abs)) {
      this.reported.add(abs);
      const everywhere = format === 'flyway' || (format === 'goose' && /^\s*--\s*\+goose\s+envsub\s+on\s*$/im.test(d.source.text));
      this.findings.push(...d.findings, ...findPlaceholders(d.source, everywhere));
    }
    return d;
  }
}
