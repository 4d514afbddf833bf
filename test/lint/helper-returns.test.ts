/**
 * Helpers of the revision file that only compute a value (sweep of fides and galaxy): a call of
 * one is read as what it returns for the caller's arguments, SQL or a table object, and checked
 * as if written in place; what lint cannot bind stays dynamic-sql.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { ensureParser } from '../../src/sql/parser.js';

beforeAll(ensureParser);

/** `line:col code` of lint's findings on one revision file: module prelude (helpers) and upgrade(). */
async function lintRevision(prelude: string[], upgrade: string[], options: { protectSchemas?: string[]; protectTables?: string[] } = {}): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-lint-returns-'));
  const py = ['from alembic import op', 'import sqlalchemy as sa', '', 'revision = "a1"', 'down_revision = None', '', ...prelude, '', '', 'def upgrade():', ...upgrade.map((l) => `    ${l}`), '', '', 'def downgrade():', '    op.execute("SELECT 1")', ''].join('\n');
  writeFileSync(path.join(dir, 'a1_x.py'), py);
  const report = await lint({ paths: [dir], cwd: dir, ...options });
  return report.findings.map((f) => `${f.line}:${f.column} ${f.code}`);
}

// Line 7 of every file is the prelude's first line.
const replacePrefix = [
  'def _replace_prefix_sql(table: str, column: str) -> str:',
  '    """The UPDATE that swaps a key prefix."""',
  '    return f"UPDATE {table} SET {column} = :new || substr({column}, 3) WHERE {column} LIKE :old"',
];

describe('a helper returning SQL built from its parameters (fides: def _replace_prefix_sql(table, column): return f"UPDATE {table} …")', () => {
  it('is read with the literals each caller passes, and checked (protected-schema-write)', async () => {
    const found = await lintRevision(replacePrefix, [
      'conn = op.get_bind()',
      'conn.execute(sa.text(_replace_prefix_sql("stagedresource", "urn")), {"old": "a", "new": "b"})',
      'op.execute(_replace_prefix_sql(table="ctl_datasets", column="fides_key"))',
    ], { protectTables: ['stagedresource'] });
    expect(found).toEqual(['9:14 protected-schema-write']); // at the UPDATE in the helper's f-string; ctl_datasets is not protected
  });

  it('is read with module constants and once per item of a loop over a literal list', async () => {
    const found = await lintRevision(['TABLES = ["plans", "accounts"]', 'COLUMN = "code"', ...replacePrefix], ['for t in TABLES:', '    op.execute(_replace_prefix_sql(t, COLUMN))'], { protectTables: ['accounts'] });
    expect(found).toEqual(['11:14 protected-schema-write']);
  });

  it('reads % formatting, str.format(), defaults and the helper\'s own assignments (not-idempotent)', async () => {
    const found = await lintRevision(
      [
        'def _index(table, column, suffix="idx"):',
        '    name = f"{table}_{column}_{suffix}"',
        '    return "CREATE INDEX %s ON %s (%s)" % (name, table, column)',
        '',
        'def _drop(table):',
        '    return "DROP TABLE {}".format(table)',
        '',
        'def _column(table): return sa.text(f"ALTER TABLE {table} ADD COLUMN note text")',
      ],
      ['op.execute(_index("users", "email"))', 'op.execute(_drop("legacy"))', 'op.execute(_column("users"))'],
    );
    expect(found).toEqual(['9:13 not-idempotent', '12:13 destructive', '12:13 not-idempotent', '14:38 not-idempotent']); // located at the SQL in each helper
  });

  it('stays dynamic-sql when the caller passes a run-time value or *args, or the helper branches or never returns', async () => {
    const found = await lintRevision(
      [
        ...replacePrefix,
        '',
        'def _branching(table):',
        '    if table:',
        '        return f"DELETE FROM {table}"',
        '    return "SELECT 1"',
        '',
        'def _endless(table): return _endless(table)',
      ],
      [
        'for row in op.get_bind().execute(sa.text("SELECT name FROM tables")):',
        '    op.execute(_replace_prefix_sql(row.name, "urn"))',
        'op.execute(_replace_prefix_sql(*("stagedresource", "urn")))',
        'op.execute(_branching("users"))',
        'op.execute(_endless("users"))',
      ],
      { protectTables: ['stagedresource', 'users'] },
    );
    expect(found).toEqual(['21:20 dynamic-sql', '22:16 dynamic-sql', '23:16 dynamic-sql', '24:16 dynamic-sql']);
  });
});

describe('a helper returning a table object (galaxy: def get_psa_table(conn): return Table(PSA_TABLE, MetaData(), …))', () => {
  const factory = [
    'PSA_TABLE = "oidc_user_authnz_tokens"',
    '',
    'def get_psa_table(connection):',
    '    return sa.Table(PSA_TABLE, sa.MetaData(), sa.Column("id", sa.Integer), sa.Column("uid", sa.String), autoload_with=connection)',
    '',
    'def named_table(name, schema=None):',
    '    return sa.table(name, sa.column("id"), schema=schema)',
    '',
    'def migrate(connection, psa_table):',
    '    connection.execute(psa_table.update().values(uid="x"))',
  ];

  it('traces writes through it to the table, also when passed on to another helper', async () => {
    const found = await lintRevision(factory, [
      'connection = op.get_bind()',
      'psa_table = get_psa_table(connection)',
      'op.bulk_insert(psa_table, [{"id": 1, "uid": "x"}])',
      'migrate(connection, psa_table)',
      'connection.execute(named_table("contacts", schema="crm").delete())',
      'op.bulk_insert(named_table("audit"), [{"id": 1}])',
    ], { protectTables: ['oidc_user_authnz_tokens'], protectSchemas: ['crm'] });
    expect(found).toEqual(['22:5 protected-schema-write', '23:5 protected-schema-write', '24:5 protected-schema-write', '25:5 unqualified-name']); // audit: traced, not protected
  });

  it('stays dynamic-sql when the table name is a run-time value', async () => {
    const found = await lintRevision(factory, ['for row in op.get_bind().execute(sa.text("SELECT name FROM t")):', '    op.bulk_insert(named_table(row.name), [{"id": 1}])'], { protectTables: ['oidc_user_authnz_tokens'] });
    expect(found).toEqual(['21:9 dynamic-sql']);
  });
});
