import type { Layout } from './layout.js';
import { markedSections, type Directive, type MarkerSyntax } from './markers.js';
import { listNumbered } from './numbered.js';

// goose: `-- +goose Up|Down|StatementBegin|StatementEnd|NO TRANSACTION` (ENVSUB is handled by the placeholder check).
const MARKER = /^--\s*\+goose\s+(.*)$/i;
const DIRECTIVES: Record<string, Directive> = {
  up: { kind: 'up' },
  down: { kind: 'down' },
  statementbegin: { kind: 'statement-begin' },
  statementend: { kind: 'statement-end' },
  'no transaction': { kind: 'no-transaction' },
};

export const GOOSE_SYNTAX: MarkerSyntax = {
  upMarker: '-- +goose Up',
  requiresUpMarker: true,
  directive(line) {
    const m = MARKER.exec(line);
    return m ? DIRECTIVES[m[1]!.trim().toLowerCase().replace(/\s+/g, ' ')] : undefined;
  },
};

export const goose: Layout = {
  format: 'goose',
  list: (folder) => listNumbered(folder, 'goose'),
  sections: (text, file) => markedSections(text, file, GOOSE_SYNTAX),
};
