import { PgmendError } from '../errors.js';
import type { NamingConfig } from './alembic-ini.js';

/** Alembic's slug: the message's word characters joined by `_`, lower-cased, truncated at a `_`. */
export function slugify(message: string, truncate: number): string {
  let slug = (message.match(/[\p{L}\p{N}_]+/gu) ?? []).join('_').toLowerCase();
  if (slug.length > truncate) slug = `${slug.slice(0, truncate).replace(/_[^_]*$/, '')}_`;
  return slug;
}

/** Applies Alembic's `file_template` (Python `%`-formatting over a fixed set of tokens). */
export function alembicFileBase(naming: NamingConfig, rev: string, slug: string, date: Date): string {
  const tokens: Record<string, string | number> = {
    rev,
    slug,
    epoch: Math.floor(date.getTime() / 1000),
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
  return naming.fileTemplate.replace(/%\((\w+)\)([-0 +#]*)(\d*)(?:\.(\d+))?([sdi])|%%/g, (all, name, flags, width, precision, conv) => {
    if (all === '%%') return '%';
    const value = tokens[name as string];
    if (value === undefined) {
      throw new PgmendError('usage', `file_template uses %(${name})s, which Alembic does not provide`, undefined, naming.ini);
    }
    let text = String(value);
    if (conv !== 's' && precision) text = text.padStart(Number(precision), '0');
    if (width) text = (flags as string).includes('0') && conv !== 's' ? text.padStart(Number(width), '0') : text.padStart(Number(width));
    return text;
  });
}

/** `0007_add_users`: numbered names for the sql and node-pg-migrate formats. */
export function numberedFileBase(n: number, width: number, slug: string): string {
  return `${String(n).padStart(width, '0')}_${slug || 'migration'}`;
}
