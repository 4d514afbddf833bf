import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../src/sql/parser.js';
import { lint } from '../../src/lint/index.js';

beforeAll(ensureParser);

/** `line code severity` of every finding lint gives for a revision whose upgrade() holds `body` (and `before` above it). */
async function findings(body: string[], before: string[] = [], options: { protectTables?: string[] } = {}): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-lint-other-dialect-'));
  const py = [
    'import sqlalchemy as sa',
    'from alembic import op',
    'revision = "a1"',
    'down_revision = None',
    ...before,
    'def upgrade():',
    ...body.map((l) => `    ${l}`),
    'def downgrade():',
    '    raise NotImplementedError()',
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'a1_x.py'), py);
  const report = await lint({ paths: [dir], cwd: dir, ...options });
  return report.findings.map((f) => `${f.line} ${f.code} ${f.severity}`);
}

// Line 5 is `def upgrade():` (without `before`): the body starts at line 6.
describe('statements that run only on another database', () => {
  it('get no finding under `if dialect == "sqlite":` (airflow 0017); a parse error there stays a note', async () => {
    expect(
      await findings([
        'conn = op.get_bind()',
        'if conn.dialect.name == "sqlite":',
        '    conn.execute(sa.text("CREATE TABLE t_new (id INTEGER PRIMARY KEY)"))',
        '    conn.execute(sa.text("DROP TABLE t"))',
        '    op.drop_column("t", "c")',
        '    op.execute("PRAGMA foreign_keys=off")',
        'op.drop_column("t", "d")',
      ]),
    ).toEqual(['11 parse-error info', '12 destructive warning', '12 not-idempotent warning']);
  });

  it('read the polarity of the test: else of a Postgres test, != another database, `in` a list, early returns', async () => {
    const both = ['    op.drop_table("a")', 'else:', '    op.drop_table("b")'];
    // Only the branch Postgres takes is checked.
    expect(await findings(['if op.get_bind().dialect.name == "postgresql":', ...both])).toEqual(['7 destructive warning', '7 not-idempotent warning']);
    expect(await findings(['if op.get_bind().dialect.name != "sqlite":', ...both])).toEqual(['7 destructive warning', '7 not-idempotent warning']);
    expect(await findings(['if op.get_bind().dialect.name in ("mysql", "sqlite"):', ...both])).toEqual(['9 destructive warning', '9 not-idempotent warning']);
    expect(await findings(['if op.get_bind().dialect.name not in ("mysql", "sqlite"):', ...both])).toEqual(['7 destructive warning', '7 not-idempotent warning']);
    expect(await findings(['if op.get_bind().dialect.name != "postgresql":', ...both])).toEqual(['9 destructive warning', '9 not-idempotent warning']);
    // elif after a Postgres test: Postgres took the if.
    expect(await findings(['dialect = op.get_bind().dialect.name', 'if dialect == "postgresql":', '    pass', 'elif dialect == "oracle" or True:', '    op.drop_table("a")'])).toEqual([]);
    // A test lint cannot read, or one that may hold on Postgres too, lets both branches run.
    expect(await findings(['if op.get_bind().dialect.name == "sqlite" or sa.__version__ > "2":', ...both])).toEqual(['7 destructive warning', '7 not-idempotent warning', '9 destructive warning', '9 not-idempotent warning']);
    expect(await findings(['if op.get_bind().dialect.name == "postgresql" and sa.__version__ > "2":', ...both])).toEqual(['7 destructive warning', '7 not-idempotent warning', '9 destructive warning', '9 not-idempotent warning']);
    expect(await findings(['if op.get_bind().dialect.name == "sqlite" and sa.__version__ > "2":', ...both])).toEqual(['9 destructive warning', '9 not-idempotent warning']);
    // After `if dialect != "mysql": return` only MySQL goes on; after `== "sqlite": return`, Postgres does.
    expect(await findings(['if op.get_bind().dialect.name != "mysql":', '    return', 'op.drop_table("a")'])).toEqual([]);
    expect(await findings(['if op.get_bind().dialect.name == "sqlite":', '    return', 'op.drop_table("a")'])).toEqual(['8 destructive warning', '8 not-idempotent warning']);
  });

  it('follow names holding a dialect test (mlflow: needs_pk_cycle = dialect == "mssql")', async () => {
    expect(
      await findings([
        'conn = op.get_bind()',
        'dialect = conn.dialect.name',
        'is_sqlite = conn.dialect.name == "sqlite"',
        'needs_cycle = dialect in ("mysql", "mssql")',
        'if is_sqlite:',
        '    op.execute("PRAGMA foreign_keys=off")',
        'if needs_cycle:',
        '    op.drop_index("ix_t_a", table_name="t")',
        'if not is_sqlite:',
        '    op.drop_index("ix_t_b", table_name="t")',
        'engine = "mysql"', // a value, not a test: `if engine:` runs everywhere
        'if engine:',
        '    op.drop_index("ix_t_c", table_name="t")',
      ]),
    ).toEqual(['11 parse-error info', '15 not-idempotent warning', '18 not-idempotent warning']);
  });

  it('follow helpers returning a dialect test (dify: `if _is_pg(conn): … else: …`), and helpers called only there', async () => {
    const before = ['def _is_pg(conn) -> bool:', '    return conn.dialect.name == "postgresql"', 'def _rebuild():', '    op.drop_table("old")'];
    expect(
      await findings(['conn = op.get_bind()', 'if _is_pg(conn):', '    op.create_index("ix_a", "a", ["x"], if_not_exists=True)', 'else:', '    op.create_index("ix_b", "b", ["x"])', '    _rebuild()'], before),
    ).toEqual([]);
    // Without the helper's test, the else runs on Postgres too.
    const plain = ['def _is_pg(conn) -> bool:', '    return conn is not None', 'def _rebuild():', '    op.drop_table("old")'];
    expect(await findings(['conn = op.get_bind()', 'if _is_pg(conn):', '    pass', 'else:', '    op.create_index("ix_b", "b", ["x"])', '    _rebuild()'], plain)).toEqual([
      '8 destructive warning',
      '8 not-idempotent warning',
      '14 not-idempotent warning',
    ]);
  });

  it('include SQL a helper forwards to op.execute, called in such a branch', async () => {
    const before = ['def run_sql(sql):', '    op.execute(sql)'];
    expect(await findings(['if op.get_bind().dialect.name == "sqlite":', '    run_sql("DROP TABLE t")', 'run_sql("DROP TABLE u")'], before)).toEqual(['10 destructive warning', '10 not-idempotent warning']);
  });

  it('do not hide a protected write Postgres runs, and a run-time name there is only a note', async () => {
    // `table` is run-time data (a module constant in the f-string would be read as its value).
    const body = ['if op.get_bind().dialect.name == "mysql":', '    op.execute(f"UPDATE {table} SET a = 1")', 'else:', '    op.execute("UPDATE metrics SET a = 1")'];
    expect(await findings(body, ['T = "metrics"'], { protectTables: ['metrics'] })).toEqual(['8 dynamic-sql info', '10 protected-schema-write error']);
  });
});

describe('operations lint reads through unpacking and loops', () => {
  it('reads `**name` / `*name` holding a literal dict or tuple, and notes an unpacked operation it cannot read (open-webui)', async () => {
    const body = [
      'index = {"index_name": "ix_chat_meta", "table_name": "chat", "columns": ["meta"]}',
      'op.create_index(**index)',
      'op.add_column(*("chat", sa.Column("x", sa.Integer)))',
      'for spec in load_specs():',
      '    op.create_index(**spec)',
    ];
    expect(await findings(body, [], { protectTables: ['chat'] })).toEqual([
      '7 not-idempotent warning',
      '7 protected-schema-write error',
      '8 not-idempotent warning',
      '8 protected-schema-write error',
      '10 dynamic-sql warning',
    ]);
    expect(await findings(body)).toEqual(['7 not-idempotent warning', '8 not-idempotent warning', '10 dynamic-sql info']);
  });

  it('runs an operation once per item of a loop over a literal list, or a module constant (mlflow, open-webui)', async () => {
    const body = ['for table in ["params", "metrics"]:', '    op.create_index(f"index_{table}_run_uuid", table, ["run_uuid"], if_not_exists=True)', 'for t in LEGACY:', '    op.drop_table(t)'];
    const all = await findings(body, ['LEGACY = ("old_a", "metrics")'], { protectTables: ['metrics'] });
    expect(all.filter((f) => !f.includes('not-idempotent') && !f.includes('destructive'))).toEqual(['8 protected-schema-write error', '10 protected-schema-write error']);
  });
});
