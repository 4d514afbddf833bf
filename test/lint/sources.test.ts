import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PgmendError } from '../../src/errors.js';
import { findSources } from '../../src/lint/sources.js';

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-lint-src-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

const rel = (dir: string, sources: Array<{ path: string; kind: string }>) => sources.map((s) => `${s.kind} ${path.relative(dir, s.path)}`);

describe('findSources', () => {
  it('reads an Alembic project where alembic.ini points: script_location and version_locations', async () => {
    const dir = await tree({
      'alembic.ini': '[alembic]\nscript_location = db/migrations\nversion_locations = %(here)s/db/migrations/versions %(here)s/extra\n',
      'db/migrations/env.py': '',
      'db/migrations/versions/a1_first.py': '',
      'db/migrations/versions/__init__.py': '',
      'db/migrations/versions/notes.sql': 'SELECT 1;',
      'extra/b2_second.py': '',
      'src/app.py': '',
    });
    expect(rel(dir, await findSources([dir]))).toEqual(['alembic db/migrations/versions/a1_first.py', 'alembic extra/b2_second.py']);
    expect(rel(dir, await findSources([path.join(dir, 'alembic.ini')]))).toEqual(['alembic db/migrations/versions/a1_first.py', 'alembic extra/b2_second.py']);
  });

  it('reads a script folder (env.py + versions/) as Alembic does, not env.py itself', async () => {
    const dir = await tree({ 'env.py': '', 'versions/a1.py': '', 'script.py.mako': '' });
    expect(rel(dir, await findSources([dir]))).toEqual(['alembic versions/a1.py']);
  });

  it('lists .py and .sql files of other folders recursively, sorted, each once', async () => {
    const dir = await tree({ 'b/002.sql': '', 'a/001.up.sql': '', 'a/001.down.SQL': '', 'r/x.py': '', 'r/__pycache__/x.py': '', 'README.md': '' });
    const sources = await findSources([dir, path.join(dir, 'b/002.sql')]);
    expect(rel(dir, sources)).toEqual(['sql a/001.down.SQL', 'sql a/001.up.sql', 'sql b/002.sql', 'alembic r/x.py']);
  });

  it('stops with input-not-found for a path that does not exist', async () => {
    await expect(findSources(['/nonexistent/pgmend'])).rejects.toMatchObject({ code: 'input-not-found' });
    await expect(findSources(['/nonexistent/pgmend'])).rejects.toBeInstanceOf(PgmendError);
  });
});
