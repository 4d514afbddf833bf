import type { Layout } from './layout.js';
import { markedSections, type MarkerSyntax } from './markers.js';
import { listNumbered } from './numbered.js';

// tern (jackc/tern): `NNN_name.sql`, the up SQL above `---- create above / drop below ----` and
// the down SQL below it; `---- tern: disable-tx ----` runs the migration outside a transaction.
const SPLIT = /^----\s*create\s+above\s*\/\s*drop\s+below\s*----$/i;
const DISABLE_TX = /^----\s*tern:\s*disable-tx\s*----$/i;

export const TERN_SYNTAX: MarkerSyntax = {
  upMarker: '---- create above / drop below ----',
  requiresUpMarker: false, // tern has no up marker: everything above the split is up
  directive(line) {
    if (SPLIT.test(line)) return { kind: 'down' };
    if (DISABLE_TX.test(line)) return { kind: 'no-transaction' };
    return undefined;
  },
};

export const tern: Layout = {
  format: 'tern',
  list: (folder) => listNumbered(folder, 'tern'),
  sections: (text, file) => markedSections(text, file, TERN_SYNTAX),
};
