/**
 * Names a migration frees before creating them again (sweep of indico, lemur): a table renamed
 * away (`op.rename_table("t", "t_old")`, then `op.create_table("t")`), a type, function or
 * trigger dropped in SQL, and an index named with op.f().
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../src/sql/parser.js';
import { notIdempotent } from '../../src/lint/rules/not-idempotent.js';
import { notIdempotentAt, revision, run, sqlUnit } from './helpers.js';

beforeAll(ensureParser);

/** `line first-word` of each not-idempotent finding (upgrade() lines start at 9). */
const flagged = notIdempotentAt;

describe('a table renamed away', () => {
  it('may be created again under its old name, as after a drop (indico 1d741fc6586c)', () => {
    const unit = revision([
      'op.rename_table("payment_transactions", "payment_transactions_old", schema="events")',
      'op.create_table("payment_transactions", sa.Column("id", sa.Integer), schema="events")',
      'op.create_table("payment_transactions", sa.Column("id", sa.Integer))', // another schema: not freed
      'op.create_table("payment_transactions_old", sa.Column("id", sa.Integer), schema="events")', // the new name is taken
    ]);
    expect(flagged(unit)).toEqual(['11 op.create_table', '12 op.create_table']);
  });

  it('keeps its indexes: an index of the old name is still flagged', () => {
    const unit = revision(['op.rename_table("jobs", "jobs_old")', 'op.create_table("jobs", sa.Column("id", sa.Integer))', 'op.create_index("ix_jobs_id", "jobs", ["id"])']);
    expect(flagged(unit)).toEqual(['11 op.create_index']);
  });

  it('renamed under another condition frees nothing', () => {
    const unit = revision(['if context.config.get_main_option("backup") == "yes":', '    op.rename_table("jobs", "jobs_old")', 'op.create_table("jobs", sa.Column("id", sa.Integer))']);
    expect(flagged(unit)).toEqual(['11 op.create_table']);
  });

  it('counts in executed SQL and .sql migrations: ALTER TABLE / INDEX / SEQUENCE … RENAME TO', () => {
    const unit = revision([
      'op.execute("ALTER TABLE IF EXISTS events.payments RENAME TO payments_old")',
      'op.execute("CREATE TABLE events.payments (id int)")',
      'op.execute("ALTER INDEX IF EXISTS ix_a RENAME TO ix_a_old")',
      'op.execute("CREATE INDEX ix_a ON events.payments (id)")',
      'op.execute("ALTER TABLE IF EXISTS t RENAME COLUMN a TO b")',
      'op.execute("CREATE TABLE t (id int)")',
    ]);
    // The renames themselves are flagged as pgmend convert would guard them; the creations after them are not.
    expect(flagged(unit).filter((f) => f.endsWith('CREATE'))).toEqual(['14 CREATE']);
    const sql = run(notIdempotent, sqlUnit('ALTER TABLE t RENAME TO t_old;\nCREATE TABLE t (id int);\nCREATE TABLE u (id int);'));
    expect(sql.filter((f) => f.message.startsWith('CREATE')).map((f) => f.line)).toEqual([3]);
  });
});

describe('a type, domain, function, schema, extension or trigger dropped in SQL', () => {
  it('may be created again after it (lemur 9681f4ca5547: DROP TYPE IF EXISTS tsq_state CASCADE; CREATE TYPE tsq_state AS (…))', () => {
    const sql = [
      'DROP TYPE IF EXISTS tsq_state CASCADE;',
      'CREATE TYPE tsq_state AS (search_query text, tokens text[]);',
      'DROP TYPE IF EXISTS s.mood;',
      'CREATE TYPE s.mood AS ENUM ($$a$$);',
      'DROP DOMAIN IF EXISTS email;',
      'CREATE DOMAIN email AS text;',
      'DROP FUNCTION IF EXISTS touch();',
      'CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;',
      'DROP TRIGGER IF EXISTS t_touch ON t;',
      'CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();',
      'DROP EXTENSION IF EXISTS pg_trgm;',
      'CREATE EXTENSION pg_trgm;',
      'DROP SCHEMA IF EXISTS staging CASCADE;',
      'CREATE SCHEMA staging;',
    ].join('\n');
    expect(run(notIdempotent, sqlUnit(sql))).toEqual([]);
  });

  it('frees only that object: another name, another schema or another table is still flagged', () => {
    const sql = [
      'DROP TYPE IF EXISTS mood;',
      'CREATE TYPE s.mood AS ENUM ($$a$$);', // 2: another schema
      'CREATE TYPE other AS (a int);', // 3
      'DROP TRIGGER IF EXISTS tr ON t;',
      'CREATE TRIGGER tr BEFORE UPDATE ON u FOR EACH ROW EXECUTE FUNCTION f();', // 5: another table
      'DROP FUNCTION IF EXISTS f();',
      'CREATE DOMAIN f AS int;', // 7: a domain is not the function
    ].join('\n');
    expect(run(notIdempotent, sqlUnit(sql)).map((f) => f.line)).toEqual([2, 3, 5, 7]);
  });
});

describe('an index named with op.f()', () => {
  it('is the index its name says: dropped, it may be created again (lemur a9987414cf36)', () => {
    const unit = revision([
      'op.drop_index("ix_certificates_name", table_name="certificates")',
      'op.create_index(op.f("ix_certificates_name"), "certificates", ["name"], unique=True)',
      'op.drop_index(op.f("ix_roles_name"), table_name="roles")',
      'op.create_index("ix_roles_name", "roles", ["name"])',
      'op.create_index(op.f("ix_other"), "roles", ["name"])',
    ]);
    expect(flagged(unit)).toEqual(['9 op.drop_index', '11 op.drop_index', '13 op.create_index']);
  });
});
