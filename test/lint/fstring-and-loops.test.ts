/**
 * Python that builds SQL and table names lint can still read (sweep of dispatch, lemur, polar,
 * ckan, fides): f-strings of module constants, loop variables and bind-like values, loops over
 * lists of tuples, and helpers given table names by their callers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { ensureParser } from '../../src/sql/parser.js';

beforeAll(ensureParser);

/** `line:col code` of lint's findings on one revision file with this module prelude and upgrade(). */
async function lintRevision(prelude: string[], upgrade: string[], options: { protectSchemas?: string[]; protectTables?: string[] } = {}): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-lint-fstring-'));
  const py = ['from alembic import op', '', 'revision = "a1"', 'down_revision = None', ...prelude, '', '', 'def upgrade():', ...upgrade.map((l) => `    ${l}`), '', '', 'def downgrade():', '    op.execute("SELECT 1")', ''].join('\n');
  writeFileSync(path.join(dir, 'a1_x.py'), py);
  const report = await lint({ paths: [dir], cwd: dir, ...options });
  return report.findings.map((f) => `${f.line}:${f.column} ${f.code}`);
}

describe('SQL written as an f-string', () => {
  it('is read when its fields name module constants (dispatch: f"update {SCHEMA}.organization …")', async () => {
    const found = await lintRevision(['SCHEMA = "dispatch_core"', 'LIMIT = 100'], ['op.execute(f"UPDATE {SCHEMA}.organization SET slug = lower(name) WHERE id < {LIMIT}")'], { protectSchemas: ['dispatch_core'] });
    expect(found).toEqual(['10:18 protected-schema-write']); // located at the statement in the f-string
  });

  it('runs once per item of a loop variable over a literal list, and through a name assigned it', async () => {
    const found = await lintRevision(
      ['TABLES = ("plans", "accounts")'],
      ['for table in TABLES:', '    sql = f"UPDATE billing.{table} SET amount = amount * 100"', '    op.execute(sql)'],
      { protectTables: ['billing.accounts'] },
    );
    expect(found).toEqual(['10:17 protected-schema-write']); // billing.plans is not protected
  });

  it('keeps a plain literal joined to it as written: its braces are not fields', async () => {
    const found = await lintRevision(['T = "settings"'], ['op.execute(f"UPDATE {T} SET data = " "\'{}\'::jsonb")'], { protectTables: ['settings'] });
    expect(found).toEqual(['9:18 protected-schema-write']);
  });

  it('reads run-time fields where SQL takes a value as bind parameters (lemur: f"DELETE FROM domains WHERE id = {cur_id}")', async () => {
    const found = await lintRevision(
      ['T = "domains"'],
      [
        'for cur_id, name in op.get_bind().execute(sa.text("SELECT id, name FROM domains")):',
        '    op.execute(f"SELECT id FROM {T} WHERE name = \'{name}\' AND id > {cur_id}")', // reads: nothing to report
        '    op.execute(sa.text(f"DELETE FROM domains WHERE id = {row.id} OR id IN ({ids[0]}, {len(name)})"))',
      ],
      { protectTables: ['domains'] },
    );
    expect(found).toEqual(['11:30 protected-schema-write']);
  });

  it('stays dynamic-sql when a run-time field names something: a table, an index, a quoted name, in a $$ body', async () => {
    const found = await lintRevision(
      ['T = "settings"'],
      [
        'op.execute(f"DROP TABLE {table}")',
        'op.execute(f"ALTER INDEX {old}_pkey RENAME TO {new}_pkey")', // polar's rename helper
        'op.execute(f\'UPDATE "{table}" SET v = 1\')',
        'op.execute(f"UPDATE {T} SET {column} = 1")',
        'op.execute(f"DO $$ BEGIN UPDATE {T} SET v = {value}; END $$")',
      ],
      { protectTables: ['settings'] },
    );
    expect(found).toEqual(['9:16 dynamic-sql', '10:16 dynamic-sql', '11:16 dynamic-sql', '12:16 dynamic-sql', '13:16 dynamic-sql']);
  });
});

describe('a loop over a list of tuples (ckan 016 uuids_everywhere: for table, column in foreign_keys)', () => {
  it('gives each name its place in the item, not the value an earlier loop gave the same name', async () => {
    const found = await lintRevision(
      ['foreign_keys = [("package_tag", "package_id"), ("rating", "package_id")]', 'ids = ["package", "tag"]'],
      ['for table in ids:', '    op.alter_column(table, "id", nullable=False)', 'for table, column in foreign_keys:', '    op.drop_column(table, column)', 'for (table, column) in foreign_keys:', '    op.execute(f"UPDATE {table} SET {column} = NULL")'],
      { protectTables: ['package', 'rating'] },
    );
    // 11: package (the first loop); 13: rating's column only, never package; 15: the SQL on rating.
    expect(found.filter((f) => f.endsWith('protected-schema-write'))).toEqual(['11:9 protected-schema-write', '13:9 protected-schema-write', '15:22 protected-schema-write']);
  });

  it('leaves names of a nested or starred target unknown: dynamic-sql, not an earlier value', async () => {
    const found = await lintRevision(['pairs = [(("a", "b"), "c")]'], ['for table in ["package"]:', '    pass', 'for (table, other), column in pairs:', '    op.drop_column(table, column)', 'for table, *rest in pairs:', '    op.drop_column(table, "x")'], { protectTables: ['package'] });
    expect(found.filter((f) => !f.endsWith('destructive') && !f.endsWith('not-idempotent'))).toEqual(['12:9 dynamic-sql', '14:9 dynamic-sql']);
  });
});

describe('a helper given table names (polar: def rename(from_, to): op.rename_table(from_, to))', () => {
  const helper = [
    'LIMIT = 0',
    'def rename(from_, to):',
    '    op.rename_table(from_, to)',
    '    op.execute(f"ALTER INDEX {from_}_pkey RENAME TO {to}_pkey")',
    '    op.execute(f"UPDATE {to} SET moved_at = now() WHERE id > {LIMIT}")',
  ];

  it('runs each operation on the names its caller passes, in the caller’s phase', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-lint-helper-names-'));
    const py = ['from alembic import op', '', 'revision = "a1"', 'down_revision = None', '', ...helper, '', 'def upgrade():', '    rename("rewards", "pledges")', '', 'def downgrade():', '    rename("pledges", "rewards")', ''].join('\n');
    writeFileSync(path.join(dir, 'a1_x.py'), py);
    const report = await lint({ paths: [dir], cwd: dir, protectTables: ['pledges'] });
    // 10: the upgrade's UPDATE writes pledges; 16: the downgrade's call renames pledges. No dynamic-sql.
    expect(report.findings.map((f) => `${f.line}:${f.column} ${f.code} ${f.message.split(' ').slice(0, 3).join(' ')}`)).toEqual([
      '9:18 not-idempotent ALTER INDEX rewards_pkey',
      '10:18 protected-schema-write UPDATE pledges SET',
      '16:5 protected-schema-write op.rename_table renames public.pledges',
    ]);
  });

  it('leaves a name its caller computes at run time to dynamic-sql, at the call', async () => {
    const found = await lintRevision([...helper], ['rename(old_name(), "pledges")'], { protectTables: ['pledges'] });
    // The rename and the ALTER INDEX name what the caller computes; the UPDATE names `to`, a literal.
    expect(found).toEqual(['8:16 dynamic-sql', '9:18 protected-schema-write', '13:5 dynamic-sql']);
  });
});

describe('a module assignment right after a function, with no blank line between', () => {
  it('is a module constant, not a name of the function above it', async () => {
    const found = await lintRevision(['def touch(t):', '    op.execute(f"UPDATE {t} SET seen = {LIMIT}")', 'LIMIT = 0', 'TABLE = "accounts"'], ['touch(TABLE)'], { protectTables: ['accounts'] });
    expect(found).toEqual(['6:18 protected-schema-write']);
  });
});

describe('a helper called in a loop over a literal list', () => {
  it('runs its operation once per item: for n in ("a", "b"): _drop(n)', async () => {
    const found = await lintRevision(['def _drop(name):', '    op.drop_table(name)', ''], ['for n in ("accounts", "b"):', '    _drop(n)'], { protectTables: ['accounts'] });
    expect(found.filter((f) => !f.endsWith('destructive') && !f.endsWith('not-idempotent'))).toEqual(['12:9 protected-schema-write']);
  });
});

describe('SQL built with str.format() or % from run-time values', () => {
  it('reads the values where SQL takes a value as bind parameters (lemur c301c59688d2), names stay dynamic-sql', async () => {
    const found = await lintRevision(
      ['T = "domains"'],
      [
        'op.execute(sa.text("update domains set key_type=\'RSA{0}\' where bits={0}".format(bits)))',
        'op.execute("delete from {t} where id = {id}".format(id=row.id, t=T))',
        'op.execute("delete from {} where id = {}".format(T, row.id))',
        'op.execute("delete from domains where id = %d" % row.id)',
        'op.execute("delete from %s where id = 1" % table)',
        'op.execute("delete from {0} where id = 1".format(table))',
        'op.execute("delete from domains where id = {0}".format(*ids))',
      ],
      { protectTables: ['domains'] },
    );
    expect(found).toEqual([
      '9:25 protected-schema-write',
      '10:17 protected-schema-write',
      '11:17 protected-schema-write',
      '12:17 protected-schema-write',
      '13:16 dynamic-sql',
      '14:16 dynamic-sql',
      '15:16 dynamic-sql',
    ]);
  });
});
