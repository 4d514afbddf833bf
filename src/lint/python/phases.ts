import { PHASE_NAME, type Block } from './blocks.js';
import type { PyToken } from './tokenize.js';

export type Phase = 'upgrade' | 'downgrade' | 'other';

/**
 * The phase each top-level function runs in: upgrade/downgrade (and upgrade_<engine>) by name,
 * and a helper by who calls it (`def _drop_old(): …` called from upgrade() runs in the upgrade),
 * through any chain of helpers. A helper both phases call counts as upgrade, where the rules
 * that look at one phase look.
 */
export function functionPhases(tokens: PyToken[], functions: Block[]): Map<Block, Phase> {
  const byName = new Map(functions.map((f) => [tokens[f.head + 1]?.text ?? '', f]));
  const phases = new Map<Block, Phase>(functions.map((f) => [f, (PHASE_NAME.exec(tokens[f.head + 1]?.text ?? '')?.[1] as Phase | undefined) ?? 'other']));
  const spread = (phase: Phase) => {
    const stack = functions.filter((f) => phases.get(f) === phase);
    while (stack.length) {
      for (const callee of calledFunctions(tokens, stack.pop()!, byName)) {
        if (phases.get(callee) !== 'other') continue;
        phases.set(callee, phase);
        stack.push(callee);
      }
    }
  };
  spread('upgrade');
  spread('downgrade');
  return phases;
}

/** The file's top-level functions a function's body calls by bare name. */
function calledFunctions(tokens: PyToken[], fn: Block, byName: Map<string, Block>): Block[] {
  const out: Block[] = [];
  for (let k = fn.from; k < fn.to; k++) {
    const t = tokens[k]!;
    const callee = t.type === 'name' && tokens[k + 1]?.text === '(' && tokens[k - 1]?.text !== '.' && tokens[k - 1]?.text !== 'def' ? byName.get(t.text) : undefined;
    if (callee && callee !== fn) out.push(callee);
  }
  return out;
}
