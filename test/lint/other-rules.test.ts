import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../src/sql/parser.js';
import { Definitions, rewriteStatement } from '../../src/rewrite/index.js';
import { concurrentlyInTransaction } from '../../src/lint/rules/concurrently-in-transaction.js';
import { destructive } from '../../src/lint/rules/destructive.js';
import { missingDowngrade } from '../../src/lint/rules/missing-downgrade.js';
import { notIdempotent } from '../../src/lint/rules/not-idempotent.js';
import { readAlembicUnit } from '../../src/lint/read-alembic.js';
import { lint } from '../../src/lint/index.js';
import { at, notIdempotentAt, revision, run, sqlUnit } from './helpers.js';

beforeAll(ensureParser);

const flagged = notIdempotentAt;

describe('not-idempotent', () => {
  it('flags Alembic operations without their if_(not_)exists flag, in upgrades only', () => {
    const unit = revision(
      [
        'op.create_table("a", sa.Column("id", sa.Integer))',
        'op.create_table("b", sa.Column("id", sa.Integer), if_not_exists=True)',
        'op.create_index("ix", "a", ["id"], if_not_exists=False)',
        'op.add_column("a", sa.Column("x", sa.Text))',
        'op.drop_column("a", "x", if_exists=True)',
        'op.drop_constraint("c", "a")',
        'op.alter_column("a", "x", nullable=False)',
      ],
      ['op.drop_table("a")'],
    );
    const findings = run(notIdempotent, unit);
    expect(findings.map((f) => `${f.line} ${f.message.split(' ')[0]}`)).toEqual(['9 op.create_table', '11 op.create_index', '12 op.add_column', '14 op.drop_constraint']);
    expect(findings[2]!.hint).toBe('pass if_not_exists=True, available since Alembic 1.16');
  });

  const statements = [
    'CREATE TABLE t (id int)',
    'CREATE TABLE IF NOT EXISTS t (id int)',
    'ALTER TABLE t ADD COLUMN x int',
    'ALTER TABLE t ADD COLUMN IF NOT EXISTS x int',
    'CREATE INDEX ix ON t (x)',
    'CREATE TYPE mood AS ENUM ($$a$$)',
    'DROP TABLE t',
    'GRANT SELECT ON t TO r',
    'UPDATE t SET x = 1',
    'CREATE SCHEMA s',
  ];

  it('flags exactly the SQL statements whose rewrite pgmend convert would change', () => {
    for (const sql of statements) {
      const unit = sqlUnit(sql);
      const stmt = unit.actions[0]!;
      if (stmt.kind !== 'sql') throw new Error('expected SQL');
      const fate = rewriteStatement(stmt.stmt, { pgVersion: 12, defs: new Definitions() }).fate;
      expect([sql, run(notIdempotent, unit).length]).toEqual([sql, fate === 'idempotent' ? 1 : 0]);
    }
  });

  it('flags an unguarded ADD COLUMN and leaves a guarded one alone, naming the fix', () => {
    const findings = run(notIdempotent, sqlUnit('ALTER TABLE t ADD COLUMN x int;\nALTER TABLE t ADD COLUMN IF NOT EXISTS y int;'));
    expect(at(findings)).toEqual(['1:1 not-idempotent']);
    expect(findings[0]!.hint).toContain('IF NOT EXISTS');
  });

  it('leaves the down section of a .sql migration alone', () => {
    expect(run(notIdempotent, sqlUnit('-- migrate:up\nCREATE TABLE IF NOT EXISTS t (id int);\n-- migrate:down\nALTER TABLE t ADD COLUMN x int;'))).toEqual([]);
  });
});

describe('destructive', () => {
  it('flags dropped tables, columns and schemas and TRUNCATE in upgrades', () => {
    const sql = 'DROP TABLE t;\nALTER TABLE t DROP COLUMN x;\nDROP SCHEMA s CASCADE;\nTRUNCATE t;\nDROP INDEX ix;\nALTER TABLE t ADD COLUMN y int;';
    expect(at(run(destructive, sqlUnit(sql)))).toEqual(['1:1 destructive', '2:1 destructive', '3:1 destructive', '4:1 destructive']);
  });

  it('flags op.drop_table and op.drop_column in upgrade(), not in downgrade()', () => {
    const unit = revision(['op.drop_table("a")', 'op.drop_column("b", "x")', 'op.drop_index("ix")'], ['op.drop_table("c")']);
    expect(at(run(destructive, unit))).toEqual(['9:5 destructive', '10:5 destructive']);
  });
});

describe('concurrently-in-transaction', () => {
  it('flags CONCURRENTLY outside autocommit_block in a revision', () => {
    const unit = revision([
      'op.execute("CREATE INDEX CONCURRENTLY ix ON t (x)")',
      'op.create_index("ix2", "t", ["y"], postgresql_concurrently=True)',
      'with op.get_context().autocommit_block():',
      '    op.execute("REINDEX INDEX CONCURRENTLY ix")',
      '    op.drop_index("ix3", postgresql_concurrently=True)',
      'op.execute("DROP INDEX CONCURRENTLY ix4")',
      'op.execute("REINDEX INDEX CONCURRENTLY ix5")',
    ]);
    expect(at(run(concurrentlyInTransaction, unit))).toEqual([
      '9:17 concurrently-in-transaction',
      '10:5 concurrently-in-transaction',
      '14:17 concurrently-in-transaction',
      '15:17 concurrently-in-transaction',
    ]);
  });

  it('accepts statements after an explicit op.execute("COMMIT") in the same function', () => {
    const unit = revision(['op.execute("COMMIT")', 'op.execute("CREATE INDEX CONCURRENTLY ix ON t (x)")'], ['op.execute("DROP INDEX CONCURRENTLY ix")']);
    expect(at(run(concurrentlyInTransaction, unit))).toEqual(['14:17 concurrently-in-transaction']);
  });

  it('flags ALTER TYPE … ADD VALUE only before Postgres 12', () => {
    const unit = revision(['op.execute("ALTER TYPE mood ADD VALUE \'meh\'")']);
    expect(run(concurrentlyInTransaction, unit, { pgVersion: 11 })).toHaveLength(1);
    expect(run(concurrentlyInTransaction, unit, { pgVersion: 12 })).toEqual([]);
  });

  it('in .sql files: fine alone or with a no-transaction marker, flagged beside other statements', () => {
    const index = 'CREATE INDEX CONCURRENTLY ix ON t (x);';
    expect(run(concurrentlyInTransaction, sqlUnit(index))).toEqual([]);
    expect(at(run(concurrentlyInTransaction, sqlUnit(`ALTER TABLE t ADD x int;\n${index}`)))).toEqual(['2:1 concurrently-in-transaction']);
    expect(run(concurrentlyInTransaction, sqlUnit(`-- +goose NO TRANSACTION\n-- +goose Up\nALTER TABLE t ADD x int;\n${index}`))).toEqual([]);
    expect(run(concurrentlyInTransaction, sqlUnit(`-- migrate:up transaction:false\nALTER TABLE t ADD x int;\n${index}`))).toEqual([]);
    expect(run(concurrentlyInTransaction, sqlUnit(`-- migrate:up\n${index}\n-- migrate:down\nDROP INDEX ix;\nSELECT 1;`))).toEqual([]);
  });
});

describe('not-idempotent after a catalog check', () => {
  it('does not flag operations the file runs only when the inspector says their object is missing', () => {
    const unit = revision([
      'inspector = sa.inspect(op.get_bind())',
      'if not inspector.has_table("a"):',
      '    op.create_table("a", sa.Column("id", sa.Integer))',
      'if "x" not in [c["name"] for c in inspector.get_columns("a")]:',
      '    op.add_column("a", sa.Column("x", sa.Integer))',
      'elif column_exists("a", "y"):',
      '    op.execute("ALTER TABLE a ADD COLUMN z int")',
      'if context.is_offline_mode():',
      '    op.create_table("b", sa.Column("id", sa.Integer))',
      'columns = [c["name"] for c in inspector.get_columns("a")]',
      'if "w" not in columns:',
      '    op.add_column("a", sa.Column("w", sa.Integer))',
      'if not _has_index("ix"):',
      '    op.create_index("ix", "a", ["w"])',
    ]);
    // Flagged: the ADD COLUMN under a check that y is present (run again, y still is, and z is
    // added twice), and the call under an unrelated condition. A check held in a name counts.
    expect(at(run(notIdempotent, unit))).toEqual(['15:21 not-idempotent', '17:9 not-idempotent']);
  });

  it('a check lets a creation through only when its object is missing, a drop only when present (jupyterhub)', () => {
    const unit = revision([
      'insp = sa.inspect(op.get_bind())',
      'tables = insp.get_table_names()',
      'if "oauth_codes" in tables:',
      '    op.add_column("oauth_codes", sa.Column("scopes", sa.Text))',
      'if insp.has_table("legacy"):',
      '    op.drop_table("legacy")',
      '    op.create_index("ix", "a", ["id"])',
      'if not insp.has_table("users"):',
      '    op.create_table("users", sa.Column("id", sa.Integer))',
      '    op.drop_constraint("c", "users")',
      '    if "email" not in [c["name"] for c in insp.get_columns("users")]:',
      '        op.add_column("users", sa.Column("email", sa.String))',
    ]);
    expect(flagged(unit)).toEqual(['12 op.add_column', '15 op.create_index', '18 op.drop_constraint']);
  });

  it('an early return on a catalog check guards what follows; helpers named like table_has_column or running a check are checks (superset)', () => {
    const lint = (body: string[]) => {
      const py = `import sqlalchemy as sa\nfrom alembic import op\n\n\ndef column_in(table, column):\n    return column in [c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)]\n\n\ndef upgrade():\n${body.map((l) => `    ${l}`).join('\n')}\n`;
      return flagged(readAlembicUnit('r.py', py));
    };
    expect(lint(['if sa.inspect(op.get_bind()).has_table("t"):', '    return', 'op.create_table("t", sa.Column("id", sa.Integer))'])).toEqual([]);
    expect(lint(['if not table_has_index("t", "ix"):', '    op.create_index("ix", "t", ["id"])', 'if not column_in("t", "a"):', '    op.add_column("t", sa.Column("a", sa.Integer))'])).toEqual([]);
    // A return inside a loop guards nothing after the loop; a return on `not` lets only drops through.
    expect(lint(['for name in ("b", "c"):', '    if column_in("t", name):', '        return', 'op.add_column("t", sa.Column("d", sa.Integer))'])).toEqual(['13 op.add_column']);
    expect(lint(['if not column_in("t", "e"):', '    return', 'op.add_column("t", sa.Column("e", sa.Integer))'])).toEqual(['12 op.add_column']);
  });

  it('reads a check the way Python does: `is False`, `== False`, a negation held in a name, the else branch, a loop over what exists', () => {
    const unit = revision([
      'insp = sa.inspect(op.get_bind())',
      'missing = not insp.has_table("m")',
      'if insp.has_table("t") is False:',
      '    op.create_table("t", sa.Column("id", sa.Integer))',
      'if insp.has_table("w") == False:',
      '    op.drop_table("w")',
      'if missing:',
      '    op.create_table("m", sa.Column("id", sa.Integer))',
      'if not missing:',
      '    op.create_table("m2", sa.Column("id", sa.Integer))',
      'if insp.has_table("e"):',
      '    pass',
      'else:',
      '    op.create_table("e", sa.Column("id", sa.Integer))',
      'for fk in insp.get_foreign_keys("t"):',
      '    op.drop_constraint(fk["name"], "t", type_="foreignkey")',
    ]);
    expect(flagged(unit)).toEqual(['14 op.drop_table', '18 op.create_table']);
  });

  it('a helper runs under the checks, loops and dialect tests around every call of it (neutron)', () => {
    const py = [
      'from alembic import op',
      'import sqlalchemy as sa',
      'def _mk():',
      '    op.create_table("t", sa.Column("id", sa.Integer))',
      'def recreate_index(index, table):',
      '    op.drop_index(index["name"], table)',
      '    op.create_index(index["name"], table, index["column_names"])',
      'def _mysql_only():',
      '    op.execute("ALTER TABLE t MODIFY c int")',
      'def _unguarded():',
      '    op.create_table("u", sa.Column("id", sa.Integer))',
      'def upgrade():',
      '    insp = sa.inspect(op.get_bind())',
      '    if not insp.has_table("t"):',
      '        _mk()',
      '    for index in insp.get_indexes("t"):',
      '        if "tenant_id" in index["name"]:',
      '            recreate_index(index, "t")',
      '    if op.get_bind().dialect.name == "mysql":',
      '        _mysql_only()',
      '    if not insp.has_table("u"):',
      '        _unguarded()',
      '    _unguarded()',
    ].join('\n');
    const unit = readAlembicUnit('r.py', py);
    expect(flagged(unit)).toEqual(['11 op.create_table']); // recreate_index drops and creates in one block
    expect(unit.actions.find((a) => a.kind === 'sql')).toBeUndefined(); // MySQL-only: no rule sees it
    expect(unit.elsewhere?.find((a) => a.kind === 'sql')).toMatchObject({ dialectTested: true });
  });

  it('an early return counts after a message is logged; a drop under another condition lets nothing be created again', () => {
    const early = revision(['if sa.inspect(op.get_bind()).has_table("t"):', '    print("already there")', '    return', 'op.create_table("t", sa.Column("id", sa.Integer))']);
    expect(run(notIdempotent, early)).toEqual([]);
    const unit = revision([
      'if context.config.get_main_option("reset") == "yes":',
      '    op.drop_table("q")',
      'op.create_table("q", sa.Column("id", sa.Integer))',
      'op.drop_table("r")',
      'op.create_table("r", sa.Column("id", sa.Integer))',
      'op.create_index("ix_r", "r", ["id"])',
    ]);
    expect(flagged(unit)).toEqual(['10 op.drop_table', '11 op.create_table', '12 op.drop_table']);
  });

  it('an index listed by the catalog, dropped and created under a new name, is still flagged (neutron rename_tenant_to_project)', () => {
    // Run again, the loop lists the renamed index: it is skipped only if the filter rejects the
    // new name, which depends on what the run-time string functions make of it.
    const unit = revision([
      'for index in sa.inspect(op.get_bind()).get_indexes("ports"):',
      '    if "tenant_id" in index["name"]:',
      '        op.drop_index(op.f(index["name"]), "ports")',
      '        op.create_index(index["name"].replace("tenant", "project"), "ports", ["project_id"])',
    ]);
    expect(flagged(unit)).toEqual(['12 op.create_index']);
  });

  it('a table dropped earlier in the upgrade can be created again (mistral: drop if present, then create)', () => {
    const unit = revision([
      'inspector = sa.inspect(op.get_bind())',
      'if "jobs" in inspector.get_table_names():',
      '    op.drop_table("jobs")',
      'op.create_table("jobs", sa.Column("id", sa.Integer))',
      'op.create_table("other", sa.Column("id", sa.Integer))',
    ]);
    expect(flagged(unit)).toEqual(['13 op.create_table']);
  });

  it('a `*columns` argument hides no if_not_exists flag; `**kwargs` may hold it (rally)', () => {
    const unit = revision(['cols = [sa.Column("id", sa.Integer)]', 'op.create_table("deployments", *cols)', 'op.create_table("t", *cols, **options)']);
    expect(run(notIdempotent, unit).map((f) => f.line)).toEqual([10]);
  });

  it('an operation in a helper runs in the phase of the function that calls it (glance, nova)', () => {
    const py = [
      'from alembic import op',
      'import sqlalchemy as sa',
      'def _drop_old():',
      '    op.drop_column("images", "is_public")',
      '    _add_new()',
      'def _add_new():',
      '    op.add_column("images", sa.Column("visibility", sa.String()))',
      'def _restore():',
      '    op.drop_table("images_new")',
      'def upgrade():',
      '    _drop_old()',
      'def downgrade():',
      '    _restore()',
    ].join('\n');
    const unit = readAlembicUnit('r.py', py);
    expect(at([...run(notIdempotent, unit), ...run(destructive, unit)])).toEqual(['4:5 not-idempotent', '7:5 not-idempotent', '4:5 destructive']);
  });
});

describe('missing-downgrade', () => {
  const py = (down: string) => `from alembic import op\n\n\ndef upgrade():\n    op.drop_table("a")\n${down}`;

  it('flags an absent downgrade at upgrade(), an empty one at downgrade()', () => {
    expect(at(run(missingDowngrade, readAlembicUnit('r.py', py(''))))).toEqual(['4:1 missing-downgrade']);
    expect(at(run(missingDowngrade, readAlembicUnit('r.py', py('\n\ndef downgrade():\n    pass\n'))))).toEqual(['8:1 missing-downgrade']);
    expect(at(run(missingDowngrade, readAlembicUnit('r.py', py('\n\ndef downgrade() -> None:\n    """Irreversible."""\n    # sorry\n'))))).toEqual(['8:1 missing-downgrade']);
    expect(at(run(missingDowngrade, readAlembicUnit('r.py', py('\n\ndef downgrade(): ...\n'))))).toEqual(['8:1 missing-downgrade']);
    // Alembic needs the function even past an upgrade that does nothing (an initial marker).
    expect(at(run(missingDowngrade, readAlembicUnit('m.py', 'def upgrade():\n    pass\n')))).toEqual(['1:1 missing-downgrade']);
  });

  it('accepts real downgrades, deliberate raises, merge revisions and .sql files', () => {
    expect(run(missingDowngrade, readAlembicUnit('r.py', py('\n\ndef downgrade():\n    op.create_table("a")\n')))).toEqual([]);
    expect(run(missingDowngrade, readAlembicUnit('r.py', py('\n\ndef downgrade():\n    raise NotImplementedError("one-way")\n')))).toEqual([]);
    expect(run(missingDowngrade, readAlembicUnit('m.py', 'def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n'))).toEqual([]);
    expect(run(missingDowngrade, sqlUnit('DROP TABLE a'))).toEqual([]);
  });
});

describe('parse-error', () => {
  const parseErrors = async (body: string[]) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-lint-dialect-'));
    const py = `from alembic import op\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n${body.map((l) => `    ${l}`).join('\n')}\n\n\ndef downgrade():\n    pass\n`;
    writeFileSync(path.join(dir, 'a1_x.py'), py);
    const report = await lint({ paths: [dir], cwd: dir });
    return report.findings.filter((f) => f.code === 'parse-error').map((f) => `${f.line} ${f.severity}`);
  };

  it('is a warning for SQL Postgres cannot parse', async () => {
    expect(await parseErrors(["op.execute('ALTER TABLE t CONVERT TO CHARACTER SET utf8')"])).toEqual(['8 warning']);
  });

  it('is only a note after the function tests for another database (a guard block or an early return)', async () => {
    expect(await parseErrors(["if op.get_bind().dialect.name != 'mysql':", '    return', "op.execute('ALTER TABLE t CONVERT TO CHARACTER SET utf8')"])).toEqual(['10 info']);
    expect(await parseErrors(['if engine.name == MYSQL_ENGINE:', "    op.execute('ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (a)')"])).toEqual(['9 info']);
  });

  it('stays a warning in the branch that runs on Postgres (airflow, neutron: if mysql … elif postgresql / else)', async () => {
    const bad = "    op.execute('ALTER TABLE t MODIFY c varchar(36) NOT NULL')";
    expect(await parseErrors(['dialect = op.get_bind().dialect.name', "if dialect == 'mysql':", "    op.execute('SELECT 1')", "elif dialect == 'postgresql':", bad])).toEqual(['12 warning']);
    expect(await parseErrors(['dialect = op.get_bind().dialect.name', "if dialect == 'mysql':", "    op.execute('SELECT 1')", 'else:', bad])).toEqual(['12 warning']);
    expect(await parseErrors(['dialect = op.get_bind().dialect.name', "if dialect == 'postgresql':", "    op.execute('SELECT 1')", 'else:', bad])).toEqual(['12 info']);
    expect(await parseErrors(["if op.get_bind().dialect.name == 'postgresql':", '    return', bad.trim()])).toEqual(['10 info']);
    expect(await parseErrors(["if op.get_bind().dialect.name == 'sqlite':", '    return', bad.trim()])).toEqual(['10 warning']);
  });
});

describe('lint findings', () => {
  it("see SQL built with % from literals and module constants (manila); a run-time operand is dynamic-sql", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-lint-percent-'));
    const py = `from alembic import op\n\nrevision = "a1"\ndown_revision = None\nATTR_NAME = "snapshot_support"\n\n\ndef upgrade():\n    op.execute("CREATE TYPE %s AS ENUM ('pool', 'host')" % ATTR_NAME)\n    op.execute("DROP TABLE %s_%d" % ("old", 2))\n    op.execute("DROP TABLE %s" % name)\n\n\ndef downgrade():\n    op.execute("DROP TYPE %s" % ATTR_NAME)\n`;
    writeFileSync(path.join(dir, 'a1_x.py'), py);
    const report = await lint({ paths: [dir], cwd: dir, protectTables: ['old_2'] });
    expect(report.findings.map((f) => `${f.line}:${f.column} ${f.code}`)).toEqual([
      '9:17 not-idempotent',
      '10:17 destructive',
      '10:17 not-idempotent',
      '10:17 protected-schema-write',
      '11:16 dynamic-sql',
    ]);
  });

  it('are given once: one SQL string executed per row is one statement to fix (gertty)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-lint-once-'));
    const py = `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    conn = op.get_bind()\n    ins = sa.text("insert into file (path) values (:path)")\n    conn.execute(ins, path="a")\n    conn.execute(ins, path="b")\n\n\ndef downgrade():\n    op.execute("DELETE FROM file")\n`;
    writeFileSync(path.join(dir, 'a1_x.py'), py);
    const report = await lint({ paths: [dir], cwd: dir, protectTables: ['file'] });
    expect(report.findings.map((f) => `${f.line}:${f.column} ${f.code}`)).toEqual(['10:20 protected-schema-write', '16:17 protected-schema-write']);
  });
});
