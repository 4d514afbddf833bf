/** A small unified diff (3 lines of context) over lines; enough for reviewing repairs. */
export function unifiedDiff(file: string, before: string | undefined, after: string | null, newFile = file): string {
  const a = before === undefined ? [] : splitLines(before);
  const b = after === null ? [] : splitLines(after);
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  const CONTEXT = 3;
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.op === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    // extend while changes are within 2*CONTEXT of each other
    for (let j = i; j < ops.length; j++) {
      if (ops[j]!.op !== ' ') end = j;
      else if (j - end > 2 * CONTEXT) break;
    }
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    const slice = ops.slice(start, stop);
    const aStart = ops.slice(0, start).filter((o) => o.op !== '+').length;
    const bStart = ops.slice(0, start).filter((o) => o.op !== '-').length;
    const aLen = slice.filter((o) => o.op !== '+').length;
    const bLen = slice.filter((o) => o.op !== '-').length;
    hunks.push(`@@ -${aLen ? aStart + 1 : aStart},${aLen} +${bLen ? bStart + 1 : bStart},${bLen} @@`);
    for (const o of slice) hunks.push(`${o.op}${o.line}`);
    i = stop;
  }
  const renamed = newFile !== file ? `rename from ${file}\nrename to ${newFile}\n` : '';
  if (!hunks.length) return renamed;
  // An absolute path as git prints one: `a/work/x.py`, not `a//work/x.py`.
  const side = (prefix: string, name: string) => `${prefix}/${name.replace(/^\/+/, '')}`;
  return `${renamed}--- ${before === undefined ? '/dev/null' : side('a', file)}\n+++ ${after === null ? '/dev/null' : side('b', newFile)}\n${hunks.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

interface Op {
  op: ' ' | '-' | '+';
  line: string;
}

/** LCS over the middle part after trimming the common prefix and suffix (revision files are small). */
function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const lcs = Array.from({ length: am.length + 1 }, () => new Array<number>(bm.length + 1).fill(0));
  for (let i = am.length - 1; i >= 0; i--)
    for (let j = bm.length - 1; j >= 0; j--) lcs[i]![j] = am[i] === bm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const mid: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < am.length || j < bm.length) {
    if (i < am.length && j < bm.length && am[i] === bm[j]) (mid.push({ op: ' ', line: am[i]! }), i++, j++);
    else if (i < am.length && (j >= bm.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) mid.push({ op: '-', line: am[i++]! });
    else mid.push({ op: '+', line: bm[j++]! });
  }
  return [...a.slice(0, pre).map((line) => ({ op: ' ' as const, line })), ...mid, ...a.slice(a.length - suf).map((line) => ({ op: ' ' as const, line }))];
}
