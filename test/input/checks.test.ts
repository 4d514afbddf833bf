import { describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/input/index.js';
import { lines, tree } from './tree.js';

async function readOne(text: string | Uint8Array, name = '1_a.sql') {
  const dir = await tree({ [name]: text });
  const { migrations, findings } = await readMigrations([name], { cwd: dir });
  return { m: migrations[0]!, findings: lines(findings) };
}

describe('psql meta-commands', () => {
  it('are left out with a warning at their line; SQL around them is kept', async () => {
    const { m, findings } = await readOne('\\set ON_ERROR_STOP on\n\\set x 1\nSELECT 1;\n\\echo done\n\\timing\n');
    expect(m.up.map((s) => s.text)).toEqual(['SELECT 1']);
    expect(findings).toEqual([
      '1_a.sql:1:1: info[psql-meta-command]: psql command `\\set ON_ERROR_STOP on` is not SQL: left out (hint: a revision stops at the first error anyway)',
      '1_a.sql:2:1: warning[psql-meta-command]: psql command `\\set x 1` is not SQL: left out (hint: psql variables are not substituted: replace :names in the SQL by their values)',
      '1_a.sql:4:1: warning[psql-meta-command]: psql command `\\echo done` is not SQL: left out (hint: do by hand what it did, if it matters)',
      '1_a.sql:5:1: warning[psql-meta-command]: psql command `\\timing` is not SQL: left out (hint: do by hand what it did, if it matters)',
    ]);
  });

  it('that change what psql ran, or where, are errors: conditionals, \\quit, \\connect, errors let through, \\gexec', async () => {
    const sql = '\\if false\nCREATE TABLE never (id int);\n\\endif\n\\connect other\n\\unset ON_ERROR_STOP\n\\set ON_ERROR_STOP off\n\\echo Use "CREATE EXTENSION x" to load this file. \\quit\n';
    const { findings } = await readOne(sql);
    expect(findings.map((f) => f.slice(0, f.indexOf('`:') + 2))).toEqual([
      '1_a.sql:1:1: error[psql-meta-command]: psql command `\\if false`:',
      '1_a.sql:3:1: error[psql-meta-command]: psql command `\\endif`:',
      '1_a.sql:4:1: error[psql-meta-command]: psql command `\\connect other`:',
      '1_a.sql:5:1: error[psql-meta-command]: psql command `\\unset ON_ERROR_STOP`:',
      '1_a.sql:6:1: error[psql-meta-command]: psql command `\\set ON_ERROR_STOP off`:',
      '1_a.sql:7:1: error[psql-meta-command]: psql command `\\echo Use "CREATE EXTENSION x" to load this file. \\quit`:',
    ]);
  });

  it('\\g and \\gexec at the end of a line end the statement before them, as psql sends it', async () => {
    const { m, findings } = await readOne("SELECT 'CREATE TABLE g (id int)' \\gexec\nCREATE TABLE h (id int);\nSELECT 1\n\\g\nSELECT E'a \\\\gexec';\n");
    expect(m.up.map((s) => [s.text, s.error === undefined])).toEqual([
      ["SELECT 'CREATE TABLE g (id int)'", true],
      ['CREATE TABLE h (id int)', true],
      ['SELECT 1', true],
      ["SELECT E'a \\\\gexec'", true],
    ]);
    expect(findings.map((f) => f.slice(0, f.indexOf(']') + 1))).toEqual(['1_a.sql:1:34: error[psql-meta-command]', '1_a.sql:4:1: info[psql-meta-command]']);
  });
});

describe('BEGIN / COMMIT', () => {
  it('wrapping the file are dropped and reported as info', async () => {
    const { m, findings } = await readOne('-- x\nBEGIN;\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\nEND;\n');
    expect(m.up.map((s) => s.text)).toEqual(['CREATE TABLE a (id int)', 'CREATE TABLE b (id int)']);
    expect(findings).toEqual([
      '1_a.sql:2:1: info[transaction-dropped]: `BEGIN` dropped: the revision runs in its own transaction',
      '1_a.sql:5:1: info[transaction-dropped]: `END` dropped: the revision runs in its own transaction',
    ]);
  });

  it('several blocks one after another are all unwrapped; START TRANSACTION counts', async () => {
    const { m, findings } = await readOne('START TRANSACTION;\nSELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;\n');
    expect(m.up.map((s) => s.text)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(findings.every((f) => f.includes('info[transaction-dropped]'))).toBe(true);
    expect(findings).toHaveLength(4);
  });

  it('blocks with statements between them are dropped in a transactional migration (Prisma enum rewrites)', async () => {
    const sql = 'CREATE TYPE r AS ENUM (\'a\');\nBEGIN;\nCREATE TYPE r_new AS ENUM (\'b\');\nCOMMIT;\nALTER TABLE t ADD x int;\n';
    const { m, findings } = await readOne(sql);
    expect(m.up.map((s) => s.text)).toEqual(["CREATE TYPE r AS ENUM ('a')", "CREATE TYPE r_new AS ENUM ('b')", 'ALTER TABLE t ADD x int']);
    expect(findings).toEqual([
      '1_a.sql:2:1: info[transaction-dropped]: `BEGIN` dropped: the revision runs in one transaction, around the statements between blocks too',
      '1_a.sql:4:1: info[transaction-dropped]: `COMMIT` dropped: the revision runs in one transaction, around the statements between blocks too',
    ]);
  });

  it('in a migration run outside a transaction, blocks between statements stay (they are its only atomicity)', async () => {
    const { m, findings } = await readOne('-- migrate:up transaction:false\nSELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\n');
    expect(m.up.map((s) => s.text)).toEqual(['SELECT 1', 'BEGIN', 'SELECT 2', 'COMMIT']);
    expect(findings.map((f) => f.slice(0, f.indexOf(']') + 1))).toEqual(['1_a.sql:3:1: warning[transaction-statement]', '1_a.sql:5:1: warning[transaction-statement]']);
  });

  it('elsewhere they stay, with a warning', async () => {
    const { m, findings } = await readOne('SELECT 1;\nCOMMIT;\nSAVEPOINT s;\nROLLBACK TO SAVEPOINT s;\n');
    expect(m.up.map((s) => s.text)).toEqual(['SELECT 1', 'COMMIT', 'SAVEPOINT s', 'ROLLBACK TO SAVEPOINT s']);
    expect(findings.map((f) => f.slice(0, f.indexOf(']') + 1))).toEqual([
      '1_a.sql:2:1: warning[transaction-statement]',
      '1_a.sql:3:1: warning[transaction-statement]',
      '1_a.sql:4:1: warning[transaction-statement]',
    ]);
  });

  it('a ROLLBACK after the COMMIT does nothing and goes too (DAViCal patches end so)', async () => {
    const { m, findings } = await readOne('BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nROLLBACK;\n');
    expect(m.up.map((s) => s.text)).toEqual(['CREATE TABLE a (id int)']);
    expect(findings[2]).toBe('1_a.sql:4:1: info[transaction-dropped]: `ROLLBACK` dropped: outside a transaction it does nothing');
    expect((await readOne('BEGIN;\nSELECT 1;\nROLLBACK;\n')).m.up.map((s) => s.text)).toEqual(['BEGIN', 'SELECT 1', 'ROLLBACK']);
  });

  it('a BEGIN without its COMMIT is not unwrapped', async () => {
    const { m, findings } = await readOne('BEGIN;\nSELECT 1;\n');
    expect(m.up.map((s) => s.text)).toEqual(['BEGIN', 'SELECT 1']);
    expect(findings).toHaveLength(1);
  });

  it('in marker layouts each section is unwrapped on its own', async () => {
    const { m, findings } = await readOne('-- migrate:up\nBEGIN;\nSELECT 1;\nCOMMIT;\n-- migrate:down\nBEGIN;\nSELECT 2;\nCOMMIT;\n');
    expect([m.up.map((s) => s.text), m.down!.map((s) => s.text)]).toEqual([['SELECT 1'], ['SELECT 2']]);
    expect(findings).toHaveLength(4);
  });
});

describe('placeholders', () => {
  it('{{ }}, @extschema@ and ${} outside strings are reported once each, at first use', async () => {
    const sql = 'CREATE TABLE {{ schema }}.t (id int);\n-- {{ in a comment }}\nCREATE FUNCTION @extschema@.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\nGRANT SELECT ON {{ schema }}.t TO ${role};\nINSERT INTO m VALUES (\'Hello ${name}\');\n';
    const { m, findings } = await readOne(sql);
    expect(findings).toEqual([
      '1_a.sql:1:14: warning[template-placeholder]: template placeholder `{{ schema }}`: this is a template, not the SQL that runs (2 uses) (hint: render the template (substitute the value) before converting)',
      '1_a.sql:3:17: warning[template-placeholder]: extension-script placeholder `@extschema@`: this is a template, not the SQL that runs (hint: render the template (substitute the value) before converting)',
      '1_a.sql:4:35: warning[template-placeholder]: placeholder `${role}`: this is a template, not the SQL that runs (hint: render the template (substitute the value) before converting)',
    ]);
    // Nothing is dropped: the statements that do not parse arrive with their error.
    expect(m.up).toHaveLength(4);
    expect(m.up[0]!.error).toBeDefined();
  });

  it("psql variables (:name, :'name', :\"name\") outside strings, not casts, slices or text", async () => {
    const sql = "GRANT USAGE ON SCHEMA app TO :DATABASE_VISITOR;\n-- note:this is a comment\nSELECT x::text, a[1:n], 'at 12:30' FROM t WHERE owner = :'owner';\nALTER TABLE t OWNER TO :\"role\";\n";
    const { findings } = await readOne(sql);
    expect(findings.map((f) => f.slice(0, f.lastIndexOf('`') + 1))).toEqual([
      '1_a.sql:1:30: warning[template-placeholder]: psql variable `:DATABASE_VISITOR`',
      "1_a.sql:3:57: warning[template-placeholder]: psql variable `:'owner'`",
      '1_a.sql:4:24: warning[template-placeholder]: psql variable `:"role"`',
    ]);
  });

  it("an array literal is no template; an extension script's MODULE_PATHNAME is", async () => {
    const { findings } = await readOne("CREATE TABLE m (cells int[][] DEFAULT '{{0,0},{0,0}}', names text[][] DEFAULT '{{a,b},{c,d}}');\nCREATE FUNCTION d(text) RETURNS bytea AS 'MODULE_PATHNAME', 'pg_digest' LANGUAGE C;\n");
    expect(findings).toEqual(['1_a.sql:2:43: warning[template-placeholder]: extension-script placeholder `MODULE_PATHNAME`: this is a template, not the SQL that runs (hint: render the template (substitute the value) before converting)']);
  });

  it('Flyway substitutes ${} inside strings too', async () => {
    const { findings } = await readOne("INSERT INTO m VALUES ('${flyway:user}');", 'V1__seed.sql');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toContain('`${flyway:user}`');
  });
});

describe('encodings and empty files', () => {
  it('strips a UTF-8 BOM and keeps columns right', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('SELECT 1;\n  SELECT 2;')]);
    const { m, findings } = await readOne(bytes);
    expect(m.up.map((s) => [s.text, s.location.line, s.location.column])).toEqual([
      ['SELECT 1', 1, 1],
      ['SELECT 2', 2, 3],
    ]);
    expect(findings).toEqual(['1_a.sql:1:1: info[byte-order-mark]: utf-8 byte-order mark removed']);
  });

  it('invalid UTF-8 is an error finding at the bad byte; the text is read as Windows-1252', async () => {
    const bytes = Buffer.concat([Buffer.from("SELECT 1;\nINSERT INTO t VALUES ('caf"), Buffer.from([0xe9]), Buffer.from("');")]);
    const { m, findings } = await readOne(bytes);
    expect(m.up.map((s) => s.text)).toEqual(['SELECT 1', "INSERT INTO t VALUES ('café')"]);
    expect(findings).toEqual([
      '1_a.sql:2:27: error[invalid-utf8]: byte 0xe9 is not valid UTF-8; the file was read as Windows-1252 (hint: check the non-ASCII text in the output, or re-save the file as UTF-8)',
    ]);
  });

  it('UTF-16 with a BOM is decoded', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('SELECT 1;', 'utf16le')]);
    const { m } = await readOne(bytes);
    expect(m.up.map((s) => s.text)).toEqual(['SELECT 1']);
  });

  it('empty and comment-only files are kept as empty migrations and reported', async () => {
    const dir = await tree({ '1_empty.sql': '', '2_comments.sql': '-- nothing yet\n/* later */\n', '3_a.sql': 'SELECT 1;' });
    const { migrations, findings } = await readMigrations(['.'], { cwd: dir });
    expect(migrations.map((m) => m.up.length)).toEqual([0, 0, 1]);
    expect(lines(findings)).toEqual([
      '1_empty.sql:1:1: warning[empty-migration]: the file is empty: it becomes an empty revision',
      '2_comments.sql:1:1: warning[empty-migration]: the file holds only comments: it becomes an empty revision',
    ]);
  });

  it('statements that do not parse stay in up, with their error', async () => {
    const { m } = await readOne('SELECT 1;\nCREATE TABLEE x (id int);\nSELECT 2;');
    expect(m.up.map((s) => [s.text, !!s.error])).toEqual([
      ['SELECT 1', false],
      ['CREATE TABLEE x (id int)', true],
      ['SELECT 2', false],
    ]);
  });
});

describe('markers', () => {
  it('SQL outside the markers is reported, not run; a file without up marker is read as up with a warning', async () => {
    const out = await readOne('CREATE TABLE early (id int);\n-- +goose Up\nSELECT 1;\n');
    expect(out.m.up.map((s) => s.text)).toEqual(['SELECT 1']);
    expect(out.findings).toEqual([
      '1_a.sql:1:1: warning[outside-markers]: statement outside the up and down markers: its tool never runs it, so it is left out (hint: move it below the up marker if it belongs to the migration)',
    ]);
    const dir = await tree({ '1_a.sql': '-- migrate:up\nSELECT 1;\n', '2_b.sql': 'SELECT 2;\n-- migrate:down\nSELECT 3;\n' });
    const { migrations, findings } = await readMigrations(['.'], { cwd: dir });
    expect(migrations[1]!.up.map((s) => s.text)).toEqual(['SELECT 2']);
    expect(migrations[1]!.down!.map((s) => s.text)).toEqual(['SELECT 3']);
    expect(findings.map((f) => [f.code, f.location?.file])).toEqual([['marker-missing', '2_b.sql']]);
  });

  it('an empty up section is reported', async () => {
    const { findings } = await readOne('-- migrate:up\n-- migrate:down\nDROP TABLE x;\n');
    expect(findings).toEqual(['1_a.sql:1:1: warning[empty-migration]: its up section has no SQL statement: it becomes an empty revision']);
  });
});

describe('COPY … FROM stdin data', () => {
  it('is cut out with an error finding; statements after the data are read normally', async () => {
    const sql = "CREATE TABLE t (a int, b text);\nCOPY public.t (a, b) FROM stdin;\n1\tit's\n\\N\tx;y\n\\.\nSELECT 2;\n";
    const { m, findings } = await readOne(sql);
    expect(m.up.map((s) => s.text)).toEqual(['CREATE TABLE t (a int, b text)', 'SELECT 2']);
    expect(m.up[1]!.location.line).toBe(6);
    expect(findings).toEqual([
      "1_a.sql:2:1: error[copy-from-stdin]: `COPY … FROM stdin` with 2 data row(s) is not converted: a revision cannot carry psql's inline data (hint: turn the rows into INSERT statements, or load them with psql separately)",
    ]);
  });

  it("an empty one (pg_dump's, for an empty table) is left out with an info finding: it loads nothing", async () => {
    const { m, findings } = await readOne('CREATE TABLE t (a int);\nCOPY public.t (a) FROM stdin;\n\\.\n');
    expect(m.up.map((s) => s.text)).toEqual(['CREATE TABLE t (a int)']);
    expect(findings).toEqual(['1_a.sql:2:1: info[copy-from-stdin]: `COPY … FROM stdin` without data rows is left out: it loads nothing']);
  });
});

describe('mostly-UTF-8 files with a broken byte', () => {
  it('keep their valid characters and mark the broken byte', async () => {
    const bytes = Buffer.concat([Buffer.from("SELECT 'é';\nSELECT '"), Buffer.from([0xff]), Buffer.from("';")]);
    const { m, findings } = await readOne(bytes);
    expect(m.up.map((s) => s.text)).toEqual(["SELECT 'é'", "SELECT '\uFFFD'"]);
    expect(findings).toEqual([
      '1_a.sql:2:9: error[invalid-utf8]: byte 0xff is not valid UTF-8; invalid bytes were replaced by U+FFFD (hint: check the non-ASCII text in the output, or re-save the file as UTF-8)',
    ]);
  });
});
