import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../src/sql/parser.js';
import { readRevision } from '../../src/lint/python/revision.js';
import { decodeString } from '../../src/lint/python/strings.js';
import { tokenizePython } from '../../src/lint/python/tokenize.js';
import { readAlembicUnit } from '../../src/lint/read-alembic.js';
import type { SqlAction } from '../../src/lint/types.js';

beforeAll(ensureParser);

/** Statements found in a revision, each with the line:col lint reports for it. */
function statements(py: string): Array<[string, number, number]> {
  const unit = readAlembicUnit('r.py', py);
  return unit.actions.filter((a): a is SqlAction => a.kind === 'sql').map((a) => [a.stmt.text, a.stmt.location.line, a.stmt.location.column]);
}

const wrap = (body: string): string => `from alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;

describe('Python string literals', () => {
  const value = (lit: string): string => decodeString(lit, 0).value;

  it('decodes every quote form and prefix', () => {
    expect(value(`'a"b'`)).toBe('a"b');
    expect(value(`"a'b"`)).toBe("a'b");
    expect(value(`'''x\n'y'\n'''`)).toBe("x\n'y'\n");
    expect(value(`"""x"y"""`)).toBe('x"y');
    expect(value(`u'caf\\xe9'`)).toBe('café');
    expect(value(`r'\\d+\\n'`)).toBe('\\d+\\n');
    expect(value(`R"a\\"b"`)).toBe('a\\"b');
    expect(value(`'tab\\tnl\\n\\'q\\' \\\\ \\101 \\u00e9 \\U0001F600'`)).toBe("tab\tnl\n'q' \\ A é 😀");
    expect(value(`'line\\\ncontinued'`)).toBe('linecontinued');
    expect(value(`'unknown \\d escape'`)).toBe('unknown \\d escape');
    expect(decodeString(`f'{x}'`, 0).formatted).toBe(true);
    expect(decodeString(`rb'x'`, 0).bytes).toBe(true);
  });

  it('maps every character back to its offset in the file', () => {
    const s = decodeString(`'a\\nb'`, 10);
    expect(s.value).toBe('a\nb');
    expect(s.map).toEqual([11, 12, 14, 15]);
  });
});

describe('tokenizePython', () => {
  it('ignores comments and quotes inside comments, and tracks bracket depth', () => {
    const tokens = tokenizePython(`x = f(  # don't "stop" here\n  'a', [1, (2)])\n`);
    expect(tokens.filter((t) => t.type !== 'newline').map((t) => t.text)).toEqual(['x', '=', 'f', '(', "'a'", ',', '[', '1', ',', '(', '2', ')', ']', ')']);
    expect(tokens.filter((t) => t.type === 'newline')).toHaveLength(1);
    expect(tokens.find((t) => t.text === '2')!.depth).toBe(3);
  });
});

describe('SQL inside op.execute', () => {
  it('reads single, double, triple-quoted, raw and concatenated literals', () => {
    const py = wrap(
      [
        `    op.execute('CREATE TABLE a (x int)')`,
        `    op.execute("CREATE TABLE b (x int)")`,
        `    op.execute("""`,
        `        CREATE TABLE c (x int)`,
        `    """)`,
        `    op.execute(r"CREATE TABLE d (x text DEFAULT E'\\d')")`,
        `    op.execute("CREATE TABLE e "`,
        `               '(x int)')`,
        `    op.execute(sa.text("CREATE TABLE f (x int)"))`,
        `    op.get_bind().execute(sa.text('CREATE TABLE g (x int)'))`,
      ].join('\n'),
    );
    expect(statements(py)).toEqual([
      ['CREATE TABLE a (x int)', 6, 17],
      ['CREATE TABLE b (x int)', 7, 17],
      ['CREATE TABLE c (x int)', 9, 9],
      ["CREATE TABLE d (x text DEFAULT E'\\d')", 11, 18],
      ['CREATE TABLE e (x int)', 12, 17],
      ['CREATE TABLE f (x int)', 14, 25],
      ['CREATE TABLE g (x int)', 15, 36],
    ]);
  });

  it('locates each statement of a multi-statement string on its own .py line', () => {
    const py = wrap(`    op.execute("""\n        CREATE TABLE a (x int);\n        -- why\n        CREATE INDEX ON a (x);\n    """)`);
    expect(statements(py)).toEqual([
      ['CREATE TABLE a (x int)', 7, 9],
      ['CREATE INDEX ON a (x)', 9, 9],
    ]);
  });

  it('counts columns by character after escapes and non-ASCII text', () => {
    const py = wrap(`    op.execute("SELECT 'é\\t'; UPDATE t SET x = 1")`);
    expect(statements(py).map(([, l, c]) => [l, c])).toEqual([
      [6, 17],
      [6, 31], // 'é' is one column, the two characters of \\t are two
    ]);
  });

  it('follows names assigned a literal, in the function or the module', () => {
    const py = `from alembic import op\nSQL = "DROP TABLE a"\nOTHER: str = 'DROP TABLE c'\n\ndef upgrade():\n    stmt = (\n        "DROP TABLE b"\n    )\n    op.execute(SQL)\n    op.execute(stmt)\n    op.execute(OTHER)\n`;
    expect(statements(py).map(([t, l]) => [t, l])).toEqual([
      ['DROP TABLE a', 2],
      ['DROP TABLE b', 7],
      ['DROP TABLE c', 3],
    ]);
  });

  it('reads each string a loop runs, from a list in the module or in the for statement', () => {
    const py = `from alembic import op\nSTATEMENTS = [\n    "DROP TABLE a",\n    'DROP TABLE b',\n]\n\ndef upgrade():\n    for stmt in STATEMENTS:\n        op.execute(stmt)\n    for s in ("DROP TABLE c",):\n        op.execute(s)\n    for name in tables():\n        op.execute(name)\n`;
    expect(statements(py).map(([t, l, c]) => `${t} ${l}:${c}`)).toEqual(['DROP TABLE a 3:6', 'DROP TABLE b 4:6', 'DROP TABLE c 10:16']);
    expect(readAlembicUnit('r.py', py).findings.map((f) => `${f.line} ${f.code}`)).toEqual(['13 dynamic-sql']);
  });

  it('reads conn.execute through a variable bound to op.get_bind(), and masks :bind parameters', () => {
    const py = wrap(`    conn = op.get_bind()\n    conn.execute(sa.text("UPDATE t SET x = :x WHERE y::text = ':z'").bindparams(x=1))`);
    const [stmt] = statements(py);
    expect(stmt![0]).toBe("UPDATE t SET x = $1 WHERE y::text = ':z'");
  });

  it('reads SQL run on other connections (session.execute(text(...))) but ignores their non-SQL arguments', () => {
    const py = wrap(
      [
        `    session = Session(bind=op.get_bind())`,
        `    session.execute(sa.text("DELETE FROM t WHERE id = :id"), {"id": 1})`,
        `    session.execute(sa.select(t))`,
        `    cursor.execute("UPDATE t SET a = %s, b = %(b)s", (1, 2))`,
      ].join('\n'),
    );
    const unit = readAlembicUnit('r.py', py);
    expect(unit.findings).toEqual([]);
    expect(statements(py).map(([t]) => t)).toEqual(['DELETE FROM t WHERE id = $1', 'UPDATE t SET a = $1, b = $1']);
    expect(unit.actions.every((a) => a.kind === 'sql' && a.stmt.node)).toBe(true);
  });

  it('reports f-strings, format() and run-time values as not readable statically', () => {
    const py = wrap([`    op.execute(f"DROP TABLE {name}")`, `    op.execute("DROP TABLE {}".format(name))`, `    op.execute("DROP TABLE %s" % name)`, `    op.execute(build_sql())`].join('\n'));
    const unit = readAlembicUnit('r.py', py);
    expect(unit.actions).toEqual([]);
    expect(unit.findings.map((f) => [f.code, f.line, f.column])).toEqual([
      ['dynamic-sql', 6, 16],
      ['dynamic-sql', 7, 16],
      ['dynamic-sql', 8, 16],
      ['dynamic-sql', 9, 16],
    ]);
    expect(unit.findings[0]!.message).toContain('f-string');
  });
});

describe('op.* calls', () => {
  it('names positional and keyword arguments, across lines, with nested parentheses and comments', () => {
    const py = wrap(
      [
        `    op.add_column(  # a comment with ) and "quotes"`,
        `        "accounts",`,
        `        sa.Column("tier", sa.String(length=(16)), server_default=sa.text("'a)'")),`,
        `        schema="crm",`,
        `    )`,
        `    op.create_index(op.f("ix"), "accounts", ["tier"], postgresql_concurrently=True, if_not_exists=True)`,
      ].join('\n'),
    );
    const rev = readRevision(py);
    expect(rev.calls.map((c) => [c.method, Object.keys(c.params).sort()])).toEqual([
      ['add_column', ['column', 'schema', 'table_name']],
      ['create_index', ['columns', 'if_not_exists', 'index_name', 'postgresql_concurrently', 'table_name']],
    ]);
    const unit = readAlembicUnit('r.py', py);
    expect(unit.actions.map((a) => a.kind === 'op' && [a.table, a.location.line, a.location.column])).toEqual([
      [{ name: 'accounts', schema: 'crm' }, 6, 5],
      [{ name: 'accounts' }, 11, 5],
    ]);
  });

  it('gives batch_alter_table operations the context table, and marks autocommit blocks', () => {
    const py = wrap(
      [
        `    with op.batch_alter_table("contacts", schema="crm") as batch_op:`,
        `        batch_op.drop_column("segment")`,
        `    with op.get_context().autocommit_block():`,
        `        op.execute("CREATE INDEX CONCURRENTLY ix ON t (x)")`,
        `    op.execute("SELECT 1")`,
      ].join('\n'),
    );
    const unit = readAlembicUnit('r.py', py);
    expect(unit.actions.map((a) => [a.kind === 'op' ? `${a.call.via}.${a.call.method} ${a.table?.schema}.${a.table?.name}` : a.stmt.text, a.autocommit])).toEqual([
      ['batch.drop_column crm.contacts', false],
      ['CREATE INDEX CONCURRENTLY ix ON t (x)', true],
      ['SELECT 1', false],
    ]);
  });

  it('tells upgrade from downgrade and sees empty bodies', () => {
    const rev = readRevision(`"""doc"""\ndef upgrade() -> None:\n    op.drop_table("a")\n\ndef downgrade() -> None:\n    """Nothing to undo."""\n    # really\n    pass\n`);
    expect(rev.calls.map((c) => c.phase)).toEqual(['upgrade']);
    expect(rev.functions.upgrade!.empty).toBe(false);
    expect(rev.functions.downgrade!.empty).toBe(true);
    expect(readRevision(`def upgrade(): pass\ndef downgrade(): op.drop_table("a")\n`).functions).toMatchObject({ upgrade: { empty: true }, downgrade: { empty: false } });
  });
});

describe('properties', () => {
  it('decodes any string written as a JSON-style Python literal back to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const literal = JSON.stringify(s); // JSON's escapes mean the same in Python
        expect(decodeString(literal, 0).value).toBe(s);
        const single = `'${literal.slice(1, -1).replaceAll("'", "\\'").replaceAll('\\"', '"')}'`;
        expect(decodeString(single, 0).value).toBe(s);
      }),
    );
  });

  it('never throws on arbitrary text other than a located syntax error', () => {
    const pieces = ['op.execute(', 'op.add_column(', ')', '(', '"', "'", '"""', '#', '\n', '    ', 'def upgrade():', 'with op.batch_alter_table("t") as b:', 'b.drop_column("c")', ',', 'schema=', 'f"', 'r"', '\\', 'x', '=', 'SELECT 1;', '(1, 2)', '(a).b', 'conn.execute(', '.', 'sa.text(', '[', ']', 'for s in ', ':', 'X: str = ', 'def run(sql):', 'run('];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const unit = readAlembicUnit('r.py', parts.join(''));
        for (const f of unit.findings) expect(f.line).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('helpers that forward their parameter to an execute call', () => {
  it('treat each call of the helper as an execute at the call site (pgmend convert output)', () => {
    const py = [
      'from alembic import op',
      '',
      'def run_sql(sql: str) -> None:',
      '    """Runs one statement."""',
      '    op.get_bind().exec_driver_sql(sql, execution_options={"no_parameters": True})',
      '',
      'def upgrade() -> None:',
      '    run_sql("""UPDATE blobs',
      '   SET x = 1""")',
      '    with op.get_context().autocommit_block():',
      '        run_sql(sql="CREATE INDEX CONCURRENTLY ix ON t (x)")',
      '',
      'def downgrade() -> None:',
      '    run_sql("DROP INDEX ix")',
    ].join('\n');
    const unit = readAlembicUnit('r.py', py);
    expect(unit.findings).toEqual([]);
    expect(unit.actions.map((a) => a.kind === 'sql' && [a.stmt.text.split('\n')[0], a.stmt.location.line, a.stmt.location.column, a.phase, a.autocommit])).toEqual([
      ['UPDATE blobs', 8, 16, 'upgrade', false],
      ['CREATE INDEX CONCURRENTLY ix ON t (x)', 11, 22, 'upgrade', true],
      ['DROP INDEX ix', 14, 14, 'downgrade', false],
    ]);
  });
});
