/** Graphviz DOT: parents above children; heads green, bases blue, problem revisions red. */
import { nodeTitle, type Drawing } from './model.js';

export function renderDot(d: Drawing): string {
  const q = (s: string) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
  const out = ['digraph alembic {', '  rankdir=TB;', '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="monospace"];'];
  for (const n of d.nodes) {
    const color = n.problems.length ? '#fbdada' : n.head ? '#d9f2d9' : n.base ? '#dbe7fb' : 'white';
    const pen = n.problems.length ? ', color="#c62828", penwidth=2' : '';
    out.push(`  ${n.key} [label=${q(nodeTitle(n))}, fillcolor=${q(color)}${pen}];`);
  }
  for (const m of d.missing) out.push(`  ${m.key} [label=${q(`missing: ${m.ref}`)}, style=dashed, color="#c62828"];`);
  for (const e of d.edges) {
    const style = e.kind === 'down' ? '' : e.kind === 'depends' ? ' [style=dashed, label="depends_on"]' : ' [style=dashed, color="#c62828", label="missing"]';
    out.push(`  ${e.from} -> ${e.to}${style};`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
