/** Mermaid flowchart: parents above children; heads green, bases blue, problem revisions red. */
import { nodeTitle, type Drawing } from './model.js';

export function renderMermaid(d: Drawing): string {
  // Mermaid reads `#…;` as an entity code and labels as HTML: those characters become entity
  // codes (`#` first, as the others introduce one), then line breaks become <br/>.
  const esc = (s: string) => s.replace(/[#"<>&]/g, (c) => ENTITIES[c]!).replaceAll('\n', '<br/>');
  const out = ['flowchart TD'];
  for (const n of d.nodes) {
    const cls = n.problems.length ? 'problem' : n.head ? 'head' : n.base ? 'base' : '';
    out.push(`  ${n.key}["${esc(nodeTitle(n))}"]${cls ? `:::${cls}` : ''}`);
  }
  for (const m of d.missing) out.push(`  ${m.key}["${esc(`missing: ${m.ref}`)}"]:::missing`);
  for (const e of d.edges) out.push(`  ${e.from} ${e.kind === 'down' ? '-->' : e.kind === 'depends' ? '-.->|depends_on|' : '-.->|missing|'} ${e.to}`);
  out.push(
    '  classDef head fill:#d9f2d9,stroke:#2e7d32',
    '  classDef base fill:#dbe7fb,stroke:#1f4e9c',
    '  classDef problem fill:#fbdada,stroke:#c62828,stroke-width:2px',
    '  classDef missing fill:#fff,stroke:#c62828,stroke-dasharray:5 5',
  );
  return `${out.join('\n')}\n`;
}

const ENTITIES: Record<string, string> = { '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;' };
