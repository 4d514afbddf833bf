/**
 * `if <catalog check>: return` guards what follows in its function, but only the operations on
 * an object its test names: run again, it returns because of that object, and says nothing of
 * the others.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../src/sql/parser.js';
import { readAlembicUnit } from '../../src/lint/read-alembic.js';
import { notIdempotentAt, revision } from './helpers.js';

beforeAll(ensureParser);

const flagged = notIdempotentAt;

describe('an early return on a catalog check', () => {
  it('guards the operations on the object it tests, its columns and indexes; not those on other objects', () => {
    const unit = revision([
      'insp = sa.inspect(op.get_bind())',
      'if "users" in insp.get_table_names():',
      '    return',
      'op.create_table("users", sa.Column("id", sa.Integer))',
      'op.create_index(op.f("ix_users_id"), "users", ["id"])',
      'op.add_column("users", sa.Column("email", sa.String))',
      'op.execute("ALTER TABLE Users ADD COLUMN y int")',
      'op.add_column("orders", sa.Column("x", sa.Integer))',
      'op.execute("CREATE TABLE users_audit (id int)")',
    ]);
    expect(flagged(unit)).toEqual(['16 op.add_column', '17 CREATE']);
  });

  it('with the test negated, guards only the drops of what it tests', () => {
    const unit = revision([
      'insp = sa.inspect(op.get_bind())',
      'if not insp.has_table("legacy", schema="public"):',
      '    return',
      'op.drop_index("ix_legacy_id", table_name="legacy")',
      'op.drop_table("legacy")',
      'op.drop_table("other", schema="public")',
    ]);
    // A schema names no object: the drop of public.other is not guarded by testing public.legacy.
    expect(flagged(unit)).toEqual(['14 op.drop_table']);
  });

  it('of a column: guards that column, not the other columns of its table', () => {
    const held = revision([
      'columns = [c["name"] for c in sa.inspect(op.get_bind()).get_columns("orders")]',
      'if "x" in columns:',
      '    return',
      'op.add_column("orders", sa.Column("x", sa.Integer))',
      'op.add_column("orders", sa.Column("name", sa.Text))',
    ]);
    expect(flagged(held)).toEqual(['13 op.add_column']);
    const inline = revision([
      'if "x" in [c["name"] for c in sa.inspect(op.get_bind()).get_columns("orders")]:',
      '    return',
      'op.add_column("orders", sa.Column("x", sa.Integer))',
      'op.add_column("orders", sa.Column("name", sa.Text))',
    ]);
    expect(flagged(inline)).toEqual(['12 op.add_column']);
    const compared = revision([
      'if any(c["name"] == "x" for c in sa.inspect(op.get_bind()).get_columns("orders")):',
      '    return',
      'op.add_column("orders", sa.Column("x", sa.Integer))',
      'op.add_column("items", sa.Column("y", sa.Integer))',
    ]);
    expect(flagged(compared)).toEqual(['12 op.add_column']);
  });

  it('reads the object from a name holding the check or the table name', () => {
    const unit = revision([
      'insp = sa.inspect(op.get_bind())',
      'table = "users"',
      'if insp.has_table(table):',
      '    return',
      'exists = insp.has_table("orders")',
      'if exists:',
      '    return',
      'op.create_table(table, sa.Column("id", sa.Integer))',
      'op.create_table("orders", sa.Column("id", sa.Integer))',
      'op.create_table("items", sa.Column("id", sa.Integer))',
    ]);
    expect(flagged(unit)).toEqual(['18 op.create_table']);
  });

  it('in a helper guards what follows in the helper only; in upgrade() it guards the helper calls after it (neutron, nova)', () => {
    const py = [
      'from alembic import op',
      'import sqlalchemy as sa',
      'def _create_users():',
      '    if "users" in sa.inspect(op.get_bind()).get_table_names():',
      '        return',
      '    op.create_table("users", sa.Column("id", sa.Integer))',
      '    op.add_column("orders", sa.Column("x", sa.Integer))',
      'def _make(name):',
      '    op.create_table(name, sa.Column("id", sa.Integer))',
      '    op.create_table("jobs", sa.Column("id", sa.Integer))',
      'def upgrade():',
      '    _create_users()',
      '    op.create_table("users_log", sa.Column("id", sa.Integer))',
      '    if sa.inspect(op.get_bind()).has_table("queues"):',
      '        return',
      '    _make("queues")',
    ].join('\n');
    // `name` could be queues: a computed name stays guarded, as any name did before.
    // In run order: _make()'s "jobs" (line 10) runs at its call, after users_log (line 13).
    expect(flagged(readAlembicUnit('r.py', py))).toEqual(['7 op.add_column', '13 op.create_table', '10 op.create_table']);
  });

  it('without a catalog check keeps its meaning: offline mode guards nothing, a dialect test only marks the other database', () => {
    const unit = revision([
      'if context.is_offline_mode():',
      '    return',
      'if op.get_bind().dialect.name != "postgresql":',
      '    return',
      'if sa.inspect(op.get_bind()).has_table("a"):',
      '    return',
      'op.create_table("a", sa.Column("id", sa.Integer))',
      'op.create_table("b", sa.Column("id", sa.Integer))',
    ]);
    expect(flagged(unit)).toEqual(['16 op.create_table']);
    expect(unit.actions.filter((a) => a.phase === 'upgrade').map((a) => a.kind === 'op' && a.call.dialectTested === true)).toEqual([false, false]);
    // A database named beside the check is not the object it tests.
    const beside = revision(['if sa.inspect(op.get_bind()).has_table("a") and op.get_bind().dialect.name == "postgresql":', '    return', 'op.create_table("a", sa.Column("id", sa.Integer))']);
    expect(flagged(beside)).toEqual([]);
  });
});
