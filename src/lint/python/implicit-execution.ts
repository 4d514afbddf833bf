import type { PyToken } from './tokenize.js';

/**
 * SQLAlchemy's implicit execution, `t.update().where(…).execute()` / `t.insert().execute(id=1)`
 * (bound metadata, before 2.0): the expression before `.execute(…)` runs on its own, the
 * arguments are its values. Each as the token range [start, dot) of that expression. (A name
 * holding such an expression, `stmt.execute()`, is read as an execute of that name.)
 */
export function implicitExecutions(tokens: PyToken[]): Array<{ start: number; dot: number }> {
  const out: Array<{ start: number; dot: number }> = [];
  for (let k = 2; k + 2 < tokens.length; k++) {
    if (tokens[k]!.text !== 'execute' || tokens[k - 1]!.text !== '.' || tokens[k + 1]!.text !== '(' || tokens[k - 2]!.text !== ')') continue;
    const start = chainStart(tokens, k - 1);
    if (start !== undefined && tokens.slice(start, k).some((t, i) => WRITES.has(t.text) && tokens[start + i + 1]?.text === '(')) out.push({ start, dot: k - 1 });
  }
  return out;
}

const WRITES = new Set(['insert', 'update', 'delete']);

/** The first token of the call chain (`a.b(…)[…].c`) that ends just before tokens[dot]. */
function chainStart(tokens: PyToken[], dot: number): number | undefined {
  const depth = tokens[dot]!.depth;
  let k = dot - 1;
  while (k >= 0) {
    const t = tokens[k]!;
    if ((t.text === ')' || t.text === ']') && t.depth === depth) {
      do k--;
      while (k >= 0 && !(tokens[k]!.depth === depth && (tokens[k]!.text === '(' || tokens[k]!.text === '[')));
      k--;
      continue;
    }
    if (t.type !== 'name') return undefined;
    if (tokens[k - 1]?.text !== '.') return k;
    k -= 2;
  }
  return undefined;
}
