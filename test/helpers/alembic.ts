/**
 * Real Alembic (Debian's python3-alembic, run as `/usr/bin/python3 -m alembic`) over a
 * versions folder pgmend wrote or repaired. Never mocked: these tests exist to prove
 * that Alembic itself accepts what pgmend produces.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The interpreter with python3-alembic: Debian's, not whichever python3 is first on PATH. */
export const PYTHON = process.env.PGMEND_TEST_PYTHON ?? '/usr/bin/python3';

export interface AlembicProject {
  dir: string;
  ini: string;
  /** Runs `alembic <args>` and returns stdout+stderr; rejects with both on failure. */
  alembic(...args: string[]): Promise<string>;
}

/**
 * A throwaway Alembic project whose script_location holds `env.py` and whose
 * version_locations is `versionsDir`, connected to `databaseUrl` (postgres://…).
 */
export async function alembicProject(versionsDir: string, databaseUrl: string): Promise<AlembicProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-alembic-'));
  const sqlalchemyUrl = databaseUrl.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:');
  const ini = path.join(dir, 'alembic.ini');
  await writeFile(
    ini,
    [
      '[alembic]',
      `script_location = ${dir}`,
      `version_locations = ${path.resolve(versionsDir)}`,
      `sqlalchemy.url = ${sqlalchemyUrl.replaceAll('%', '%%')}`,
      '',
      '[loggers]\nkeys = root\n[handlers]\nkeys = console\n[formatters]\nkeys = generic',
      '[logger_root]\nlevel = WARN\nhandlers = console',
      '[handler_console]\nclass = StreamHandler\nargs = (sys.stderr,)\nlevel = NOTSET\nformatter = generic',
      '[formatter_generic]\nformat = %%(levelname)s %%(message)s',
      '',
    ].join('\n'),
  );
  await writeFile(
    path.join(dir, 'env.py'),
    `from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
`,
  );
  await writeFile(path.join(dir, 'script.py.mako'), '');
  return {
    dir,
    ini,
    alembic: async (...args) => {
      try {
        const { stdout, stderr } = await run(PYTHON, ['-m', 'alembic', '-c', ini, ...args], { cwd: dir, maxBuffer: 64 << 20 });
        return stdout + stderr;
      } catch (e) {
        const err = e as Error & { stdout?: string; stderr?: string };
        throw new Error(`alembic ${args.join(' ')} failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
      }
    },
  };
}
