import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PgmendError } from '../../src/errors.js';
import { readMigrations, type SourceMigration } from '../../src/input/index.js';
import { lines, tree } from './tree.js';

const summary = (ms: SourceMigration[]) =>
  ms.map((m) => ({ format: m.format, version: m.version, name: m.name, up: m.up.map((s) => s.text), down: m.down?.map((s) => s.text) }));

describe('layout detection and order', () => {
  it('plain numbered files: numeric order, subfolders ignored', async () => {
    const dir = await tree({
      '10_ten.sql': 'SELECT 10;',
      '9_nine.sql': 'SELECT 9;',
      '001_one.sql': 'SELECT 1;',
      'shared/helpers.sql': 'SELECT 0;',
    });
    const { migrations } = await readMigrations([dir]);
    expect(summary(migrations)).toEqual([
      { format: 'plain', version: '001', name: 'one', up: ['SELECT 1'], down: undefined },
      { format: 'plain', version: '9', name: 'nine', up: ['SELECT 9'], down: undefined },
      { format: 'plain', version: '10', name: 'ten', up: ['SELECT 10'], down: undefined },
    ]);
  });

  it('mixed timestamp and dated names sort by their digits', async () => {
    const dir = await tree({
      '2017-09-23-182408_y.sql': 'SELECT 2;',
      '20140924113530_x.sql': 'SELECT 1;',
      '20180101000000_z.sql': 'SELECT 3;',
    });
    const { migrations } = await readMigrations([dir]);
    expect(migrations.map((m) => m.name)).toEqual(['x', 'y', 'z']);
  });

  it('golang-migrate: up/down pairs by numeric version', async () => {
    const dir = await tree({
      '2_b.up.sql': 'CREATE TABLE b (id int);',
      '2_b.down.sql': 'DROP TABLE b;',
      '10_c.up.sql': 'CREATE TABLE c (id int);',
      '1_a.up.sql': 'CREATE TABLE a (id int);',
      '1_a.down.sql': 'DROP TABLE a;',
    });
    const { migrations, findings } = await readMigrations([dir]);
    expect(summary(migrations)).toEqual([
      { format: 'golang-migrate', version: '1', name: 'a', up: ['CREATE TABLE a (id int)'], down: ['DROP TABLE a'] },
      { format: 'golang-migrate', version: '2', name: 'b', up: ['CREATE TABLE b (id int)'], down: ['DROP TABLE b'] },
      { format: 'golang-migrate', version: '10', name: 'c', up: ['CREATE TABLE c (id int)'], down: undefined },
    ]);
    // Named by absolute path outside the working directory: shown absolute.
    expect(migrations[0]!.downFile).toBe(path.join(dir, '1_a.down.sql'));
    expect(findings).toEqual([]);
  });

  it('a folder of version-named folders is each of them in version order; folders named out of order are said', async () => {
    const dir = await tree({
      '0.19/00__a.sql': 'CREATE TABLE a (id int);',
      '0.19/01__b.sql': 'CREATE TABLE b (id int);',
      '0.3/00__base.sql': 'CREATE TABLE base (id int);',
      '0.20/00__c.sql': 'CREATE TABLE c (id int);',
    });
    const { migrations, findings } = await readMigrations([dir], { cwd: dir });
    expect(migrations.map((m) => m.file)).toEqual(['0.3/00__base.sql', '0.19/00__a.sql', '0.19/01__b.sql', '0.20/00__c.sql']);
    expect(findings).toEqual([]);
    // Named one by one in string order (as `versions/*` expands): read as named, and said.
    const named = await readMigrations(['0.19', '0.20', '0.3'].map((v) => path.join(dir, v)), { cwd: dir });
    expect(named.migrations.map((m) => m.file)).toEqual(['0.19/00__a.sql', '0.19/01__b.sql', '0.20/00__c.sql', '0.3/00__base.sql']);
    expect(lines(named.findings)).toEqual(['0.3:1:1: warning[input-order]: folder 0.3 is named after 0.20, a later version; inputs are read in the order named (hint: name them in version order, or name the folder holding them)']);
  });

  it("Ory pop: each migration's .postgres. file is read, else its generic one; other databases' files are left aside", async () => {
    const dir = await tree({
      '1_users.postgres.up.sql': 'CREATE TABLE users (id uuid);',
      '1_users.mysql.up.sql': 'CREATE TABLE users (id char(36));',
      '1_users.up.sql': 'CREATE TABLE users (id text);',
      '1_users.postgres.down.sql': 'DROP TABLE users;',
      '1_users.mysql.down.sql': 'DROP TABLE users;',
      '2_notes.up.sql': 'CREATE TABLE notes (id int);',
      '2_notes.sqlite3.up.sql': 'CREATE TABLE notes (id integer);',
    });
    const { migrations, findings } = await readMigrations([dir], { cwd: dir });
    expect(summary(migrations).map((m) => [m.version, m.name, m.up, m.down])).toEqual([
      ['1', 'users', ['CREATE TABLE users (id uuid)'], ['DROP TABLE users']],
      ['2', 'notes', ['CREATE TABLE notes (id int)'], undefined],
    ]);
    expect(migrations[0]!.file).toBe('1_users.postgres.up.sql');
    expect(findings.map((f) => [f.code, f.severity, f.message])).toEqual([
      ['other-database-files', 'info', '4 migration file(s) left aside: written for other databases (mysql, sqlite3) or replaced by a .postgres. variant'],
    ]);
  });

  it('up/down pairs written V0001.Name.up.sql (Authelia) read like golang-migrate, per-database files too', async () => {
    const dir = await tree({
      'V0001.Initial_Schema.postgres.up.sql': 'CREATE TABLE a (id int);',
      'V0001.Initial_Schema.mysql.up.sql': 'CREATE TABLE a (id int);',
      'V0001.Initial_Schema.postgres.down.sql': 'DROP TABLE a;',
      'V0002.Webauthn.up.sql': 'CREATE TABLE b (id int);',
      'V0002.Webauthn.down.sql': 'DROP TABLE b;',
    });
    const { migrations } = await readMigrations([dir], { cwd: dir });
    expect(summary(migrations).map((m) => [m.format, m.version, m.name, m.down])).toEqual([
      ['golang-migrate', '0001', 'Initial_Schema', ['DROP TABLE a']],
      ['golang-migrate', '0002', 'Webauthn', ['DROP TABLE b']],
    ]);
  });

  it('sql-migrate: by the leading number, then by file name as a string, as sql-migrate sorts', async () => {
    const up = (n: string) => `-- +migrate Up\nCREATE TABLE t${n} (id int);\n`;
    const dir = await tree({ '2023-01-26.2-b.sql': up('2'), '2023-01-26.10-c.sql': up('10'), '2023-01-26.1-a.sql': up('1'), '9-z.sql': up('9') });
    const { migrations } = await readMigrations([dir]);
    expect(migrations.map((m) => [m.format, path.basename(m.file)])).toEqual([
      ['sql-migrate', '9-z.sql'],
      ['sql-migrate', '2023-01-26.1-a.sql'],
      ['sql-migrate', '2023-01-26.10-c.sql'],
      ['sql-migrate', '2023-01-26.2-b.sql'],
    ]);
  });

  it("sqlx: a file that starts with -- no-transaction runs outside a transaction", async () => {
    const dir = await tree({
      '20240101000000_a.up.sql': 'CREATE TABLE a (id int);',
      '20240102000000_b.up.sql': '-- no-transaction\nCREATE INDEX CONCURRENTLY ia ON a (id);',
    });
    const { migrations } = await readMigrations([dir]);
    expect(migrations.map((m) => m.transactional)).toEqual([true, false]);
  });

  it('golang-migrate: two up files with one version; the kept one is not paired with the other one\'s down file', async () => {
    const dir = await tree({ '7_a.up.sql': 'CREATE TABLE a (id int);', '7_b.up.sql': 'CREATE TABLE b (id int);', '7_b.down.sql': 'DROP TABLE b;' });
    const { migrations, findings } = await readMigrations([dir], { cwd: dir });
    expect(summary(migrations)).toEqual([{ format: 'golang-migrate', version: '7', name: 'a', up: ['CREATE TABLE a (id int)'], down: undefined }]);
    expect(findings.map((f) => [f.code, f.location?.file])).toEqual([
      ['duplicate-version', '7_b.up.sql'],
      ['down-without-up', '7_b.down.sql'],
    ]);
  });

  it('golang-migrate: a down file without its up is reported', async () => {
    const dir = await tree({ '1_a.up.sql': 'SELECT 1;', '2_b.down.sql': 'SELECT 2;' });
    const { migrations, findings } = await readMigrations([dir], { cwd: dir });
    expect(migrations).toHaveLength(1);
    expect(lines(findings)).toEqual(['2_b.down.sql:1:1: warning[down-without-up]: down migration without a matching up file: skipped']);
  });

  it('diesel: version folders with up.sql/down.sql, dashes stripped for ordering, metadata.toml', async () => {
    const dir = await tree({
      '2017-09-23-182408_create_posts/up.sql': 'CREATE TABLE posts (id int);',
      '2017-09-23-182408_create_posts/down.sql': 'DROP TABLE posts;',
      '00000000000000_diesel_initial_setup/up.sql': 'SELECT 0;',
      '20140924113530_create_users/up.sql': 'CREATE TABLE users (id int);',
      '20140924113530_create_users/down.sql': 'DROP TABLE users;',
      '20200101000000_index/up.sql': 'CREATE INDEX CONCURRENTLY i ON posts (id);',
      '20200101000000_index/metadata.toml': 'run_in_transaction = false\n',
    });
    const { migrations } = await readMigrations([dir]);
    expect(migrations.map((m) => [m.format, m.name, m.transactional, m.down?.length])).toEqual([
      ['diesel', 'diesel_initial_setup', true, undefined],
      ['diesel', 'create_users', true, 1],
      ['diesel', 'create_posts', true, 1],
      ['diesel', 'index', false, undefined],
    ]);
  });

  it('prisma: <version>_<name>/migration.sql folders in name order, migration_lock.toml not reported', async () => {
    const dir = await tree({
      '20210210093000_add_posts/migration.sql': '-- CreateTable\nCREATE TABLE "Post" ("id" SERIAL NOT NULL);\n',
      '0_init/migration.sql': 'CREATE TABLE "User" ("id" SERIAL NOT NULL);',
      '20210105120000_roles/migration.sql': 'CREATE TYPE "Role" AS ENUM (\'USER\');',
      '20210301000000_empty/README.md': 'not a migration',
      'migration_lock.toml': 'provider = "postgresql"\n',
    });
    const { migrations, findings } = await readMigrations([dir]);
    expect(summary(migrations).map((m) => [m.format, m.version, m.name, m.up.length, m.down])).toEqual([
      ['prisma', '0', 'init', 1, undefined],
      ['prisma', '20210105120000', 'roles', 1, undefined],
      ['prisma', '20210210093000', 'add_posts', 1, undefined],
    ]);
    expect(findings).toEqual([]);
  });

  it('a prisma migration.sql named alone takes its folder version and name', async () => {
    const dir = await tree({ '20210105120000_init/migration.sql': 'SELECT 1;', 'migration_lock.toml': '' });
    const { migrations } = await readMigrations(['20210105120000_init/migration.sql'], { cwd: dir });
    expect(summary(migrations)).toEqual([{ format: 'prisma', version: '20210105120000', name: 'init', up: ['SELECT 1'], down: undefined }]);
  });

  it('tern: up above `---- create above / drop below ----`, down below; disable-tx', async () => {
    const dir = await tree({
      '001_create_people.sql': 'CREATE TABLE people (id int);\n\n---- create above / drop below ----\n\nDROP TABLE people;\n',
      '002_index.sql': '---- tern: disable-tx ----\nCREATE INDEX CONCURRENTLY people_id ON people (id);\n---- create above / drop below ----\nDROP INDEX people_id;\n',
      '003_seed.sql': 'INSERT INTO people VALUES (1);\n',
    });
    const { migrations, findings } = await readMigrations([dir]);
    expect(summary(migrations).map((m) => [m.format, m.name, m.up, m.down])).toEqual([
      ['tern', 'create_people', ['CREATE TABLE people (id int)'], ['DROP TABLE people']],
      ['tern', 'index', ['CREATE INDEX CONCURRENTLY people_id ON people (id)'], ['DROP INDEX people_id']],
      ['tern', 'seed', ['INSERT INTO people VALUES (1)'], undefined],
    ]);
    expect(migrations.map((m) => m.transactional)).toEqual([true, false, true]);
    expect(findings).toEqual([]);
  });

  it('sqitch: plan order, deploy/ as up and revert/ as down, reworked changes by tag, names with /', async () => {
    const plan = [
      '%syntax-version=1.0.0',
      '%project=flipr',
      '',
      'appschema 2013-12-30T23:19:37Z Marge <marge@example.com> # Add schema.',
      'schema/users [appschema] 2013-12-30T23:49:00Z Marge <marge@example.com> # Users.',
      'insert_user [schema/users] 2013-12-30T23:57:36Z Marge <marge@example.com> # First version.',
      '@v1.0.0-dev1 2013-12-31T00:01:04Z Marge <marge@example.com> # Tag.',
      '@v1.0.0-dev2 2013-12-31T00:02:04Z Marge <marge@example.com> # Another tag.',
      'insert_user [insert_user@v1.0.0-dev2] 2014-01-02T19:56:06Z Marge <marge@example.com> # Reworked.',
      'missing 2014-01-03T00:00:00Z Marge <marge@example.com> # No script.',
    ].join('\n');
    const dir = await tree({
      'sqitch.plan': plan,
      'sqitch.conf': '[core]\n\tengine = pg\n',
      'deploy/appschema.sql': 'BEGIN;\nCREATE SCHEMA flipr;\nCOMMIT;\n',
      'revert/appschema.sql': 'DROP SCHEMA flipr;',
      'deploy/schema/users.sql': 'CREATE TABLE flipr.users (nickname text);',
      'revert/schema/users.sql': 'DROP TABLE flipr.users;',
      'verify/schema/users.sql': 'SELECT nickname FROM flipr.users WHERE false;',
      'deploy/insert_user@v1.0.0-dev2.sql': 'SELECT 1;',
      'revert/insert_user@v1.0.0-dev2.sql': 'SELECT -1;',
      'deploy/insert_user.sql': 'SELECT 2;',
      'revert/insert_user.sql': 'SELECT -2;',
    });
    const { migrations, findings } = await readMigrations([dir], { cwd: dir });
    expect(summary(migrations).map((m) => [m.format, m.version, m.name, m.up, m.down])).toEqual([
      ['sqitch', '0001', 'appschema', ['CREATE SCHEMA flipr'], ['DROP SCHEMA flipr']],
      ['sqitch', '0002', 'schema/users', ['CREATE TABLE flipr.users (nickname text)'], ['DROP TABLE flipr.users']],
      ['sqitch', '0003', 'insert_user', ['SELECT 1'], ['SELECT -1']],
      ['sqitch', '0004', 'insert_user', ['SELECT 2'], ['SELECT -2']],
    ]);
    expect(lines(findings).filter((f) => !f.includes('transaction-dropped'))).toEqual([
      'sqitch.plan:10:1: warning[input-file-skipped]: no deploy script for change missing: skipped (hint: add deploy/missing.sql)',
    ]);
    await expect(readMigrations([path.join(dir, 'deploy')], { cwd: dir })).rejects.toMatchObject({ code: 'input-unreadable', hint: 'a Sqitch project: name the folder holding sqitch.plan (.)' });
  });

  it('liquibase formatted SQL: rollbacks (lines and blocks) are the down SQL, last changeset first', async () => {
    const file = [
      '--liquibase formatted sql',
      '--changeset alice:1',
      'CREATE TABLE users (id int);',
      '--rollback DROP TABLE users;',
      '--changeset alice:2 runInTransaction:false',
      'CREATE INDEX CONCURRENTLY users_id ON users (id);',
      '--rollback DROP INDEX',
      '--rollback   users_id;',
      '--changeset bob:3',
      'CREATE TABLE audit (id int);',
      '/* liquibase rollback',
      'DROP TABLE audit;',
      '*/',
    ].join('\n');
    const dir = await tree({ '001_users.sql': file, '002_partial.sql': '--liquibase formatted sql\n--changeset a:1\nCREATE TABLE a (id int);\n--rollback DROP TABLE a;\n--changeset a:2\nCREATE TABLE b (id int);\n' });
    const { migrations, findings } = await readMigrations([dir], { cwd: dir });
    expect(migrations.map((m) => [m.format, m.transactional, m.down?.map((s) => s.text.replace(/\s+/g, ' '))])).toEqual([
      ['liquibase', false, ['DROP TABLE audit', 'DROP INDEX users_id', 'DROP TABLE users']],
      ['liquibase', true, undefined],
    ]);
    expect(migrations[0]!.down!.map((s) => s.location.line)).toEqual([12, 7, 4]);
    // Liquibase's own lines are not the user's comments on the up statements.
    expect(migrations[0]!.up.map((s) => s.leadingComment)).toEqual([undefined, undefined, undefined]);
    expect(lines(findings)).toEqual(['002_partial.sql:5:1: info[rollback-incomplete]: 1 of 2 changesets have no rollback: pgmend derives the downgrade of the whole file instead']);
  });

  it('liquibase formatted SQL: a changeset with endDelimiter ends its statements at that word on a line of its own', async () => {
    const file = [
      '--liquibase formatted sql',
      '--changeset alice:1 endDelimiter:/ splitStatements:true',
      'CREATE TABLE a (id int)',
      '/',
      'CREATE TABLE b (id int)',
      '/',
      '--changeset alice:2 endDelimiter:GO',
      "INSERT INTO a VALUES (1); INSERT INTO b VALUES ('/')",
      'go',
      '--changeset alice:3',
      'CREATE TABLE c (id int);',
      '/',
    ].join('\n');
    const { migrations } = await readMigrations([await tree({ '001_a.sql': file })], { cwd: '/' });
    expect(migrations[0]!.up.map((s) => [s.text, s.location.line, s.error !== undefined])).toEqual([
      ['CREATE TABLE a (id int)', 3, false],
      ['CREATE TABLE b (id int)', 5, false],
      ['INSERT INTO a VALUES (1)', 8, false],
      ["INSERT INTO b VALUES ('/')", 8, false],
      // The delimiter applies to its own changeset only: here a `/` is not SQL.
      ['CREATE TABLE c (id int)', 11, false],
      ['/', 12, true],
    ]);
  });

  it('liquibase formatted SQL: `--rollback:` is a comment (Liquibase needs the space); `--rollback not required` is a rollback of nothing', async () => {
    const file = [
      '--liquibase formatted sql',
      '--changeset a:1',
      '--comment: adds a',
      'CREATE TABLE a (id int);',
      '--rollback: SELECT 1',
      '--changeset a:2',
      'INSERT INTO a VALUES (1);',
      '--rollback not required',
    ].join('\n');
    const dir = await tree({ '001_a.sql': file });
    const { migrations, findings } = await readMigrations([dir], { cwd: dir });
    // Changeset 1 has no rollback: the downgrade is derived for the whole file.
    expect(migrations[0]!.down).toBeUndefined();
    expect(lines(findings)).toEqual(['001_a.sql:2:1: info[rollback-incomplete]: 1 of 2 changesets have no rollback: pgmend derives the downgrade of the whole file instead']);
    const declared = file.replace('--rollback: SELECT 1', '--rollback DROP TABLE a;');
    const again = await readMigrations([await tree({ '001_a.sql': declared })], { cwd: '/' });
    expect(again.migrations[0]!.down!.map((s) => s.text)).toEqual(['DROP TABLE a']);
  });

  it('dbmate: markers, transaction:false on the marker line', async () => {
    const dir = await tree({
      '20230101000000_a.sql': '-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n',
      '20230102000000_b.sql': '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON a (id);\n-- migrate:down\nDROP INDEX i;\n',
    });
    const { migrations } = await readMigrations([dir]);
    expect(summary(migrations).map((m) => [m.format, m.up, m.down])).toEqual([
      ['dbmate', ['CREATE TABLE a (id int)'], ['DROP TABLE a']],
      ['dbmate', ['CREATE INDEX CONCURRENTLY i ON a (id)'], ['DROP INDEX i']],
    ]);
    expect(migrations.map((m) => m.transactional)).toEqual([true, false]);
    expect(migrations[0]!.up[0]!.location.line).toBe(2);
    expect(migrations[0]!.down![0]!.location.line).toBe(5);
  });

  it('goose: Up/Down, StatementBegin/End blocks and NO TRANSACTION', async () => {
    const fn = 'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$';
    const dir = await tree({
      '00002_fn.sql': `-- +goose Up\n-- +goose StatementBegin\n${fn}\n-- +goose StatementEnd\nCREATE TABLE t (id int);\n\n-- +goose Down\nDROP FUNCTION f();\nDROP TABLE t;\n`,
      '00001_init.sql': '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON x (id);\n-- +goose Down\nDROP INDEX i;\n',
    });
    const { migrations } = await readMigrations([dir]);
    expect(summary(migrations).map((m) => [m.format, m.name, m.up, m.down])).toEqual([
      ['goose', 'init', ['CREATE INDEX CONCURRENTLY i ON x (id)'], ['DROP INDEX i']],
      ['goose', 'fn', [fn, 'CREATE TABLE t (id int)'], ['DROP FUNCTION f()', 'DROP TABLE t']],
    ]);
    expect(migrations.map((m) => m.transactional)).toEqual([false, true]);
  });

  it('goose: a StatementBegin block without a final semicolon stays one statement', async () => {
    const dir = await tree({
      '1_a.sql': '-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE a (id int)\n-- +goose StatementEnd\n-- +goose StatementBegin\nCREATE TABLE b (id int)\n-- +goose StatementEnd\n',
    });
    const { migrations } = await readMigrations([dir]);
    expect(migrations[0]!.up.map((s) => [s.text, s.error])).toEqual([
      ['CREATE TABLE a (id int)', undefined],
      ['CREATE TABLE b (id int)', undefined],
    ]);
  });

  it('sql-migrate: +migrate Up notransaction', async () => {
    const dir = await tree({
      '1_a.sql': '-- +migrate Up notransaction\nCREATE INDEX CONCURRENTLY i ON t (x);\n-- +migrate Down\nDROP INDEX i;\n',
      '2_b.sql': '-- +migrate Up\n-- +migrate StatementBegin\nCREATE TABLE b (id int);\n-- +migrate StatementEnd\n-- +migrate Down\nDROP TABLE b;\n',
    });
    const { migrations } = await readMigrations([dir]);
    expect(migrations.map((m) => [m.format, m.transactional, m.up.length, m.down?.length])).toEqual([
      ['sql-migrate', false, 1, 1],
      ['sql-migrate', true, 1, 1],
    ]);
  });

  it('node-pg-migrate: -- Up Migration / -- Down Migration', async () => {
    const dir = await tree({
      '1700000000000_users.sql': '-- Up Migration\nCREATE TABLE users (id int);\n-- Down Migration\nDROP TABLE users;\n',
      '1700000000001_posts.sql': '-- up migration\nCREATE TABLE posts (id int);\n',
      '1699999999999_setup.js': 'exports.up = () => {};\n',
    });
    const { migrations, findings } = await readMigrations([dir], { cwd: dir });
    expect(summary(migrations).map((m) => [m.format, m.name, m.up, m.down])).toEqual([
      ['node-pg-migrate', 'users', ['CREATE TABLE users (id int)'], ['DROP TABLE users']],
      ['node-pg-migrate', 'posts', ['CREATE TABLE posts (id int)'], undefined],
    ]);
    expect(lines(findings)).toEqual(['1699999999999_setup.js:1:1: warning[input-file-skipped]: migration written in code: not converted']);
  });

  it('flyway: versions part by part, U files as downs, R__ reported, subfolders scanned', async () => {
    const dir = await tree({
      'V1__init.sql': 'CREATE TABLE a (id int);',
      'V1.2.10__later.sql': 'SELECT 3;',
      'V1_2_9__earlier.sql': 'SELECT 2;',
      'U1__init.sql': 'DROP TABLE a;',
      'R__views.sql': 'CREATE OR REPLACE VIEW v AS SELECT 1;',
      'more/V2__sub.sql': 'SELECT 4;',
      'V3__notx.sql': 'CREATE INDEX CONCURRENTLY i ON a (id);',
      'V3__notx.sql.conf': 'executeInTransaction=false\n',
      'sql/afterMigrate__touch.sql': 'SELECT 5;',
      'sql/notes.sql': 'SELECT 6;',
    });
    const { migrations, findings } = await readMigrations([dir], { cwd: dir });
    expect(summary(migrations).map((m) => [m.format, m.version, m.name, m.down])).toEqual([
      ['flyway', '1', 'init', ['DROP TABLE a']],
      ['flyway', '1.2.9', 'earlier', undefined],
      ['flyway', '1.2.10', 'later', undefined],
      ['flyway', '2', 'sub', undefined],
      ['flyway', '3', 'notx', undefined],
    ]);
    expect(migrations[0]!.downFile).toBe('U1__init.sql');
    expect(migrations.map((m) => m.transactional)).toEqual([true, true, true, true, false]);
    // What Flyway would not run in a subfolder is said, as at the top.
    expect(findings.map((f) => [f.code, f.location?.file, f.message])).toEqual([
      ['flyway-repeatable', 'R__views.sql', expect.any(String)],
      ['input-file-skipped', 'sql/afterMigrate__touch.sql', 'Flyway callback (it runs around migrations, not as one): not converted'],
      ['input-file-skipped', 'sql/notes.sql', 'not named like a flyway migration: skipped'],
    ]);
  });

  it('the layout with most migrations wins; other .sql files are reported as skipped', async () => {
    const dir = await tree({
      '1_a.up.sql': 'SELECT 1;',
      '2_b.up.sql': 'SELECT 2;',
      '3_c.sql': 'SELECT 3;',
      'README.md': '# migrations',
    });
    const { migrations, findings } = await readMigrations([dir], { cwd: dir });
    expect(migrations.map((m) => m.format)).toEqual(['golang-migrate', 'golang-migrate']);
    expect(lines(findings)).toEqual([
      '3_c.sql:1:1: warning[input-file-skipped]: not named like a golang-migrate migration: skipped (hint: name the file on the command line to read it, in the order you need)',
    ]);
  });

  it('inputFormat forces a layout', async () => {
    const dir = await tree({ '1_a.sql': '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n' });
    const detected = await readMigrations([dir]);
    expect(detected.migrations[0]!.format).toBe('dbmate');
    const forced = await readMigrations([dir], { inputFormat: 'plain' });
    expect(summary(forced.migrations)).toEqual([{ format: 'plain', version: '1', name: 'a', up: ['SELECT 1', 'SELECT 2'], down: undefined }]);
  });

  it('a forced layout that finds nothing is an input-unreadable error', async () => {
    const dir = await tree({ '1_a.sql': 'SELECT 1;' });
    await expect(readMigrations([dir], { inputFormat: 'diesel' })).rejects.toMatchObject({ code: 'input-unreadable' });
  });
});

describe('files named on their own', () => {
  it('are read in the order named, with a warning when that is not version order', async () => {
    const dir = await tree({ '1_a.sql': 'SELECT 1;', '2_b.sql': 'SELECT 2;' });
    const { migrations, findings } = await readMigrations(['2_b.sql', '1_a.sql'], { cwd: dir });
    expect(migrations.map((m) => m.file)).toEqual(['2_b.sql', '1_a.sql']);
    expect(findings.map((f) => [f.code, f.location?.file])).toEqual([['input-order', '1_a.sql']]);
  });

  it('golang-migrate up files bring their down file; down files named too are not read twice', async () => {
    const dir = await tree({ '1_a.up.sql': 'SELECT 1;', '1_a.down.sql': 'SELECT 2;' });
    const { migrations, findings } = await readMigrations(['1_a.down.sql', '1_a.up.sql'], { cwd: dir });
    expect(summary(migrations)).toEqual([{ format: 'golang-migrate', version: '1', name: 'a', up: ['SELECT 1'], down: ['SELECT 2'] }]);
    expect(findings).toEqual([]);
  });

  it('a diesel up.sql is read with its folder version and down.sql', async () => {
    const dir = await tree({ '2020-01-01-000000_users/up.sql': 'SELECT 1;', '2020-01-01-000000_users/down.sql': 'SELECT 2;' });
    const { migrations } = await readMigrations(['2020-01-01-000000_users/up.sql'], { cwd: dir });
    expect(summary(migrations)).toEqual([{ format: 'diesel', version: '2020-01-01-000000', name: 'users', up: ['SELECT 1'], down: ['SELECT 2'] }]);
  });

  it('files and folders mix, duplicates are read once', async () => {
    const dir = await tree({ 'm/1_a.sql': 'SELECT 1;', 'm/2_b.sql': 'SELECT 2;', 'extra.sql': 'SELECT 3;' });
    const { migrations, findings } = await readMigrations(['m', 'extra.sql', 'm/2_b.sql'], { cwd: dir });
    expect(migrations.map((m) => m.file)).toEqual(['m/1_a.sql', 'm/2_b.sql', 'extra.sql']);
    expect(findings.map((f) => f.code)).toEqual(['duplicate-input']);
  });
});

describe('input errors', () => {
  it('a missing path is input-not-found', async () => {
    const err = await readMigrations(['no/such/dir'], { cwd: await tree({}) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PgmendError);
    expect(err).toMatchObject({ code: 'input-not-found', message: 'no/such/dir does not exist' });
  });

  it('a folder with no recognisable migrations is input-unreadable, with a hint', async () => {
    const dir = await tree({ 'db/migrations/1_a.sql': 'SELECT 1;', 'notes.txt': 'x' });
    const err = await readMigrations(['.'], { cwd: dir }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'input-unreadable', hint: 'name the folder that holds the migrations, e.g. db/migrations' });
    const unnumbered = await tree({ 'schema.sql': 'SELECT 1;', 'seed.sql': 'SELECT 2;' });
    await expect(readMigrations([unnumbered])).rejects.toMatchObject({ code: 'input-unreadable', hint: expect.stringContaining('no leading version number') });
  });

  it('a folder of one unnumbered .sql file (a schema dump) is that file: no order to guess', async () => {
    const dir = await tree({ 'schema.sql': 'CREATE TABLE t (id int);', 'README.md': 'x' });
    const { migrations } = await readMigrations([dir]);
    expect(migrations.map((m) => [path.basename(m.file), m.up.length])).toEqual([['schema.sql', 1]]);
  });

  it('no input at all is a usage error', async () => {
    await expect(readMigrations([])).rejects.toMatchObject({ code: 'usage' });
  });

  it('reports progress per migration', async () => {
    const dir = await tree({ '1_a.sql': 'SELECT 1;', '2_b.sql': 'SELECT 2;', '3_c.sql': 'SELECT 3;' });
    const calls: Array<[number, number]> = [];
    await readMigrations([dir], { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });
});

describe('plain folders with rollback files', () => {
  it('pair <name>.down.sql with <name>.sql instead of reading it as a migration', async () => {
    const dir = await tree({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '001_a.down.sql': 'DROP TABLE a;',
      '002_b.sql': 'CREATE TABLE b (id int);',
      '002_b.rollback.sql': 'DROP TABLE b;',
      '003_c.undo.sql': 'SELECT 1;',
    });
    const { migrations, findings } = await readMigrations(['.'], { cwd: dir });
    expect(summary(migrations)).toEqual([
      { format: 'plain', version: '001', name: 'a', up: ['CREATE TABLE a (id int)'], down: ['DROP TABLE a'] },
      { format: 'plain', version: '002', name: 'b', up: ['CREATE TABLE b (id int)'], down: ['DROP TABLE b'] },
    ]);
    expect(lines(findings)).toEqual(['003_c.undo.sql:1:1: warning[down-without-up]: no 003_c.sql for this undo file: skipped']);
  });
});

describe('plain rollback files named on the command line', () => {
  it('are paired with their migration, not read as migrations', async () => {
    const dir = await tree({ '001_a.sql': 'SELECT 1;', '001_a.down.sql': 'SELECT 2;', '002_b.sql': 'SELECT 3;' });
    const { migrations, findings } = await readMigrations(['001_a.down.sql', '001_a.sql', '002_b.sql'], { cwd: dir });
    expect(summary(migrations)).toEqual([
      { format: 'plain', version: '001', name: 'a', up: ['SELECT 1'], down: ['SELECT 2'] },
      { format: 'plain', version: '002', name: 'b', up: ['SELECT 3'], down: undefined },
    ]);
    expect(findings).toEqual([]);
  });
});
