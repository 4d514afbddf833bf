/**
 * The Create Date of a revision, derived from the source so output is reproducible: a
 * version that is a timestamp (`20140924113530`, `2017-09-23-182408`, `202401011200`,
 * `20240101`, or Unix time in seconds, milliseconds or nanoseconds, as golang-migrate's
 * `-format unix` and Hasura write them) gives that moment (UTC); anything else gives
 * FIXED_CREATE_DATE.
 */
export const FIXED_CREATE_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

export function createDateFor(version: string): Date {
  const digits = version.replace(/[-_.T: ]/g, '');
  const unix = UNIX_DIGITS[digits.length];
  if (unix !== undefined && /^\d+$/.test(version)) {
    const seconds = Number(BigInt(digits) / unix);
    return seconds >= UNIX_FROM && seconds < UNIX_TO ? new Date(seconds * 1000) : FIXED_CREATE_DATE;
  }
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/.exec(digits);
  if (!m) return FIXED_CREATE_DATE;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? '0') as string[];
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s));
  const valid =
    +y! >= 1970 && +y! <= 2200 && date.getUTCMonth() === +mo! - 1 && date.getUTCDate() === +d! && +h < 24 && +mi < 60 && +s < 60;
  return valid ? date : FIXED_CREATE_DATE;
}

/** Unix time by its number of digits (seconds, milliseconds, nanoseconds) → units per second. */
const UNIX_DIGITS: Record<number, bigint> = { 10: 1n, 13: 1000n, 19: 1_000_000_000n };
/** 2001-09-09 and 2100-01-01: plausible migration dates, so a plain 10-digit counter is not one. */
const UNIX_FROM = 1_000_000_000;
const UNIX_TO = 4_102_444_800;

/** `2014-09-24 11:35:30`, as Alembic prints Create Date (without microseconds). */
export function formatCreateDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
