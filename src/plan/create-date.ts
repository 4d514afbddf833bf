/**
 * The Create Date of a revision, derived from the source so output is reproducible: a
 * version that is a timestamp (`20140924113530`, `2017-09-23-182408`, `202401011200`,
 * `20240101`) gives that moment (UTC); anything else gives FIXED_CREATE_DATE.
 */
export const FIXED_CREATE_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

export function createDateFor(version: string): Date {
  const digits = version.replace(/[-_.T: ]/g, '');
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/.exec(digits);
  if (!m) return FIXED_CREATE_DATE;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? '0') as string[];
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s));
  const valid =
    +y! >= 1970 && +y! <= 2200 && date.getUTCMonth() === +mo! - 1 && date.getUTCDate() === +d! && +h < 24 && +mi < 60 && +s < 60;
  return valid ? date : FIXED_CREATE_DATE;
}

/** `2014-09-24 11:35:30`, as Alembic prints Create Date (without microseconds). */
export function formatCreateDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
