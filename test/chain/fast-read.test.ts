// The shortcuts `chain check` takes on large folders must not change what is read: stopping the
// statement scan after the last line that starts with a wanted name, not keeping file texts,
// reading through a reused buffer, and decoding only the head of a file.
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVersionsFolder } from '../../src/chain/index.js';
import { readPythonModule, type PyModule } from '../../src/chain/read/python-values.js';
import { templateModule } from '../../src/chain/read/template-module.js';
import { HEAD_END, NOT_AFTER_HEAD, parseRevisionFile, parseRevisionHead, REVISION_VARIABLES, type RevisionFile } from '../../src/chain/read/revision-file.js';
import { endsOnShortRead, TextReader } from '../../src/chain/read/text-reader.js';

const NAMES: ReadonlySet<string> = new Set(REVISION_VARIABLES);

/** Alembic's template variants (annotated, plain, tuple merge, labels) and things that follow them. */
const header = fc.record({
  annotated: fc.boolean(),
  down: fc.constantFrom("'a1'", 'None', "('a1', 'b2')", "('a1',\n    'b2')", "u'x9'", "'a' \\\n    'b'", 'cli.EXPAND'),
  labels: fc.constantFrom('None', "('core',)", "'core'"),
  leading: fc.constantFrom('', '# -*- coding: utf-8 -*-\n', '\n\n'),
  docstring: fc.constantFrom('"""add t\n\nRevision ID: r1\nRevises: a1\nCreate Date: 2024-01-02 03:04:05.000006\n\n"""', "'''m'''", 'r"""raw \\ doc"""', ''),
});
const tailTexts = [
  "def upgrade() -> None:\n    op.execute('''\nrevision = 'inside'\n''')",
  "def downgrade():\n    revision = 'nested'\n    pass",
  "revision = 'reassigned'",
  "down_revision: str = 'late'  # last one wins",
  "depends_on = ['c']",
  "sql = \"\"\"\ndown_revision = 'in a string'\n\"\"\"",
  "x = ('''\nbranch_labels = 'open bracket'\n''')",
  "revisionist = 'not a wanted name'",
  "revision, other = 'a', 'b'",
  "x = 1 + \\\ndepends_on",
  '# branch_labels = None',
];
const tail = fc.constantFrom(...tailTexts);

function template(h: { annotated: boolean; down: string; labels: string; leading: string; docstring: string }, tails: string[]): string {
  const t = h.annotated ? ': Union[str, Sequence[str], None]' : '';
  return `${h.leading}${h.docstring}\nfrom alembic import op\n\nrevision${h.annotated ? ': str' : ''} = 'r1'\ndown_revision${t} = ${h.down}\nbranch_labels${t} = ${h.labels}\ndepends_on${t} = None\n\n${tails.join('\n\n')}\n`;
}

describe('reading only up to the last line that starts with a wanted name', () => {
  it('finds the same assignments and docstring as scanning the whole module', () => {
    fc.assert(
      fc.property(header, fc.array(tail, { maxLength: 6 }), (h, tails) => {
        const text = template(h, tails);
        const limited = readPythonModule(text, NAMES);
        const whole = readPythonModule(text);
        expect(limited.assignments).toEqual(new Map([...whole.assignments].filter(([name]) => NAMES.has(name))));
        expect(limited.docstring).toEqual(whole.docstring);
        expect(limited.docstringLine).toEqual(whole.docstringLine);
      }),
      { numRuns: 400 },
    );
  });

  it('a docstring after comments and blank lines is still read when no variable follows', () => {
    const mod = readPythonModule('# header\n\n"""helper module"""\nimport os\n', NAMES);
    expect(mod.docstring?.value).toBe('helper module');
    expect(mod.docstringLine).toBe(3);
  });
});

describe('file texts are not kept unless asked for', () => {
  it('a dropped text is read again on use; everything parsed is the same as with the text kept', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-fast-read-'));
    fc.assert(
      fc.property(header, fc.array(tail, { maxLength: 4 }), (h, tails) => {
        const text = template(h, tails);
        const file = path.join(dir, 'r1_x.py');
        writeFileSync(file, text);
        const where = { path: file, file: 'v/r1_x.py', relPath: 'r1_x.py', location: dir };
        const kept = parseRevisionFile(text, where);
        const dropped = parseRevisionFile(text, where, true);
        expect({ ...dropped, text: undefined }).toEqual({ ...kept, text: undefined });
        expect(dropped.text).toBe(text);
        expect(kept.text).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('readVersionsFolder gives each file its own text, kept or read again (non-ASCII and large files too)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-fast-read-'));
    const texts: Record<string, string> = {
      'a1_first.py': "\ufeff\"\"\"première\"\"\"\nrevision = 'a1'\ndown_revision = None\n",
      'b2_big.py': `revision = 'b2'\ndown_revision = 'a1'\n${'# padding ✓\n'.repeat(12_000)}`,
      'c3_last.py': "revision = 'c3'\ndown_revision = 'b2'\n",
    };
    for (const [name, text] of Object.entries(texts)) writeFileSync(path.join(dir, name), text);
    for (const keepText of [false, true]) {
      const folder = readVersionsFolder(dir, { keepText });
      expect(folder.files.map((f) => [f.relPath, f.revision])).toEqual([['a1_first.py', 'a1'], ['b2_big.py', 'b2'], ['c3_last.py', 'c3']]);
      for (const f of folder.files) expect(f.text).toBe(readFileSync(f.path, 'utf8'));
    }
  });

  it('an unreadable file stops the run naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-fast-read-'));
    writeFileSync(path.join(dir, 'a1_x.py'), "revision = 'a1'\n");
    symlinkSync(path.join(dir, 'missing'), path.join(dir, 'b2_dangling.py')); // listed, cannot be opened
    expect(() => readVersionsFolder(dir)).toThrow(/cannot read .*b2_dangling\.py/);
  });
});

describe('the template pass (templateModule) reads what the general reader reads', () => {
  /** What a reader found, getters included (the template pass's values are class instances). */
  const seen = (m: PyModule) => ({
    assignments: [...m.assignments].map(([name, a]) => [name, { ...a, source: a.source, literal: a.literal, value: a.value }]),
    docstring: m.docstring,
    docstringLine: m.docstringLine,
  });
  /** Four parts of the template's shapes to one of others, for each piece. */
  const mostly = (usual: string[], other: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...usual), weight: 4 }, { arbitrary: fc.constantFrom(...other), weight: 1 });
  const between = mostly(['', '# a comment\n', '\n   \n', 'import sqlalchemy as sa\n'], ['from x import (a)\n', 'X = 1\n', '\f\n', '    indented = 1\n']);
  const after = mostly(['', '\nimport os\n', '\n# done\n'], ['\n    stray = 1\n', "\nrevision = 'again'\n", '\r\n']);

  /** Mostly the template's own shapes, so that the pass is taken often; some that are not. */
  const templateHeader = fc.record({
    annotated: fc.boolean(),
    down: fc.constantFrom("'a1'", 'None', "u'x9'", "'a1'  # the parent", "r'a1'", "('a1', 'b2')", "('a1',)", '("a1" , \'b2\',)  # merge', "('a1')", "('a1', 'b2', 'c3')", "['a1', 'b2']", "('a1', u'b2')"),
    labels: fc.constantFrom('None', 'None', "'core'", "('core',)"),
    leading: fc.constantFrom('', '', '', '\n'),
    docstring: fc.constantFrom('"""add t\n\nRevision ID: r1\nRevises: a1\nCreate Date: 2024-01-02 03:04:05.000006\n\n"""', "'''m'''", '"""one line"""  ', 'r"""raw"""', '"""a \\ b"""'),
  });
  const body = mostly(['def upgrade() -> None:\n    op.create_table("t")', 'def downgrade():\n    pass', ''], tailTexts);

  it('whenever it reads a file, the general reader reads the same', () => {
    let taken = 0;
    fc.assert(
      fc.property(templateHeader, fc.array(body, { maxLength: 4 }), between, after, (h, tails, middle, end) => {
        const text = template(h, tails).replace('from alembic import op\n', `from alembic import op\n${middle}`).replace(/\ndepends_on[^\n]*\n/, (m) => m + end);
        const fast = templateModule(text, NAMES);
        if (!fast) return;
        taken++;
        expect(seen(fast)).toEqual(seen(readPythonModule(text, NAMES)));
      }),
      { numRuns: 600 },
    );
    expect(taken).toBeGreaterThan(60); // the comparison ran on many files, not on none
  });

  it("reads Alembic's own template, and leaves other shapes to the general reader", () => {
    const alembic = template({ annotated: true, down: "'a1'", labels: 'None', leading: '', docstring: '"""add t\n\nRevision ID: r1\nRevises: a1\nCreate Date: 2024-01-02 03:04:05.000006\n\n"""' }, ['def upgrade() -> None:\n    pass']);
    expect(templateModule(alembic, NAMES)?.assignments.get('down_revision')?.value).toBe('a1');
    expect(templateModule(alembic.replace("= 'a1'", "= ('a1', 'b2')"), NAMES)?.assignments.get('down_revision')?.value).toEqual(['a1', 'b2']); // a merge
    for (const other of [`# -*- coding: utf-8 -*-\n${alembic}`, alembic.replace(/\n/g, '\r\n'), alembic.replace("= 'a1'", "= ('a1',\n    'b2')"), `${alembic}revision = 'late'\n`]) {
      expect(templateModule(other, NAMES)).toBeUndefined();
    }
  });
});

describe('a file read from its head (the text before `def`) is the file read whole', () => {
  /** What a read gave, getters included. */
  const seen = (f: RevisionFile) => ({
    ...f,
    text: undefined,
    path: f.path,
    values: Object.fromEntries(Object.entries(f.values).map(([k, a]) => [k, { ...a, source: a.source }])),
  });
  const docstrings = ['"""add t\n\nRevision ID: r1\nRevises: a1\nCreate Date: 2024-01-02 03:04:05.000006\n\n"""', '"""two\ndef not_code():\n"""', "'''m'''", '"""naïve ✓"""'];
  const usual = fc.constantFrom('def upgrade() -> None:\n    pass', 'def g():\n    """déjà"""', '', 'x = 1');
  const spoiling = fc.constantFrom("def downgrade():\n    op.execute('revision')", 'def f():\n    pass\r\n', "revision = 'late'", 'def h():\n    depends_on = 1');
  const tail = fc.oneof({ arbitrary: usual, weight: 5 }, { arbitrary: spoiling, weight: 1 });

  it('whenever the head is read, it gives what the whole text gives', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-head-read-'));
    const file = path.join(dir, 'r1_x.py');
    const where = { path: file, file: 'v/r1_x.py', relPath: 'r1_x.py', location: dir };
    const reader = new TextReader();
    let taken = 0;
    let whole = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom("'a1'", 'None', "('a1', 'b2')"), fc.constantFrom(...docstrings), fc.array(tail, { maxLength: 3 }), (annotated, down, docstring, body) => {
        const text = template({ annotated, down, labels: 'None', leading: '', docstring }, body);
        writeFileSync(file, text);
        reader.load(file, where.file);
        const head = reader.head(HEAD_END, NOT_AFTER_HEAD);
        const fromHead = head === undefined ? undefined : parseRevisionHead(head, where);
        if (!fromHead) return void whole++;
        taken++;
        expect(seen(fromHead)).toEqual(seen(parseRevisionFile(text, where, true)));
        expect(fromHead.text).toBe(text); // read again whole when asked
      }),
      { numRuns: 300 },
    );
    expect(taken).toBeGreaterThan(30);
    expect(whole).toBeGreaterThan(30); // and many files went to the whole-text reader
  });

  it('undecodable bytes after the head still mark the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-head-read-'));
    const text = template({ annotated: false, down: 'None', labels: 'None', leading: '', docstring: '"""m"""' }, ['def upgrade():\n    pass  # ']);
    writeFileSync(path.join(dir, 'r1_x.py'), Buffer.concat([Buffer.from(text), Buffer.from([0xe9, 0x0a])]));
    const folder = readVersionsFolder(dir);
    expect(folder.files[0]!.revision).toBe('r1');
    expect(folder.undecodable).toEqual([path.join(dir, 'r1_x.py')]);
  });
});

describe('a read that returns less than asked ends the file only on local file systems', () => {
  it('files of every size around the buffer are read whole either way', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-short-read-'));
    const reader = new TextReader();
    for (const size of [0, 1, 65_535, 65_536, 65_537, 131_072, 200_000]) {
      const file = path.join(dir, `f${size}.py`);
      writeFileSync(file, 'x'.repeat(size));
      for (const shortReadEnds of [false, true]) {
        reader.load(file, file, shortReadEnds);
        expect(reader.text().length).toBe(size);
      }
    }
  });

  it('is trusted only where statfs names a local file system', () => {
    expect(endsOnShortRead(path.join(os.tmpdir(), 'no-such-folder-pgmend'))).toBe(false);
    if (process.platform !== 'linux') expect(endsOnShortRead(os.tmpdir())).toBe(false);
  });
});
