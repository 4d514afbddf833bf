import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRevises, readDocstring } from '../../src/chain/read/docstring.js';
import { logicalLines, tokenizePython, type PyToken } from '../../src/chain/read/python-tokens.js';
import { parseLiteral } from '../../src/chain/read/python-literal.js';
import { readPythonModule } from '../../src/chain/read/python-values.js';
import { parseRevisionFile } from '../../src/chain/read/revision-file.js';

const value = (text: string, name = 'down_revision') => readPythonModule(text).assignments.get(name);
const where = { path: '/v/abc123_x.py', file: 'v/abc123_x.py', relPath: 'abc123_x.py', location: '/v' };

describe('static reader of module-level assignments', () => {
  it.each([
    ["down_revision = 'abc'", 'abc'],
    ['down_revision = "abc"', 'abc'],
    ["down_revision = u'abc'", 'abc'],
    ["down_revision = U\"abc\"", 'abc'],
    ["down_revision = r'abc'", 'abc'],
    ["down_revision = '''abc'''", 'abc'],
    ['down_revision = """abc"""', 'abc'],
    ["down_revision: str = 'abc'", 'abc'],
    ["down_revision: Union[str, Sequence[str], None] = 'abc'", 'abc'],
    ["down_revision: str | None = 'abc'  # trailing comment", 'abc'],
    ["down_revision = ('abc')", 'abc'],
    ["down_revision = 'ab' 'c'", 'abc'],
    ['down_revision = None', null],
    ["down_revision = 'None'", 'None'],
    ["down_revision = ('a', 'b')", ['a', 'b']],
    ["down_revision = 'a', 'b'", ['a', 'b']],
    ["down_revision = ['a', 'b',]", ['a', 'b']],
    ["down_revision = ('a',)", ['a']],
    ["down_revision = ['a']", ['a']],
    ['down_revision = ()', []],
    ["down_revision = (\n    'a',  # first\n    # between\n    'b',\n)", ['a', 'b']],
    ["down_revision = \\\n    'abc'", 'abc'],
    ["down_revision = 'a\\'b'", "a'b"],
  ])('%s', (src, expected) => {
    const a = value(src)!;
    expect(a.literal).toBe(true);
    expect(a.value).toEqual(expected);
    expect(a.line).toBe(1);
    // the span a repair replaces is exactly the value: after `=`, without comment or trailing space
    expect(src.slice(0, a.start)).toMatch(/=\s*(\\\n\s*)?$/);
    expect(a.source).toBe(src.slice(a.start, a.end));
    expect(a.source).not.toMatch(/^\s|\s$|#\s*trailing/);
  });

  it.each([
    'down_revision = cli.EXPAND_BRANCH',
    "down_revision = 'x' if True else None",
    "down_revision = f'{base}'",
    "down_revision = b'abc'",
    "down_revision = get_revision('x')",
    "down_revision = 'a' + 'b'",
  ])('non-literal: %s', (src) => {
    const a = value(src)!;
    expect(a.literal).toBe(false);
    expect(a.source).toBe(src.slice('down_revision = '.length));
  });

  it('chained and tuple assignments give every name its value, as Python does', () => {
    const chained = readPythonModule("branch_labels = depends_on = None\n").assignments;
    expect([chained.get('branch_labels')?.value, chained.get('depends_on')?.value]).toEqual([null, null]);
    expect(chained.get('depends_on')).toMatchObject({ literal: true, shared: true, line: 1 });
    const text = 'revision, down_revision = "0029", (\n    "0028"\n)\na, b = [1, 2]\nc, d = pair\n';
    const tuple = readPythonModule(text).assignments;
    expect(tuple.get('revision')).toMatchObject({ value: '0029', literal: true });
    expect(tuple.get('down_revision')).toMatchObject({ value: '0028', literal: true });
    // each item's own span: a repair edits one without touching the other
    expect(text.slice(tuple.get('down_revision')!.start, tuple.get('down_revision')!.end)).toBe('(\n    "0028"\n)');
    expect(tuple.get('c')).toMatchObject({ literal: false, source: 'pair' });
    expect(tuple.get('a')).toMatchObject({ literal: false }); // not str/None/tuple of them
  });

  it('bracketed target lists unpack too: (revision, down_revision) = (…), [revision, down_revision] = …', () => {
    for (const text of ["import x\n(revision, down_revision) = ('b', 'a')\n", "import x\n[ revision, down_revision ] = 'b', 'a'\n"]) {
      const m = readPythonModule(text, new Set(['revision', 'down_revision'])).assignments;
      expect([m.get('revision')?.value, m.get('down_revision')?.value, m.get('revision')?.line]).toEqual(['b', 'a', 2]);
    }
  });

  it('an assignment inside a module-level if/try block may not run: not a literal pgmend relies on', () => {
    const text = "revision = 'r2'\nif FLAG:\n    down_revision = 'a'\nelse:\n    down_revision = 'b'\n\ndef upgrade():\n    down_revision = 'not module level'\n";
    const a = readPythonModule(text).assignments.get('down_revision')!;
    expect(a).toMatchObject({ literal: false, line: 5 });
    expect(a.source).toBe("'b' (assigned inside an if/try block: it may not run)");
    // A later module-level assignment wins over the block, as in Python.
    expect(readPythonModule(`${text.split('\ndef')[0]}\ndown_revision = 'c'\n`).assignments.get('down_revision')).toMatchObject({ literal: true, value: 'c' });
  });

  it('reads only module level, the last assignment wins, and line numbers count every line', () => {
    const text = [
      '"""doc"""',
      "revision = 'first'",
      'def upgrade():',
      "    revision = 'inside'",
      "    op.execute('''",
      "revision = 'in a string'",
      "''')",
      "revision = 'last'",
    ].join('\n');
    const a = value(text, 'revision')!;
    expect(a.value).toBe('last');
    expect(a.line).toBe(8);
    expect(text.slice(a.start, a.end)).toBe("'last'");
  });

  it('reads statements separated by semicolons, as Python does', () => {
    const text = "import sqlalchemy as sa; revision = 'ccc'\ndown_revision = 'bbb';\nbranch_labels = None; depends_on = None\nif X: pass; revision = 'not this'\n";
    const m = readPythonModule(text).assignments;
    expect(m.get('revision')).toMatchObject({ literal: true, value: 'ccc', line: 1 });
    expect(m.get('down_revision')).toMatchObject({ literal: true, value: 'bbb', line: 2 });
    expect(text.slice(m.get('down_revision')!.start, m.get('down_revision')!.end)).toBe("'bbb'");
    expect(m.get('depends_on')).toMatchObject({ literal: true, value: null, line: 3 });
  });

  it('reads backslash continuations and escaped line breaks in files with Windows line endings, and octal escapes', () => {
    const m = readPythonModule("revision = \\\r\n    'b'\r\ndown_revision = 'a\\\r\n'\r\nbranch_labels = '\\146eat'\r\n").assignments;
    expect(m.get('revision')).toMatchObject({ literal: true, value: 'b', line: 1 });
    expect(m.get('down_revision')).toMatchObject({ literal: true, value: 'a', line: 3 });
    expect(m.get('branch_labels')).toMatchObject({ literal: true, value: 'feat', line: 5 });
  });

  it('does not take a bare annotation as a value', () => {
    expect(value('down_revision: str')).toBeUndefined();
  });

  it('finds the docstring and its fields with positions', () => {
    const text = '"""add users\n\nRevision ID: abc123\nRevises: def456, 0987aa\nCreate Date: 2024-01-02 03:04:05.000006\n\n"""\nrevision = "abc123"\n';
    const mod = readPythonModule(text);
    const doc = readDocstring(mod.docstring!, text, mod.docstringLine!);
    expect(doc.message).toBe('add users');
    expect(doc.revisionId).toMatchObject({ value: 'abc123', line: 3 });
    expect(doc.revises).toMatchObject({ value: 'def456, 0987aa', line: 4 });
    expect(text.slice(doc.revises!.start, doc.revises!.end)).toBe('def456, 0987aa');
    expect(doc.createDate?.value).toBe('2024-01-02 03:04:05.000006');
    expect(parseRevises(doc.revises!.value)).toEqual(['def456', '0987aa']);
    expect(parseRevises('')).toEqual([]);
    expect(parseRevises('None')).toEqual([]);
    expect(parseRevises('(none)')).toEqual([]); // buildbot's template
  });

  it('an empty Revises: line has an empty value at the end of the line', () => {
    const text = '"""m\n\nRevision ID: a\nRevises: \nCreate Date: x\n"""\n';
    const mod = readPythonModule(text);
    const doc = readDocstring(mod.docstring!, text, mod.docstringLine!);
    expect(doc.revises?.value).toBe('');
  });

  it('a field counts where it starts a line (after blanks); the first wins; a value ends at CR or LF, blanks trimmed', () => {
    const text = '"""see Revision ID: no\r\n  Revision ID: a1 \t\r\nRevises: b2\rCreate Date: d\nRevises: c3\n"""\n';
    const mod = readPythonModule(text);
    const doc = readDocstring(mod.docstring!, text, mod.docstringLine!);
    expect(doc.revisionId).toMatchObject({ value: 'a1', line: 2 });
    expect(text.slice(doc.revisionId!.start, doc.revisionId!.end)).toBe('a1');
    expect(doc.revises).toMatchObject({ value: 'b2', line: 3 });
    expect(doc.createDate?.value).toBe('d');
  });
});

describe('revision file identity (as Alembic decides it)', () => {
  it('the variable is the identity', () => {
    const f = parseRevisionFile("revision = 'x1'\ndown_revision = ('a', 'b')\nbranch_labels = 'core'\ndepends_on = ['c']\n", where);
    expect(f.revision).toBe('x1');
    expect(f.downRevisions).toEqual(['a', 'b']);
    expect(f.branchLabels).toEqual(['core']);
    expect(f.dependsOn).toEqual(['c']);
    expect(f.notRevision).toBeUndefined();
  });

  it('an empty depends_on or down_revision string means none (Alembic takes a falsy value for None)', () => {
    expect(parseRevisionFile("revision = 'x1'\ndown_revision = None\ndepends_on = ''\n", where).dependsOn).toEqual([]);
    expect(parseRevisionFile("revision = 'x1'\ndown_revision = \"\"\n", where).downRevisions).toEqual([]);
    expect(parseRevisionFile("revision = 'x1'\ndown_revision = None\ndepends_on = ('',)\n", where).dependsOn).toEqual(['']);
  });

  it('a hex file name stands in for a missing revision variable (legacy)', () => {
    const f = parseRevisionFile('down_revision = None\n', { ...where, path: '/v/abc123.py', relPath: 'abc123.py' });
    expect(f.revision).toBe('abc123');
  });

  it('a helper module is not a revision', () => {
    const f = parseRevisionFile('def helper():\n    pass\n', { ...where, path: '/v/helpers.py', relPath: 'helpers.py' });
    expect(f.notRevision).toBeDefined();
    expect(f.revision).toBeUndefined();
  });
});

describe('the fast statement scanner agrees with the full tokenizer', () => {
  // Reference: tokenize everything, take column-0 logical lines `name [: ann] = literal`.
  function reference(text: string): Map<string, { value: unknown; line: number }> {
    const out = new Map<string, { value: unknown; line: number }>();
    for (const line of logicalLines(tokenizePython(text))) {
      const head = line[0]!;
      if (!(head.start === 0 || text[head.start - 1] === '\n')) continue;
      // Statements separated by `;`; those after a block opener (`if x: a; b`) are in its body.
      const statements = splitAt(line, ';');
      const opensBlock = head.kind === 'name' && COMPOUND.has(head.text);
      for (const toks of opensBlock ? statements.slice(0, 1) : statements) read(toks);
    }
    function read(toks: PyToken[]): void {
      const first = toks[0];
      if (first?.kind !== 'name') return;
      let i = 1;
      if (toks[i]?.text === ':') while (i < toks.length && toks[i]!.text !== '=') i++;
      if (toks[i]?.text !== '=') return;
      const parsed = parseLiteral(toks.slice(i + 1));
      out.set(first.text, { value: parsed.ok ? parsed.value : 'NON-LITERAL', line: text.slice(0, first.start).split('\n').length });
    }
    return out;
  }
  const COMPOUND = new Set(['if', 'elif', 'else', 'try', 'except', 'finally', 'for', 'while', 'with', 'def', 'class', 'async']);
  function splitAt(toks: PyToken[], separator: string): PyToken[][] {
    const parts: PyToken[][] = [[]];
    for (const t of toks) (t.text === separator ? parts.push([]) : parts[parts.length - 1]!.push(t));
    return parts.filter((p) => p.length);
  }

  const fragment = fc.constantFrom(
    "revision = 'abc123'",
    'revision: str = "abc123"  # note',
    "down_revision = ('a1',\n    'b2',  # two\n)",
    "down_revision: Union[str, None] = u'x9'",
    'depends_on = None',
    "branch_labels = ['core']",
    'down_revision = cli.EXPAND',
    "def upgrade():\n    op.execute('''\nrevision = 'inside'\n''')\n    x = \"it's\"",
    "def downgrade():\n    revision = 'nested'\n    pass",
    "# revision = 'commented'",
    "sql = \"\"\"\ndown_revision = 'in a string'\n\"\"\"",
    "x = '\\'quoted\\' revision = 1'",
    'import sqlalchemy as sa',
    "revision = 'a' \\\n    'b'",
    "revision = 'r9';",
    "import sqlalchemy as sa; down_revision = 'd7'",
    "revision = 'r1'; down_revision = ('p1', 'p2');  # two",
    "if FLAG: pass; revision = 'in the if'",
    "def f(): return 1; depends_on = 'in f'",
  );

  it('on random modules built from real-world fragments', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
        const text = `"""doc\n\nRevision ID: x\n"""\n${parts.join('\n')}\n`;
        const fast = readPythonModule(text).assignments;
        const slow = reference(text);
        expect(new Map([...fast].map(([k, a]) => [k, { value: a.literal ? a.value : 'NON-LITERAL', line: a.line }]))).toEqual(slow);
      }),
      { numRuns: 300 },
    );
  });
});
