import { PHASE_NAME, within, type Block } from './blocks.js';
import { parseArgs, splitTopLevel, type PyValue } from './expr.js';
import type { OpCall } from './revision.js';
import { closingBracket, type PyToken } from './tokenize.js';

/**
 * Helpers that pass their parameter to an execute call (`def run_sql(sql): op.execute(sql)`,
 * as pgmend convert and many projects write them): each call of the helper is an execute of
 * its argument, located where the helper is called.
 */
export function forwardedCalls(
  tokens: PyToken[],
  text: string,
  functions: Block[],
  calls: OpCall[],
  where: (at: number, value: PyValue) => Omit<OpCall, 'method' | 'via' | 'params' | 'extra' | 'hasKwargs' | 'at' | 'guessed'>,
): { calls: OpCall[]; inside: Set<OpCall> } {
  const helpers = new Map<string, { index: number; param: string; guessed: boolean }>();
  const inside = new Set<OpCall>();
  for (const fn of functions) {
    const name = tokens[fn.head + 1]?.text ?? '';
    if (PHASE_NAME.test(name) || tokens[fn.head + 2]?.text !== '(') continue;
    const params = splitTopLevel(tokens, fn.head + 3, closingBracket(tokens, fn.head + 2)).map(([a]) => tokens[a]!.text);
    for (const call of calls) {
      const arg = call.params.sqltext;
      if (call.method !== 'execute' || arg?.kind !== 'name' || !within(tokens, fn, call.at)) continue;
      const index = params.indexOf(arg.name);
      if (index < 0) continue;
      helpers.set(name, { index, param: arg.name, guessed: call.guessed === true });
      inside.add(call);
    }
  }
  const out: OpCall[] = [];
  tokens.forEach((t, k) => {
    const helper = helpers.get(t.text);
    if (!helper || t.type !== 'name' || tokens[k - 1]?.text === '.' || tokens[k - 1]?.text === 'def' || tokens[k + 1]?.text !== '(') return;
    const args = parseArgs(tokens, k + 1, closingBracket(tokens, k + 1), text);
    const value = args.find((a) => a.keyword === helper.param)?.value ?? args.filter((a) => !a.keyword && !a.star)[helper.index]?.value;
    if (value) out.push({ method: 'execute', via: 'op', params: { sqltext: value }, extra: [], hasKwargs: false, at: t.start, ...where(t.start, value), ...(helper.guessed ? { guessed: true } : {}) });
  });
  return { calls: out, inside };
}
