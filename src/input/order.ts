/**
 * Version numbers as migration tools order them: by number, not by string. `10_x` comes after
 * `9_x`; `20140924113530_x` and diesel's `2017-09-23-182408_y` compare by their digits (the
 * date separators are stripped); Flyway's `1.2.10` compares part by part with `1.2.9`.
 */

/** The numeric parts of a version: `.` separates parts; `-` and `_` inside a part are stripped. */
export function versionParts(version: string): bigint[] {
  return version.split('.').map((part) => {
    const digits = part.replace(/\D/g, '');
    return digits ? BigInt(digits) : 0n;
  });
}

/** Negative, zero or positive as `a` sorts before, with, or after `b`. Trailing zero parts are ignored (1.0 = 1). */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0n;
    const y = pb[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Sorts by version, then by file name so equal versions still come out in a fixed order. */
export function byVersion<T extends { version: string; upFile: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => compareVersions(a.version, b.version) || compareStrings(a.upFile, b.upFile));
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Laravel-style dates first (`2014_10_12_000000`), then digits joined by `-` or `.`.
const LEADING_VERSION = /^(\d{4}_\d{2}_\d{2}_\d{6}|\d+(?:[-.]\d+)*)(?:[-_. ]+|$)(.*)$/;

/** Splits a file or folder name (without extension) into its leading version and the rest. */
export function leadingVersion(base: string): { version: string; name: string } | undefined {
  const m = LEADING_VERSION.exec(base);
  if (!m) return undefined;
  return { version: m[1]!, name: m[2] || base };
}
