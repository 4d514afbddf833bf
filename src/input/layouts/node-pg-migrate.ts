import type { Layout } from './layout.js';
import { markedSections, type MarkerSyntax } from './markers.js';
import { listNumbered } from './numbered.js';

// node-pg-migrate SQL files: its own pattern, /^\s*--[\s-]*up\s+migration/im (and down).
const MARKER = /^--[\s-]*(up|down)\s+migration/i;

export const NODE_PG_MIGRATE_SYNTAX: MarkerSyntax = {
  upMarker: '-- Up Migration',
  requiresUpMarker: false,
  directive(line) {
    const m = MARKER.exec(line);
    return m ? { kind: m[1]!.toLowerCase() as 'up' | 'down' } : undefined;
  },
};

export const nodePgMigrate: Layout = {
  format: 'node-pg-migrate',
  list: (folder) => listNumbered(folder, 'node-pg-migrate'),
  sections: (text, file) => markedSections(text, file, NODE_PG_MIGRATE_SYNTAX),
};
