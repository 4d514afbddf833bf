import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../src/sql/parser.js';
import { protectedSchemaWrite } from '../../src/lint/rules/protected-schema-write.js';
import type { Catalog } from '../../src/lint/resolve.js';
import { readAlembicUnit } from '../../src/lint/read-alembic.js';
import { revision, run, sqlUnit, type Setup } from './helpers.js';

beforeAll(ensureParser);

const flagged = (sql: string, setup: Setup = { schemas: ['crm'] }) => run(protectedSchemaWrite, sqlUnit(sql), setup).filter((f) => f.code === 'protected-schema-write');

describe('protected-schema-write in SQL', () => {
  it.each([
    'CREATE TABLE crm.t (id int)',
    'ALTER TABLE crm.t ADD COLUMN x int',
    'DROP TABLE app.a, crm.t',
    'ALTER TABLE crm.t RENAME TO u',
    'ALTER TABLE crm.t RENAME COLUMN a TO b',
    'COMMENT ON TABLE crm.t IS $$x$$',
    'COMMENT ON COLUMN crm.t.c IS NULL',
    'GRANT SELECT ON crm.t TO reporting',
    'GRANT SELECT ON ALL TABLES IN SCHEMA crm TO reporting',
    'REVOKE ALL ON SCHEMA crm FROM public',
    'ALTER DEFAULT PRIVILEGES IN SCHEMA crm GRANT SELECT ON TABLES TO reporting',
    'INSERT INTO crm.t VALUES (1)',
    'UPDATE crm.t SET x = 1',
    'DELETE FROM crm.t',
    'MERGE INTO crm.t USING app.s ON true WHEN MATCHED THEN DELETE',
    'COPY crm.t FROM STDIN',
    'TRUNCATE crm.t',
    'CREATE INDEX ix ON crm.t (x)',
    'CREATE TRIGGER tr AFTER INSERT ON crm.t FOR EACH ROW EXECUTE FUNCTION app.f()',
    'DROP TRIGGER tr ON crm.t',
    'CREATE POLICY p ON crm.t USING (true)',
    'DROP SCHEMA crm CASCADE',
    'ALTER TABLE app.t SET SCHEMA crm',
    'CREATE FUNCTION crm.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
    'CREATE TYPE crm.mood AS ENUM ($$a$$)',
    'ALTER TYPE crm.mood ADD VALUE $$b$$',
    'WITH moved AS (DELETE FROM crm.t RETURNING *) INSERT INTO app.t SELECT * FROM moved',
    'CREATE TABLE app.t_1 PARTITION OF crm.t FOR VALUES IN (1)',
    'ALTER DOMAIN crm.d ADD CONSTRAINT c CHECK (VALUE > 0)',
    'ALTER FUNCTION crm.f() SECURITY DEFINER',
    'CREATE FOREIGN TABLE crm.ft (a int) SERVER s',
    'CREATE STATISTICS app.st ON a, b FROM crm.t',
    'SECURITY LABEL ON TABLE crm.t IS $$secret$$',
    'REFRESH MATERIALIZED VIEW crm.mv',
  ])('flags %s', (sql) => {
    const findings = flagged(sql);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toContain('crm');
  });

  it.each([
    'SELECT * FROM crm.t',
    'CREATE TABLE app.orders (contact_id bigint REFERENCES crm.contacts (id))',
    'INSERT INTO app.t SELECT * FROM crm.t',
    'COPY crm.t TO STDOUT',
    'CREATE VIEW app.v AS SELECT * FROM crm.t',
    'UPDATE app.t SET x = c.x FROM crm.t c WHERE c.id = app.t.id',
    'ALTER TABLE app.t ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES crm.t (id)',
  ])('does not flag reading: %s', (sql) => {
    expect(flagged(sql)).toEqual([]);
  });

  it('knows temporary tables live in pg_temp, whatever the search_path', () => {
    const sql = 'SET search_path TO crm;\nCREATE TEMP TABLE scratch (id int);\nINSERT INTO scratch VALUES (1);\nDROP TABLE scratch;\nINSERT INTO other VALUES (1);';
    expect(flagged(sql).map((f) => f.line)).toEqual([5]);
  });

  it('checks nothing without protected schemas or tables', () => {
    expect(run(protectedSchemaWrite, sqlUnit('DROP SCHEMA crm CASCADE'))).toEqual([]);
  });

  it('follows SET search_path for the statements after it, and RESET', () => {
    const sql = 'ALTER TABLE contacts ADD x int;\nSET search_path TO crm, app;\nALTER TABLE contacts ADD y int;\nRESET search_path;\nALTER TABLE contacts ADD z int;';
    const findings = flagged(sql);
    expect(findings.map((f) => f.line)).toEqual([3]);
    expect(findings[0]!.message).toContain('set earlier in this file');
  });

  it('resolves unqualified names with the database catalog: first search_path schema that has the table', () => {
    const catalog: Catalog = { searchPath: ['app', 'crm'], relations: new Map([['contacts', new Set(['crm'])], ['orders', new Set(['app', 'crm'])]]), from: 'db' };
    const setup = { schemas: ['crm'], catalog };
    expect(flagged('ALTER TABLE contacts ADD x int', setup)[0]!.message).toContain('found in crm through search_path app, crm');
    expect(flagged('ALTER TABLE orders ADD x int', setup)).toEqual([]); // app comes first
    expect(flagged('CREATE TABLE contacts_extra (id int)', setup)).toEqual([]); // created in app
    expect(flagged('ALTER TABLE unknown_table ADD x int', setup)).toEqual([]);
  });

  it('without --db, assumes public and says so once per file', () => {
    const findings = run(protectedSchemaWrite, sqlUnit('ALTER TABLE contacts ADD x int;\nUPDATE contacts SET x = 1;'), { schemas: ['crm'] });
    expect(findings.map((f) => `${f.line} ${f.code} ${f.severity}`)).toEqual(['1 unqualified-name info']);
    expect(flagged('ALTER TABLE contacts ADD x int', { schemas: ['public'] })[0]!.message).toContain('the default, without --db');
  });

  it('with only protected tables, notes an unqualified name only when it could be one of them', () => {
    const notes = (sql: string) => run(protectedSchemaWrite, sqlUnit(sql), { tables: ['crm.amphora'] }).map((f) => f.code);
    expect(notes('ALTER TABLE l7policy ADD x int')).toEqual([]);
    expect(notes('ALTER TABLE amphora ADD x int')).toEqual(['unqualified-name']);
  });

  it('protects single tables, qualified or in any schema', () => {
    expect(flagged('ALTER TABLE crm.contacts ADD x int; ALTER TABLE crm.accounts ADD x int', { tables: ['crm.contacts'] })).toHaveLength(1);
    expect(flagged('UPDATE contacts SET x = 1; UPDATE app.contacts SET x = 1; UPDATE app.orders SET x = 1', { tables: ['contacts'] })).toHaveLength(2);
    expect(flagged('DROP SCHEMA crm CASCADE', { tables: ['crm.contacts'] })[0]!.message).toContain('holds protected table');
  });
});

describe('protected-schema-write in Alembic operations', () => {
  const flaggedOps = (lines: string[]) => run(protectedSchemaWrite, revision(lines, ['pass']), { schemas: ['crm'] });

  it.each([
    'op.create_table("x", sa.Column("id", sa.Integer), schema="crm")',
    'op.drop_table("x", schema="crm")',
    'op.rename_table("a", "b", schema="crm")',
    'op.add_column("accounts", sa.Column("tier", sa.Text()), schema="crm")',
    'op.alter_column("accounts", "tier", nullable=False, schema="crm")',
    'op.drop_column("accounts", "tier", schema="crm")',
    'op.create_index("ix", "accounts", ["tier"], schema="crm")',
    'op.drop_index("ix", table_name="accounts", schema="crm")',
    'op.drop_index("ix", schema="crm")',
    'op.create_foreign_key("fk", "accounts", "orders", ["order_id"], ["id"], source_schema="crm", referent_schema="app")',
    'op.drop_constraint("uq", "accounts", type_="unique", schema="crm")',
    'op.create_unique_constraint("uq", "accounts", ["name"], schema="crm")',
    'op.create_check_constraint("ck", "accounts", "tier <> \'\'", schema="crm")',
    'op.create_primary_key("pk", "accounts", ["id"], schema="crm")',
    'op.create_table_comment("accounts", "synced", schema="crm")',
    'op.bulk_insert(sa.table("accounts", sa.column("id"), schema="crm"), [{"id": 1}])',
    'op.execute(sa.table("accounts", sa.column("id"), schema="crm").update().values(id=2))',
    'op.execute(sa.delete(sa.table("accounts", schema="crm")))',
    'op.some_future_operation("thing", schema="crm")',
  ])('flags %s', (line) => {
    expect(flaggedOps([line]).map((f) => f.code)).toEqual(['protected-schema-write']);
  });

  it('sees writes through the table op.create_table returns; says so when a table object cannot be traced', () => {
    const unit = revision(
      [
        'users = op.create_table("users", sa.Column("id", sa.Integer), schema="crm")',
        'op.execute(users.insert().values(id=1))',
        'op.bulk_insert(users, [{"id": 2}])',
        'op.execute(tables.logentrykind.delete())',
      ],
      ['pass'],
    );
    const findings = run(protectedSchemaWrite, unit, { schemas: ['crm'] });
    expect(findings.map((f) => `${f.line} ${f.message.split(',')[0]}`)).toEqual([
      '9 op.create_table creates crm.users',
      '10 op.execute inserts rows into crm.users',
      '11 op.bulk_insert inserts rows into crm.users',
    ]);
    expect(unit.findings.map((f) => `${f.line} ${f.code}: ${f.message.split(':')[0]}`)).toEqual(['12 dynamic-sql: cannot tell statically which table this deletes from']);
  });

  it("a SET search_path in upgrade() does not reach downgrade(), which runs in its own session", () => {
    const unit = revision(['op.execute("SET search_path = crm")', 'op.add_column("orders", sa.Column("x", sa.Integer))'], ['op.drop_column("orders", "x")']);
    const findings = run(protectedSchemaWrite, unit, { schemas: ['crm'] });
    expect(findings.map((f) => `${f.line} ${f.code}`)).toEqual(['10 protected-schema-write', '14 unqualified-name']);
  });

  it('an operation whose table name is computed at run time is said, not passed over', () => {
    const unit = revision(['for name in sa.inspect(op.get_bind()).get_table_names():', '    op.drop_column(name, "x")', 'op.add_column(TABLE, sa.Column("y", sa.Integer))'], ['pass']);
    expect(unit.findings.map((f) => `${f.line} ${f.code}: ${f.message}`)).toEqual([
      '10 dynamic-sql: cannot tell statically which table op.drop_column changes: its name or schema is computed at run time',
      '11 dynamic-sql: cannot tell statically which table op.add_column changes: its name or schema is computed at run time',
    ]);
  });

  it('traces table() and text() imported under another name (murano)', () => {
    const unit = readAlembicUnit(
      'r.py',
      'from alembic import op\nimport sqlalchemy as sqla\nfrom sqlalchemy.sql.expression import table as sa_table\n\ndef upgrade():\n    t = sa_table("category", sqla.Column("name", sqla.String()))\n    op.get_bind().execute(t.insert().values(name="x"))\n    op.execute(sqla.text("DELETE FROM category"))\n',
    );
    expect(run(protectedSchemaWrite, unit, { tables: ['category'] }).map((f) => `${f.line} ${f.code}`)).toEqual(['7 protected-schema-write', '8 protected-schema-write']);
    expect(unit.findings).toEqual([]);
  });

  it("sees SQLAlchemy's implicit execution: t.update().where(…).execute() (glance)", () => {
    const unit = revision([
      'meta = sa.MetaData(bind=op.get_bind())',
      't = sa.Table("resource_types", meta, autoload=True)',
      't.update(values={"name": "new"}).where(t.c.name == "old").execute()',
      't.delete().execute()',
      'sa.select(t).execute()',
      'other.compute().execute()',
      't.insert().execute(name="x")',
      'stmt = t.delete()',
      'stmt.execute()',
      'conn = op.get_bind()',
      'conn.execute()',
    ]);
    expect(run(protectedSchemaWrite, unit, { tables: ['resource_types'] }).map((f) => `${f.line} ${f.message.split(' (')[0]}`)).toEqual([
      '11 connection.execute updates rows of public.resource_types',
      '12 connection.execute deletes rows from public.resource_types',
      '15 connection.execute inserts rows into public.resource_types',
      '17 connection.execute deletes rows from public.resource_types',
    ]);
    expect(unit.findings).toEqual([]);
  });

  it('reads the SQL of sa.DDL(), textwrap.dedent() and .strip() (libervia, keystone)', () => {
    const unit = revision(['op.execute(sa.DDL("DROP TABLE legacy"))', 'op.execute(textwrap.dedent("""', '    DROP TABLE legacy2', '""").strip())']);
    expect(run(protectedSchemaWrite, unit, { tables: ['legacy', 'legacy2'] }).map((f) => `${f.line} ${f.code}`)).toEqual(['9 protected-schema-write', '11 protected-schema-write']);
    expect(unit.findings).toEqual([]);
  });

  it('reads through table objects are neither writes nor unreadable SQL', () => {
    const unit = revision(['accounts = sa.table("accounts", sa.column("id"), schema="crm")', 'conn = op.get_bind()', 'rows = conn.execute(accounts.select().where(accounts.c.id == 1))', 'conn.execute(sa.select(accounts.c.id))'], ['pass']);
    expect(run(protectedSchemaWrite, unit, { schemas: ['crm'] })).toEqual([]);
    expect(unit.findings).toEqual([]);
    // A write through the connection is named as the file writes it.
    const write = revision(['accounts = sa.table("accounts", sa.column("id"), schema="crm")', 'conn = op.get_bind()', 'conn.execute(accounts.delete())'], ['pass']);
    expect(run(protectedSchemaWrite, write, { schemas: ['crm'] })[0]!.message).toMatch(/^connection\.execute deletes rows from crm\.accounts/);
  });

  it('follows a statement reassigned from a method on itself: stmt = stmt.values(…) (open-webui)', () => {
    const unit = revision(
      [
        'tag = sa.table("tag", sa.column("id", sa.String()))',
        'conn = op.get_bind()',
        'stmt = sa.update(tag).where(tag.c.id == "a")',
        'stmt = stmt.values(id="b")',
        'stmt = stmt.returning(tag.c.id)',
        'conn.execute(stmt)',
        'stmt2 = sa.update(tag).where(tag.c.id == "c").values(id="d")',
        'conn.execute(stmt2)',
      ],
      ['pass'],
    );
    expect(run(protectedSchemaWrite, unit, { tables: ['tag'] }).map((f) => `${f.line} ${f.message.split(' (')[0]}`)).toEqual([
      '14 connection.execute updates rows of public.tag',
      '16 connection.execute updates rows of public.tag',
    ]);
    expect(unit.findings).toEqual([]);
  });

  it('op.drop_index without its table drops the index of its schema', () => {
    expect(flaggedOps(['op.drop_index("ix_b", schema="crm")'])[0]!.message).toMatch(/^op\.drop_index drops crm\.ix_b,/);
  });

  it('resolves unqualified table names of operations like SQL ones', () => {
    const catalog: Catalog = { searchPath: ['app', 'crm'], relations: new Map([['contacts', new Set(['crm'])]]), from: 'db' };
    const unit = revision(['op.add_column("contacts", sa.Column("segment", sa.Text()))', 'op.add_column("orders", sa.Column("segment", sa.Text()))']);
    const findings = run(protectedSchemaWrite, unit, { schemas: ['crm'], catalog });
    expect(findings.map((f) => `${f.line} ${f.code}`)).toEqual(['9 protected-schema-write']);
    expect(findings[0]!.message).toContain('crm.contacts (found in crm through search_path app, crm');
    expect(run(protectedSchemaWrite, unit, { schemas: ['crm'] }).map((f) => `${f.line} ${f.code}`)).toEqual(['9 unqualified-name']);
  });

  it('flags batch_alter_table operations on a protected table, but not foreign keys that only reference one', () => {
    const findings = flaggedOps([
      'with op.batch_alter_table("accounts", schema="crm") as batch_op:',
      '    batch_op.add_column(sa.Column("tier", sa.Text()))',
      'op.create_foreign_key("fk", "orders", "accounts", ["account_id"], ["id"], source_schema="app", referent_schema="crm")',
      'op.add_column("orders", sa.Column("tier", sa.Text()), schema="app")',
    ]);
    expect(findings.map((f) => `${f.line} ${f.message.split(' ')[0]}`)).toEqual(['10 batch_op.add_column']);
  });
});

describe('protected-schema-write through table objects and connections passed to helpers (redash)', () => {
  const file = (helpers: string[], upgrade: string[]) =>
    readAlembicUnit('r.py', ['import sqlalchemy as sa', 'from alembic import op', '', ...helpers, '', 'def upgrade():', ...upgrade.map((l) => `    ${l}`), '', 'def downgrade():', '    pass', ''].join('\n'));
  const change = ['def change(conn, t):', '    for r in conn.execute(t.select()):', '        conn.execute(t.update().values(query_hash="x"))'];
  const flaggedAt = (unit: ReturnType<typeof file>, tables: string[]) => run(protectedSchemaWrite, unit, { tables }).map((f) => `${f.line} ${f.message.split(' (')[0]}`);

  it.each([
    ['op.get_bind() passed directly', ['queries = sa.table("queries", sa.column("query_hash"))', 'change(op.get_bind(), queries)']],
    ['a bind named otherwise', ['queries = sa.table("queries", sa.column("query_hash"))', 'bind = op.get_bind()', 'change(bind, queries)']],
    ['a bind named as the parameter', ['queries = sa.table("queries", sa.column("query_hash"))', 'conn = op.get_bind()', 'change(conn, queries)']],
    ['the table made in the call, by keyword', ['change(t=sa.table("queries", sa.column("query_hash")), conn=op.get_bind())']],
  ])('the write happens on the table the caller passes: %s', (_, upgrade) => {
    const unit = file(change, upgrade);
    expect(flaggedAt(unit, ['queries'])).toEqual([`${8 + upgrade.length} connection.execute updates rows of public.queries`]);
    expect(unit.findings).toEqual([]);
  });

  it('each call site writes to its own table; one lint cannot trace is a dynamic-sql warning there', () => {
    const unit = file(change, ['conn = op.get_bind()', 'change(conn, sa.table("queries"))', 'change(conn, sa.table("dashboards"))', 'change(conn, get_table())']);
    expect(flaggedAt(unit, ['queries', 'dashboards'])).toEqual(['10 connection.execute updates rows of public.queries', '11 connection.execute updates rows of public.dashboards']);
    expect(unit.findings.map((f) => `${f.line} ${f.code}: ${f.message.split(':')[0]}`)).toEqual(['12 dynamic-sql: cannot tell statically which table this updates']);
  });

  it('follows the table parameter through a statement the helper builds in steps', () => {
    const unit = file(['def change(conn, t):', '    stmt = t.update().where(t.c.id == 1)', '    stmt = stmt.values(x=2)', '    conn.execute(stmt)'], ['change(op.get_bind(), sa.table("queries"))']);
    const findings = run(protectedSchemaWrite, unit, { tables: ['queries'] });
    expect(findings.map((f) => `${f.line} ${f.message.split(' (')[0]}`)).toEqual(['10 connection.execute updates rows of public.queries']);
  });

  it('a write through a connection parameter is one, traced or not; so is op.bulk_insert of a table parameter', () => {
    const unit = file(
      ['def fill(t):', '    op.bulk_insert(t, [{"id": 1}])', '', 'def wipe(session):', '    session.execute(sa.delete(sa.table("queries")))', '    session.execute(lookup_table().delete())', '    session.execute(compute())'],
      ['fill(sa.table("queries"))', 'wipe(object())'],
    );
    // In run order: fill() is called (line 13) before wipe() (line 14).
    expect(flaggedAt(unit, ['queries'])).toEqual(['13 op.bulk_insert inserts rows into public.queries', '8 connection.execute deletes rows from public.queries']);
    // The untraced table is said; SQL lint cannot read, on a receiver no caller shows to be a connection, is not.
    expect(unit.findings.map((f) => `${f.line} ${f.code}: ${f.message.split(':')[0]}`)).toEqual(['9 dynamic-sql: cannot tell statically which table this deletes from']);
  });

  it('SQL executed on a connection parameter some caller passes op.get_bind() is read as on a connection', () => {
    const helpers = ['def run(conn, sql):', '    conn.execute(sql)', '', 'def other(conn):', '    conn.execute(compute())'];
    const unit = file(helpers, ['run(op.get_bind(), "DELETE FROM queries")', 'run(op.get_bind(), build())', 'other(op.get_bind())']);
    expect(flaggedAt(unit, ['queries'])).toEqual(['11 DELETE FROM queries deletes from public.queries']);
    // In run order: run() on line 12 before other() on line 13.
    expect(unit.findings.map((f) => `${f.line} ${f.code}`)).toEqual(['12 dynamic-sql', '8 dynamic-sql']);
    const guessed = file(helpers, ['run(session, build())', 'other(session)']);
    expect(guessed.findings).toEqual([]);
  });
});
