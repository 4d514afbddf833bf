/**
 * Shapes from pgadmin4's Alembic revisions: a table dropped in executed SQL and created again,
 * `continue` in a loop as an early exit, a list filtered by a catalog check, and SQL run through
 * Flask-SQLAlchemy's `db.engine.execute(...)`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../src/sql/parser.js';
import { destructive } from '../../src/lint/rules/destructive.js';
import { notIdempotent } from '../../src/lint/rules/not-idempotent.js';
import { notIdempotentAt, revision, run, sqlUnit } from './helpers.js';

beforeAll(ensureParser);

/** `line first-word` of each not-idempotent finding (upgrade() lines start at 9). */
const flagged = notIdempotentAt;

describe('a drop in executed SQL', () => {
  it('lets the upgrade create the table or index again, as op.drop_table does', () => {
    const unit = revision([
      'op.execute("DROP TABLE IF EXISTS debugger_function_arguments")',
      'op.create_table("debugger_function_arguments", sa.Column("id", sa.Integer))',
      'op.create_index("ix_dfa_id", "debugger_function_arguments", ["id"])',
      'op.execute("DROP INDEX ix_a")',
      'op.create_index("ix_a", "other", ["id"])',
      'op.execute("DROP TABLE IF EXISTS s.t1, t2")',
      'op.create_table("t1", sa.Column("id", sa.Integer), schema="s")',
      'op.execute("CREATE TABLE t2 (id int)")',
      'op.execute("CREATE INDEX ix_t2 ON t2 (id)")',
      'op.execute("DROP VIEW IF EXISTS v")',
      'op.execute("CREATE VIEW v AS SELECT 1")',
      'op.create_table("t1", sa.Column("id", sa.Integer))',
    ]);
    // The DROP INDEX without IF EXISTS fails itself; t1 without its schema is another table.
    expect(flagged(unit)).toEqual(['12 DROP', '20 op.create_table']);
  });

  it('counts in a .sql migration too', () => {
    expect(run(notIdempotent, sqlUnit('DROP TABLE IF EXISTS t;\nCREATE TABLE t (id int);\nCREATE TABLE u (id int);')).map((f) => f.line)).toEqual([3]);
  });

  it('that runs only under a condition lets only its own block create again', () => {
    const unit = revision([
      'if op.get_bind().dialect.name == "sqlite":',
      '    op.execute("DROP TABLE IF EXISTS t")',
      '    op.create_table("t", sa.Column("id", sa.Integer))',
      'op.create_table("t", sa.Column("id", sa.Integer))',
      'if "u" in sa.inspect(op.get_bind()).get_table_names():',
      '    op.execute("DROP TABLE u")',
      'op.create_table("u", sa.Column("id", sa.Integer))',
    ]);
    // The drop of u under a check of u runs whenever u is there: u is gone afterwards.
    expect(flagged(unit)).toEqual(['12 op.create_table']);
  });
});

describe('continue or break on a catalog check in a loop', () => {
  it('guards what follows in the loop body, on the object it tests (pgadmin4 server_passexec_name)', () => {
    const unit = revision([
      'inspector = sa.inspect(op.get_bind())',
      'for table in ("server", "sharedserver"):',
      '    if "passexec_name" in {c["name"] for c in inspector.get_columns("server")}:',
      '        continue',
      '    op.add_column("server", sa.Column("passexec_name", sa.Text()))',
      '    op.add_column("server", sa.Column("other", sa.Text()))',
      'for table in ("server", "sharedserver"):',
      '    if "x" in {c["name"] for c in inspector.get_columns("server")}:',
      '        print("has x")',
      '        break',
      '    op.add_column("server", sa.Column("x", sa.Text()))',
    ]);
    expect(flagged(unit)).toEqual(['14 op.add_column']);
  });

  it('guards nothing after the loop, nor what follows an enclosing if that may not run it', () => {
    const unit = revision([
      'inspector = sa.inspect(op.get_bind())',
      'for table in ("a", "b"):',
      '    if inspector.has_table("t"):',
      '        continue',
      'op.create_table("t", sa.Column("id", sa.Integer))',
      'for table in ("a", "b"):',
      '    if table == "a":',
      '        if inspector.has_table("u"):',
      '            continue',
      '    op.create_table("u", sa.Column("id", sa.Integer))',
    ]);
    expect(flagged(unit)).toEqual(['13 op.create_table', '18 op.create_table']);
  });
});

describe('an early exit', () => {
  it('guards what follows its if, not what runs inside it before it leaves', () => {
    const unit = revision([
      'insp = sa.inspect(op.get_bind())',
      'if not insp.has_table("t"):',
      '    op.drop_table("t")',
      '    return',
      'for name in ("a", "b"):',
      '    if not insp.has_table("u"):',
      '        op.drop_table("u")',
      '        continue',
      '    op.drop_table("u")',
    ]);
    expect(flagged(unit)).toEqual(['11 op.drop_table', '15 op.drop_table']);
  });
});

describe('a list filtered by a catalog check', () => {
  it('carries the check to a loop over it and to an `if` on it (pgadmin4 sharedserver_feature_parity)', () => {
    const under = revision([
      'insp = sa.inspect(op.get_bind())',
      'existing = {c["name"] for c in insp.get_columns("t")}',
      'new_columns = [("x", sa.Column("x", sa.Text())), ("y", sa.Column("y", sa.Text()))]',
      'cols_to_add = [col for name, col in new_columns if name not in existing]',
      'if cols_to_add:',
      '    with op.batch_alter_table("t") as batch_op:',
      '        for col in cols_to_add:',
      '            batch_op.add_column(col)',
    ]);
    expect(flagged(under)).toEqual([]);
    const loop = revision([
      'insp = sa.inspect(op.get_bind())',
      'existing = {c["name"] for c in insp.get_columns("t")}',
      'cols_to_add = [col for name, col in NEW if name not in existing]',
      'for col in cols_to_add:',
      '    op.add_column("t", col)',
      'inline = [c for c in ("a", "b") if c not in [x["name"] for x in insp.get_columns("t")]]',
      'for c in inline:',
      '    op.add_column("t", sa.Column(c, sa.Text()))',
    ]);
    expect(flagged(loop)).toEqual([]);
  });

  it('a list of what is there guards drops over it, not creations', () => {
    const unit = revision([
      'existing = [c["name"] for c in sa.inspect(op.get_bind()).get_columns("t")]',
      'present = [name for name in ("a", "b") if name in existing]',
      'for name in present:',
      '    op.add_column("t", sa.Column(name, sa.Text()))',
      '    op.drop_column("t", name)',
      'missing = [name for name in ("a", "b") if name not in existing]',
      'for name in missing:',
      '    op.drop_column("t", name)',
      'indexed = [i["column_names"][0] for i in sa.inspect(op.get_bind()).get_indexes("t")]',
      'unindexed = [c["name"] for c in sa.inspect(op.get_bind()).get_columns("t") if c["name"] not in indexed]',
      'for name in unindexed:',
      '    op.drop_column("t", name)',
    ]);
    // A list of the catalog's own entries holds what is there, whatever its filter says.
    expect(flagged(unit)).toEqual(['12 op.add_column', '16 op.drop_column']);
  });
});

describe('SQL run through an attribute chain (Flask-SQLAlchemy db.engine.execute)', () => {
  it('is read as executed SQL; what is not SQL is left alone', () => {
    const unit = revision([
      'db.engine.execute("ALTER TABLE server RENAME TO server_old")',
      'db.engine.execute("DROP TABLE server_old")',
      'db.session.execute(sa.select(t))',
    ]);
    expect(unit.findings).toEqual([]);
    expect(unit.actions.map((a) => (a.kind === 'sql' ? a.stmt.text : a.call.method))).toEqual(['ALTER TABLE server RENAME TO server_old', 'DROP TABLE server_old', 'drop_table']);
    expect(flagged(unit)).toEqual(['9 ALTER', '10 DROP']);
    expect(run(destructive, unit).map((f) => f.line)).toEqual([10]);
  });
});
