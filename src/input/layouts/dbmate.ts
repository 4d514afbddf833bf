import type { Layout } from './layout.js';
import { markedSections, type MarkerSyntax } from './markers.js';
import { listNumbered } from './numbered.js';

// dbmate: `-- migrate:up` / `-- migrate:down`, options on the marker line (`transaction:false`).
const MARKER = /^--\s*migrate:(up|down)(?=\s|$)(.*)$/;

export const DBMATE_SYNTAX: MarkerSyntax = {
  upMarker: '-- migrate:up',
  requiresUpMarker: true,
  directive(line) {
    const m = MARKER.exec(line);
    if (!m) return undefined;
    const off = /(^|\s)transaction:false(\s|$)/.test(m[2]!);
    return { kind: m[1] as 'up' | 'down', ...(off ? { transactional: false } : {}) };
  },
};

export const dbmate: Layout = {
  format: 'dbmate',
  list: (folder) => listNumbered(folder, 'dbmate'),
  sections: (text, file) => markedSections(text, file, DBMATE_SYNTAX),
};
