import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../src/sql/parser.js';
import { destructive } from '../../src/lint/rules/destructive.js';
import { at, revision, run } from './helpers.js';

beforeAll(ensureParser);

// revision(): the upgrade body starts at line 9.
describe('destructive on what the same upgrade created', () => {
  it('lets a temporary column or scratch table the upgrade made go (superset: a temp column for a type change)', () => {
    const unit = revision([
      'op.add_column("query", sa.Column("tmp_id", sa.Integer(), nullable=True))',
      'op.execute("UPDATE query SET tmp_id = CAST(client_id AS integer)")',
      'op.drop_column("query", "tmp_id")',
      'op.execute("CREATE TABLE scratch AS SELECT * FROM query")',
      'op.execute("DROP TABLE scratch")',
      'op.create_table("tmp_t", sa.Column("id", sa.Integer))',
      'op.drop_table("tmp_t")',
      'op.execute("ALTER TABLE query ADD COLUMN tmp2 int")',
      'with op.batch_alter_table("query") as batch_op:',
      '    batch_op.drop_column("tmp2")',
      'op.execute("DROP TABLE IF EXISTS _alembic_tmp_query")',
    ]);
    expect(at(run(destructive, unit))).toEqual([]);
  });

  it('still flags what may have been there before: another object, a conditional or IF NOT EXISTS creation, a drop before the creation', () => {
    const unit = revision([
      'op.drop_table("t")', // 9: before its creation
      'op.create_table("t", sa.Column("id", sa.Integer))',
      'op.add_column("query", sa.Column("a", sa.Integer()))',
      'op.drop_column("query", "b")', // 12: another column
      'op.drop_column("other", "a")', // 13: another table
      'if op.get_context().config.get_main_option("x"):',
      '    op.create_table("u", sa.Column("id", sa.Integer))',
      'op.drop_table("u")', // 16: created only under a condition
      'op.execute("CREATE TABLE IF NOT EXISTS v (id int)")',
      'op.execute("DROP TABLE v, t")', // 18: v may have been there
      'op.add_column("w", sa.Column("c", sa.Integer()), if_not_exists=True)',
      'op.drop_column("w", "c")', // 20
    ]);
    expect(at(run(destructive, unit))).toEqual(['9:5 destructive', '12:5 destructive', '13:5 destructive', '16:5 destructive', '18:17 destructive', '20:5 destructive']);
  });
});
