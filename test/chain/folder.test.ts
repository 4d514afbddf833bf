import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkChain, findVersionLocations, readVersionsFolder } from '../../src/chain/index.js';
import { splitLocations } from '../../src/chain/read/alembic-ini.js';
import { revisionText } from './fixtures.js';

function project(ini: string, files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pgmend-chain-ini-'));
  writeFileSync(path.join(root, 'alembic.ini'), ini);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('alembic.ini and version locations', () => {
  it('script_location with %(here)s, default versions/ below it, version_table from env.py', () => {
    const root = project('[alembic]\nscript_location = %(here)s/db\n', {
      'db/env.py': "context.configure(connection=c, version_table='schema_versions', version_table_schema=\"meta\")\n",
      'db/versions/aaaa0001_x.py': revisionText({ id: 'aaaa0001' }),
    });
    const loc = findVersionLocations(root);
    expect(loc.locations).toEqual([path.join(root, 'db', 'versions')]);
    expect(loc.versionTable).toBe('schema_versions');
    expect(loc.versionTableSchema).toBe('meta');
    expect(readVersionsFolder(root).files.map((f) => f.revision)).toEqual(['aaaa0001']);
  });

  it('version_table from a module constant of env.py; an expression pgmend cannot read is kept, and --db refuses to guess', async () => {
    const root = project('[alembic]\nscript_location = db\n', {
      'db/env.py': 'VERSION_TABLE = "app_versions"\ncontext.configure(version_table=VERSION_TABLE, version_table_schema=None)\n',
      'db/versions/aaaa0001_x.py': revisionText({ id: 'aaaa0001' }),
    });
    expect(findVersionLocations(root)).toMatchObject({ versionTable: 'app_versions', versionTableSchema: undefined });
    expect(findVersionLocations(root).versionTableUnread).toBeUndefined();
    writeFileSync(path.join(root, 'db/env.py'), 'context.configure(version_table=settings.VERSION_TABLE)\n');
    expect(findVersionLocations(root).versionTableUnread).toBe('version_table=settings.VERSION_TABLE');
    await expect(checkChain(root, { db: { url: 'postgres://127.0.0.1:1/x' } })).rejects.toMatchObject({ code: 'usage', message: expect.stringContaining('version_table=settings.VERSION_TABLE') });
  });

  it('a relative script_location is found from the current directory, beside the ini, or above it (as a package root)', () => {
    // sahara: alembic.ini in sahara/db/migration names sahara/db/migration/alembic_migrations,
    // relative to the folder its own tool runs Alembic from.
    const root = project('', { 'app/db/alembic_migrations/versions/a1_init.py': revisionText({ id: 'a1' }) });
    writeFileSync(path.join(root, 'app/db/alembic.ini'), '[alembic]\nscript_location = app/db/alembic_migrations\n');
    expect(findVersionLocations(path.join(root, 'app/db')).locations).toEqual([path.join(root, 'app/db/alembic_migrations/versions')]);
    // Alembic's own rule (the working directory) when that is where the path exists.
    const cwd = project('', { 'elsewhere/migrations/versions/b1_init.py': revisionText({ id: 'b1' }) });
    const previous = process.cwd();
    try {
      process.chdir(path.join(cwd, 'elsewhere'));
      expect(findVersionLocations(path.join(root, 'app/db')).locations).toEqual([path.join(root, 'app/db/alembic_migrations/versions')]);
      writeFileSync(path.join(root, 'app/db/alembic.ini'), '[alembic]\nscript_location = migrations\n');
      expect(findVersionLocations(path.join(root, 'app/db')).locations).toEqual([path.join(cwd, 'elsewhere/migrations/versions')]);
    } finally {
      process.chdir(previous);
    }
  });

  it('the working directory comes first, as Alembic resolves a relative path there', () => {
    const root = project('', { 'migrations/versions/a1_x.py': revisionText({ id: 'a1' }), 'config/migrations/versions/z9_x.py': revisionText({ id: 'z9' }) });
    writeFileSync(path.join(root, 'config/alembic.ini'), '[alembic]\nscript_location = migrations\n');
    const previous = process.cwd();
    try {
      process.chdir(root);
      expect(readVersionsFolder('config/alembic.ini').files.map((f) => f.revision)).toEqual(['a1']);
    } finally {
      process.chdir(previous);
    }
  });

  it('configparser interpolation: keys of [DEFAULT], %(key)s of the section; no [alembic] or no script_location stops, as in Alembic', () => {
    const files = { 'db/migrations/versions/a1_x.py': revisionText({ id: 'a1' }) };
    expect(readVersionsFolder(project('[DEFAULT]\nbase = %(here)s/db\n[alembic]\nscript_location = %(base)s/migrations\n', files)).files.map((f) => f.revision)).toEqual(['a1']);
    expect(readVersionsFolder(project('[DEFAULT]\nscript_location = %(here)s/db/migrations\n[alembic]\nsqlalchemy.url = sqlite://\n', files)).files.map((f) => f.revision)).toEqual(['a1']);
    expect(() => findVersionLocations(project('[db2]\nscript_location = db/migrations\n', files))).toThrow(expect.objectContaining({ code: 'input-unreadable', message: expect.stringContaining('has no [alembic] section (it has [db2])') }));
    expect(() => findVersionLocations(project('[alembic]\nsqlalchemy.url = sqlite://\n', files))).toThrow(expect.objectContaining({ message: expect.stringContaining("No 'script_location' key found") }));
  });

  it('a package resource in a src layout, and one with several colons', () => {
    const root = project('[alembic]\nscript_location = myapp.db:migrations\nversion_locations = myapp:db:migrations:versions\n', { 'src/myapp/db/migrations/versions/a1_x.py': revisionText({ id: 'a1' }), 'src/myapp/__init__.py': '' });
    expect(readVersionsFolder(root).files.map((f) => f.revision)).toEqual(['a1']);
  });

  it('a package resource script_location (`pkg.sub:migrations`) is found below a folder above the ini', () => {
    // rally: script_location = rally.common.db:migrations, the ini inside that package.
    const root = project('', { 'rally/common/db/migrations/versions/a1_init.py': revisionText({ id: 'a1' }), 'rally/common/db/__init__.py': '' });
    writeFileSync(path.join(root, 'rally/common/db/alembic.ini'), '[alembic]\nscript_location = rally.common.db:migrations\n');
    expect(readVersionsFolder(path.join(root, 'rally/common/db')).files.map((f) => f.revision)).toEqual(['a1']);
  });

  it('a version location below another one is not a subfolder left unread (keystone: versions/ and versions/2024/expand)', async () => {
    const root = project('[alembic]\nscript_location = %(here)s/migrations\nversion_locations = %(here)s/migrations/versions %(here)s/migrations/versions/2024/expand\n', {
      'migrations/versions/aaa_base.py': revisionText({ id: 'aaa' }),
      'migrations/versions/2024/expand/bbb_expand.py': revisionText({ id: 'bbb', down: 'aaa', labels: ['expand'] }),
    });
    const report = await checkChain(root);
    expect(report.heads).toEqual(['bbb']);
    expect(report.problems).toEqual([]);
    writeFileSync(path.join(root, 'migrations/versions/2024/stray.py'), revisionText({ id: 'ccc', down: 'aaa' }));
    expect((await checkChain(root)).problems.map((p) => `${p.code} ${p.file}`)).toEqual([`subfolder-not-read ${path.join(root, 'migrations/versions/2024')}`]);
  });

  it('a revision file named instead of its folder is a usage error naming the folder', () => {
    const root = project('[alembic]\nscript_location = db\n', { 'db/versions/aaaa0001_x.py': revisionText({ id: 'aaaa0001' }) });
    expect(() => findVersionLocations(path.join(root, 'db/versions/aaaa0001_x.py'))).toThrow(expect.objectContaining({ code: 'usage', hint: expect.stringContaining(path.join(root, 'db/versions')) }));
  });

  it('version_locations (legacy split on spaces and commas), recursive_version_locations, continuation lines', () => {
    const root = project(
      '[alembic]\nscript_location = db\n# comment\nversion_locations = %(here)s/a,\n    %(here)s/b\nrecursive_version_locations = true\nfile_template = %%(year)d_%%(rev)s_%%(slug)s\n',
      {
        'a/aaaa0001_x.py': revisionText({ id: 'aaaa0001' }),
        'b/nested/bbbb0002_y.py': revisionText({ id: 'bbbb0002', down: 'aaaa0001' }),
      },
    );
    const f = readVersionsFolder(root);
    expect(f.locations).toEqual([path.join(root, 'a'), path.join(root, 'b')]);
    expect(f.fileTemplate).toBe('%(year)d_%(rev)s_%(slug)s');
    expect(f.files.map((x) => x.relPath)).toEqual(['aaaa0001_x.py', path.join('nested', 'bbbb0002_y.py')]);
  });

  it('pyproject.toml [tool.alembic] (Alembic 1.16+): used where there is no ini, and for what the ini leaves out', () => {
    const toml = '[project]\nname = "app"\n\n[tool.alembic]\nscript_location = "%(here)s/migrations"\nversion_locations = [\n  "%(here)s/migrations/versions",\n  "%(here)s/extra",\n]\nrecursive_version_locations = true\nfile_template = "%%(year)d-%%(rev)s_%%(slug)s"\n';
    const files = {
      'pyproject.toml': toml,
      'migrations/env.py': '',
      'migrations/versions/aaaa0001_x.py': revisionText({ id: 'aaaa0001' }),
      'extra/deep/bbbb0002_y.py': revisionText({ id: 'bbbb0002', down: 'aaaa0001' }),
    };
    const onlyToml = project('', files);
    rmSync(path.join(onlyToml, 'alembic.ini'));
    const f = readVersionsFolder(onlyToml);
    expect(f.locations).toEqual([path.join(onlyToml, 'migrations', 'versions'), path.join(onlyToml, 'extra')]);
    expect(f.fileTemplate).toBe('%(year)d-%(rev)s_%(slug)s');
    expect(f.files.map((x) => x.revision)).toEqual(['aaaa0001', 'bbbb0002']);
    expect(readVersionsFolder(path.join(onlyToml, 'pyproject.toml')).files).toHaveLength(2);
    // The pyproject template's alembic.ini keeps only the database URL: the rest comes from the toml.
    const both = project('[alembic]\nsqlalchemy.url = postgresql://localhost/app\nrecursive_version_locations = false\n', files);
    const g = readVersionsFolder(both);
    expect(g.locations).toEqual([path.join(both, 'migrations', 'versions'), path.join(both, 'extra')]);
    expect(g.recursive).toBe(false); // the ini wins where both say
    expect(g.files.map((x) => x.revision)).toEqual(['aaaa0001']);
  });

  it('a pyproject.toml without [tool.alembic] is not a configuration', () => {
    const root = project('', { 'pyproject.toml': '[project]\nname = "app"\n', 'versions/aaaa0001_x.py': revisionText({ id: 'aaaa0001' }) });
    rmSync(path.join(root, 'alembic.ini'));
    expect(findVersionLocations(root).locations).toEqual([path.join(root, 'versions')]);
    expect(() => findVersionLocations(path.join(root, 'pyproject.toml'))).toThrow(/no \[tool.alembic\] table/);
  });

  it('version_path_separator options', () => {
    expect(splitLocations('a b,c', undefined)).toEqual(['a', 'b', 'c']);
    expect(splitLocations('a b;c d', ';')).toEqual(['a b', 'c d']);
    expect(splitLocations('a b:c', 'space')).toEqual(['a', 'b:c']);
    expect(splitLocations('a:b', 'os')).toEqual(['a', 'b']);
  });

  it('sourceless: a compiled revision without source is listed as skipped, not read', () => {
    const root = project('[alembic]\nscript_location = db\nsourceless = true\n', {
      'db/versions/aaaa0001_x.py': revisionText({ id: 'aaaa0001' }),
      'db/versions/bbbb0002_y.pyc': 'binary',
      'db/versions/__pycache__/aaaa0001_x.cpython-311.pyc': 'binary',
    });
    const f = readVersionsFolder(root);
    expect(f.files.map((x) => x.revision)).toEqual(['aaaa0001']);
    expect(f.skipped.map((s) => path.basename(s.file))).toEqual(['bbbb0002_y.pyc']);
  });

  it('sourceless: Alembic loads the compiled revision, so check warns and does not claim heads', async () => {
    const root = project('[alembic]\nscript_location = db\nsourceless = true\n', {
      'db/versions/aaaa0001_x.py': revisionText({ id: 'aaaa0001' }),
      'db/versions/bbbb0002_y.pyc': 'binary',
    });
    const report = await checkChain(root);
    expect(report.problems.map((p) => `${p.severity}:${p.code}`)).toEqual(['warning:not-a-revision']);
    expect(report.context.unreadable).toBe(true);
  });

  it("a date-prefixed file_template with '-' before the id is no id-mismatch", async () => {
    const root = project('[alembic]\nscript_location = db\nfile_template = %%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d-%%(rev)s_%%(slug)s\n', {
      'db/versions/2024_01_02_0304-a1b2c3d4e5f6_init.py': revisionText({ id: 'a1b2c3d4e5f6' }),
    });
    expect((await checkChain(root)).problems).toEqual([]);
  });

  it('without sourceless, compiled files are ignored', () => {
    const root = project('[alembic]\nscript_location = db\n', {
      'db/versions/aaaa0001_x.py': revisionText({ id: 'aaaa0001' }),
      'db/versions/bbbb0002_y.pyc': 'binary',
    });
    expect(readVersionsFolder(root).skipped).toEqual([]);
  });
});
