import type { ChainReport } from '../check.js';
import { renderDot } from './dot.js';
import { renderJson } from './json.js';
import { renderMermaid } from './mermaid.js';
import { drawing } from './model.js';

import type { GraphFormat } from '../types.js';
export { GRAPH_FORMATS, type GraphFormat } from '../types.js';

/** Draws a checked chain; heads, bases, labels and problems are marked. */
export function renderGraph(report: ChainReport, format: GraphFormat): string {
  const d = drawing(report);
  return format === 'dot' ? renderDot(d) : format === 'json' ? renderJson(d) : renderMermaid(d);
}
