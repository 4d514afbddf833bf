import { PHASE_NAME, within, type Block } from './blocks.js';
import type { PyToken } from './tokenize.js';

export type Phase = 'upgrade' | 'downgrade' | 'other';

/**
 * The phase each top-level function runs in: upgrade/downgrade (and upgrade_<engine>) by name,
 * and a helper by who calls it (`def _drop_old(): …` called from upgrade() runs in the upgrade),
 * through any chain of helpers. A helper both phases call counts as upgrade, where the rules
 * that look at one phase look.
 */
export function functionPhases(tokens: PyToken[], functions: Block[]): Map<Block, Phase> {
  const phases = new Map<Block, Phase>(functions.map((f) => [f, (PHASE_NAME.exec(tokens[f.head + 1]?.text ?? '')?.[1] as Phase | undefined) ?? 'other']));
  const sites = callSites(tokens, functions);
  const spread = (phase: Phase) => {
    const stack = functions.filter((f) => phases.get(f) === phase);
    while (stack.length) {
      const caller = stack.pop()!;
      for (const [helper, at] of sites) {
        if (phases.get(helper) !== 'other' || helper === caller || !at.some((offset) => within(tokens, caller, offset))) continue;
        phases.set(helper, phase);
        stack.push(helper);
      }
    }
  };
  spread('upgrade');
  spread('downgrade');
  return phases;
}

/** Where each helper (a top-level function other than upgrade/downgrade) is called by bare name. */
export function callSites(tokens: PyToken[], functions: Block[]): Map<Block, number[]> {
  const byName = new Map(functions.filter((f) => !PHASE_NAME.test(tokens[f.head + 1]?.text ?? '')).map((f) => [tokens[f.head + 1]!.text, f]));
  const sites = new Map<Block, number[]>();
  tokens.forEach((t, k) => {
    const fn = t.type === 'name' && tokens[k + 1]?.text === '(' && tokens[k - 1]?.text !== '.' && tokens[k - 1]?.text !== 'def' ? byName.get(t.text) : undefined;
    if (fn) sites.set(fn, [...(sites.get(fn) ?? []), t.start]);
  });
  return sites;
}
