import type { Layout } from './layout.js';
import { markedSections, type MarkerSyntax } from './markers.js';
import { listNumbered } from './numbered.js';

// sql-migrate: `-- +migrate Up [notransaction]`, `-- +migrate Down`, `-- +migrate StatementBegin|StatementEnd`.
const MARKER = /^--\s*\+migrate\s+(\w+)(.*)$/i;

export const SQL_MIGRATE_SYNTAX: MarkerSyntax = {
  upMarker: '-- +migrate Up',
  requiresUpMarker: true,
  directive(line) {
    const m = MARKER.exec(line);
    if (!m) return undefined;
    const cmd = m[1]!.toLowerCase();
    const off = /(^|\s)notransaction(\s|$)/i.test(m[2]!);
    if (cmd === 'up' || cmd === 'down') return { kind: cmd, ...(off ? { transactional: false } : {}) };
    if (cmd === 'statementbegin') return { kind: 'statement-begin' };
    if (cmd === 'statementend') return { kind: 'statement-end' };
    return undefined;
  },
};

export const sqlMigrate: Layout = {
  format: 'sql-migrate',
  list: (folder) => listNumbered(folder, 'sql-migrate'),
  sections: (text, file) => markedSections(text, file, SQL_MIGRATE_SYNTAX),
};
