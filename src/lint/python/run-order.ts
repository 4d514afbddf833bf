import { PHASE_NAME, within, type Block } from './blocks.js';
import { callSites, type Phase } from './phases.js';
import type { PyToken } from './tokenize.js';

/**
 * Sorts a revision's calls into the order they run. A helper's calls run where its caller calls
 * it (the first call from a function of the helper's phase), not where the helper is written:
 * `_setup(conn)` in upgrade() creating a temporary table, then upgrade() dropping it, is a drop of
 * that temporary table even when `def _setup` comes below upgrade(). Rules that ask what ran
 * before (temporary tables, tables created or names dropped earlier) read this order.
 */
export function inRunOrder<T extends { at: number }>(tokens: PyToken[], functions: Block[], phases: Map<Block, Phase>, calls: T[]): T[] {
  const sites = callSites(tokens, functions);
  const enclosing = (offset: number): Block | undefined => functions.find((f) => within(tokens, f, offset));
  /** Where an offset runs: the call sites that lead to it, outermost first, then the offset itself. */
  const path = (offset: number, seen: Set<Block> = new Set()): number[] => {
    const fn = enclosing(offset);
    if (!fn || PHASE_NAME.test(tokens[fn.head + 1]?.text ?? '') || seen.has(fn)) return [offset];
    const caller = (sites.get(fn) ?? []).find((site) => {
      const from = enclosing(site);
      return from !== undefined && from !== fn && phases.get(from) === phases.get(fn);
    });
    return caller === undefined ? [offset] : [...path(caller, new Set([...seen, fn])), offset];
  };
  const keys = new Map(calls.map((c) => [c, path(c.at)]));
  return [...calls].sort((a, b) => compareKeys(keys.get(a)!, keys.get(b)!));
}

/** Lexicographic; a call site comes before what runs inside the helper it calls. */
function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
