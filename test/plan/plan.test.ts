import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PgmendError } from '../../src/errors.js';
import {
  attachPoint,
  DEFAULT_NAMING,
  namingFor,
  nextNumber,
  planRevisions,
  readExistingChain,
  type ConvertedMigration,
  type PlanOptions,
} from '../../src/plan/index.js';
import { createDateFor, FIXED_CREATE_DATE } from '../../src/plan/create-date.js';
import { alembicFileBase, slugify } from '../../src/plan/file-name.js';

const migration = (version: string, name: string, texts: string[]): ConvertedMigration => ({
  file: `${version}_${name}.sql`,
  version,
  name,
  upgrade: texts.map((sql, i) => ({ kind: 'sql', sql, origin: { file: `${version}_${name}.sql`, line: i + 1, column: 1 } })),
  downgrade: [],
});
const MIGRATIONS = [migration('0001', 'create_users', ['CREATE TABLE users ()']), migration('0002', 'add-email', ['ALTER TABLE users ADD email text'])];
const OPTIONS: PlanOptions = { format: 'alembic', squash: false, parent: null, naming: DEFAULT_NAMING, firstNumber: 1, numberWidth: 4 };

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'pgmend-plan-'));
}

describe('planRevisions', () => {
  it('chains one revision per migration with stable 12-hex ids', () => {
    const a = planRevisions(MIGRATIONS, OPTIONS);
    expect(a.map((r) => r.parent)).toEqual([null, a[0]!.id]);
    for (const r of a) expect(r.id).toMatch(/^[0-9a-f]{12}$/);
    expect(planRevisions(MIGRATIONS, OPTIONS)).toEqual(a);
    expect(a.map((r) => r.fileBase)).toEqual([`${a[0]!.id}_create_users`, `${a[1]!.id}_add_email`]);
    expect(a[1]!.message).toBe('add email');
  });

  it('changes the id when the source, its version or the parent changes; a fixed statement keeps it', () => {
    const base = planRevisions(MIGRATIONS, OPTIONS)[0]!.id;
    // Fixed and converted again, the source's revision is replaced in place.
    expect(planRevisions([migration('0001', 'create_users', ['CREATE TABLE users (id int)'])], OPTIONS)[0]!.id).toBe(base);
    expect(planRevisions([{ ...migration('0001', 'create_users', []), file: 'other/0001_create_users.sql' }], OPTIONS)[0]!.id).not.toBe(base);
    expect(planRevisions([migration('0003', 'create_users', ['CREATE TABLE users ()'])], OPTIONS)[0]!.id).not.toBe(base);
    expect(planRevisions(MIGRATIONS, { ...OPTIONS, parent: 'aaaaaaaaaaaa' })[0]!.id).not.toBe(base);
  });

  it('squashes into one revision whose downgrade undoes the last migration first', () => {
    const m1 = { ...MIGRATIONS[0]!, downgrade: [{ kind: 'note' as const, text: 'one', origin: { file: 'a', line: 1, column: 1 } }] };
    const m2 = { ...MIGRATIONS[1]!, downgrade: [{ kind: 'note' as const, text: 'two', origin: { file: 'b', line: 1, column: 1 } }] };
    const [r, ...rest] = planRevisions([m1, m2], { ...OPTIONS, squash: true });
    expect(rest).toEqual([]);
    expect(r!.upgrade.map((s) => (s.kind === 'sql' ? s.sql : ''))).toEqual(['CREATE TABLE users ()', 'ALTER TABLE users ADD email text']);
    expect(r!.downgrade.map((s) => (s.kind === 'note' ? s.text : ''))).toEqual(['two', 'one']);
    expect(r!.message).toBe('squash of 2 migrations, 0001 to 0002');
  });

  it('numbers files for the sql and node-pg-migrate formats', () => {
    const r = planRevisions(MIGRATIONS, { ...OPTIONS, format: 'sql', firstNumber: 12, numberWidth: 4 });
    expect(r.map((x) => x.fileBase)).toEqual(['0012_create_users', '0013_add_email']);
  });
});

describe('naming', () => {
  it('follows Alembic’s slug rule and truncation', () => {
    expect(slugify('Add users: email & name!', 40)).toBe('add_users_email_name');
    expect(slugify('a very long message that goes on and on and on', 20)).toBe('a_very_long_message_');
  });

  it('applies file_template tokens from the alembic.ini beside the versions folder', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'alembic', 'versions'), { recursive: true });
    await writeFile(
      path.join(dir, 'alembic.ini'),
      '[alembic]\nscript_location = alembic\nfile_template = %%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d-%%(rev)s_%%(slug)s\ntruncate_slug_length = 10\n[other]\nfile_template = nope\n',
    );
    const naming = await namingFor(path.join(dir, 'alembic', 'versions'));
    expect(naming.truncateSlugLength).toBe(10);
    const date = new Date(Date.UTC(2024, 0, 5, 7, 9, 3));
    expect(alembicFileBase(naming, 'abc', slugify('create users table', 10), date)).toBe('2024_01_05_0709-abc_create_');
    expect(alembicFileBase({ ...naming, fileTemplate: '%(epoch)s_%(rev)s' }, 'abc', 's', date)).toBe(`${date.getTime() / 1000}_abc`);
    expect(() => alembicFileBase({ ...naming, fileTemplate: '%(nope)s' }, 'abc', 's', date)).toThrow(PgmendError);
    expect(await namingFor(path.join(dir, 'elsewhere', 'a', 'b'))).toEqual(DEFAULT_NAMING);
  });

  it("takes file_template from pyproject.toml's [tool.alembic] when no alembic.ini sets it", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'alembic', 'versions'), { recursive: true });
    await writeFile(path.join(dir, 'alembic.ini'), '[alembic]\nsqlalchemy.url = driver://\n');
    await writeFile(path.join(dir, 'pyproject.toml'), '[tool.alembic]\nscript_location = "%(here)s/alembic"\nfile_template = "%%(rev)s-%%(slug)s"\ntruncate_slug_length = 12\n');
    const naming = await namingFor(path.join(dir, 'alembic', 'versions'));
    expect(naming).toEqual({ fileTemplate: '%(rev)s-%(slug)s', truncateSlugLength: 12, ini: path.join(dir, 'alembic.ini') });
  });

  it('derives Create Date from timestamp versions, else a fixed date', () => {
    expect(createDateFor('20140924113530').toISOString()).toBe('2014-09-24T11:35:30.000Z');
    expect(createDateFor('2017-09-23-182408').toISOString()).toBe('2017-09-23T18:24:08.000Z');
    expect(createDateFor('20240101').toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(createDateFor('0001')).toEqual(FIXED_CREATE_DATE);
    expect(createDateFor('20241399999999')).toEqual(FIXED_CREATE_DATE);
    // Unix time: seconds (golang-migrate -format unix), milliseconds (Hasura), nanoseconds.
    expect(createDateFor('1650625582').toISOString()).toBe('2022-04-22T11:06:22.000Z');
    expect(createDateFor('1650625582906').toISOString()).toBe('2022-04-22T11:06:22.000Z');
    expect(createDateFor('1650625582906123456').toISOString()).toBe('2022-04-22T11:06:22.000Z');
    expect(createDateFor('0000000042')).toEqual(FIXED_CREATE_DATE); // a counter, not a time
  });

  it('continues numbering after the highest prefix in the folder', async () => {
    const dir = await tempDir();
    expect(await nextNumber(path.join(dir, 'missing'))).toEqual({ first: 1, width: 4 });
    await writeFile(path.join(dir, '0007_x.up.sql'), '');
    await writeFile(path.join(dir, '20240101120000_y.js'), '');
    expect(await nextNumber(dir)).toEqual({ first: 20240101120001, width: 14 });
    // the folder already holds this conversion (its first file is 0007_x): number it the same again
    expect(await nextNumber(dir, 'x')).toEqual({ first: 7, width: 14 });
  });
});

describe('existing chain', () => {
  const rev = (id: string, down: string) => `"""x"""\nfrom alembic import op\nrevision: str = '${id}'\ndown_revision: Union[str, None] = ${down}  # parent\n`;

  it('finds the single head of a folder, and none in a missing folder', async () => {
    const dir = await tempDir();
    expect((await readExistingChain(path.join(dir, 'none'))).head).toBeNull();
    await writeFile(path.join(dir, 'a.py'), rev('aaa', 'None'));
    await writeFile(path.join(dir, 'b.py'), rev('bbb', "'aaa'"));
    await writeFile(path.join(dir, '__init__.py'), '');
    await writeFile(path.join(dir, 'notes.txt'), 'revision = "zzz"');
    expect((await readExistingChain(dir)).head).toBe('bbb');
  });

  it('refuses several heads, a dangling parent or an unreadable revision file', async () => {
    for (const files of [
      { 'a.py': rev('aaa', 'None'), 'b.py': rev('bbb', "'aaa'"), 'c.py': rev('ccc', "'aaa'") },
      { 'b.py': rev('bbb', "'missing'") },
      { 'a.py': 'print("no revision here")' },
    ]) {
      const dir = await tempDir();
      for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
      await expect(readExistingChain(dir)).rejects.toMatchObject({ code: 'output-chain-broken' });
    }
  });

  it('refuses an Alembic script directory, naming the versions folder inside it', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'versions'));
    await writeFile(path.join(dir, 'env.py'), '');
    await expect(readExistingChain(dir)).rejects.toMatchObject({ code: 'output-chain-broken', message: expect.stringContaining(path.join(dir, 'versions')) });
  });

  it('re-attaches a repeated conversion where it was attached before', async () => {
    const dir = await tempDir();
    const planned = planRevisions(MIGRATIONS, { ...OPTIONS, parent: 'aaa' });
    await writeFile(path.join(dir, 'a.py'), rev('aaa', 'None'));
    await writeFile(path.join(dir, '1.py'), rev(planned[0]!.id, "'aaa'"));
    await writeFile(path.join(dir, '2.py'), rev(planned[1]!.id, `'${planned[0]!.id}'`));
    const chain = await readExistingChain(dir);
    expect(chain.head).toBe(planned[1]!.id);
    expect(attachPoint(MIGRATIONS, false, chain)).toBe('aaa');
    expect(attachPoint([migration('0009', 'other', ['SELECT 1'])], false, chain)).toBe(planned[1]!.id);
  });
});
