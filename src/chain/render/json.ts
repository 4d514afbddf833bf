/** The graph as JSON: nodes (with head/base/labels/problem codes) and edges, by revision id. */
import type { Drawing } from './model.js';

export function renderJson(d: Drawing): string {
  const idOf = new Map([...d.nodes.map((n) => [n.key, n.id] as const), ...d.missing.map((m) => [m.key, m.ref] as const)]);
  return `${JSON.stringify(
    {
      nodes: d.nodes.map(({ id, file, message, head, base, labels, problems }) => ({ id, file, message, head, base, labels, problems })),
      edges: d.edges.map((e) => ({ from: idOf.get(e.from), to: idOf.get(e.to), kind: e.kind })),
      missing: d.missing.map((m) => m.ref),
    },
    null,
    2,
  )}\n`;
}
