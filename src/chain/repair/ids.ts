/** Deterministic fresh revision ids: 12 hex characters, like Alembic's uuid4().hex[-12:], but stable. */
import { createHash } from 'node:crypto';

export function freshId(seed: string, taken: Set<string>): string {
  for (let salt = 0; ; salt++) {
    const id = createHash('sha1').update(`${seed}\0${salt}`).digest('hex').slice(0, 12);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** `OLD=NEW` pairs from --map; `NEW` may be empty or None for "no parent". */
export function parseMap(pairs: string[] = []): Map<string, string | null> {
  const map = new Map<string, string | null>();
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`--map ${p}: expected OLD=NEW`);
    const to = p.slice(i + 1).trim();
    map.set(p.slice(0, i).trim(), to === '' || to === 'None' ? null : to);
  }
  return map;
}
