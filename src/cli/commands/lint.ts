import { EXIT_CODES_HELP } from '../io.js';
import type { CommandModule } from '../main.js';
import { PgmendError } from '../../errors.js';

/** `pgmend lint PATH...` — a thin shell over lint() in src/lint. */
export const lintCommand: CommandModule = (y, ctx) =>
  y.command(
    'lint <paths..>',
    'Check migrations: writes to protected schemas, non-rerunnable and destructive statements, CONCURRENTLY in a transaction, missing downgrades',
    (c) =>
      c
        .positional('paths', { type: 'string', array: true, describe: 'Alembic projects (alembic.ini) or versions folders, .py revisions, .sql files or folders', demandOption: true })
        .option('protect-schema', { type: 'string', array: true, default: [], describe: 'A schema no migration may write to (repeatable)' })
        .option('protect-table', { type: 'string', array: true, default: [], describe: 'A table (schema.table or table) no migration may write to (repeatable)' })
        .option('db', { type: 'string', describe: "Resolve unqualified names with this database's search_path and tables (postgres://…)" })
        .option('pg-version', { type: 'number', describe: 'Target Postgres major version without --db', default: 12 })
        .option('format', { choices: ['human', 'json', 'sarif'] as const, default: 'human' as const, describe: 'Output format' })
        .option('json', { type: 'boolean', default: false, describe: 'Same as --format json' })
        .option('max-warnings', { type: 'number', default: 0, describe: 'Exit 0 with up to this many warnings (errors always fail)' })
        .example('$0 lint alembic/ --protect-schema crm --db postgres://localhost/app', 'Flag migrations that write to schema crm, resolving unqualified names as the database would')
        .epilog(EXIT_CODES_HELP),
    async (argv) => {
      const pgVersion = argv['pg-version'];
      if (!Number.isInteger(pgVersion) || pgVersion < 9 || pgVersion > 18) throw new PgmendError('usage', `--pg-version ${pgVersion} is not a Postgres major version`, undefined, 'use 9 to 18');
      if (argv.json && argv.format !== 'human' && argv.format !== 'json') throw new PgmendError('usage', `--json and --format ${argv.format} ask for two outputs`, undefined, 'use one of them');
      const maxWarnings = argv['max-warnings'];
      if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new PgmendError('usage', `--max-warnings ${maxWarnings} is not a count`, undefined, 'use 0 or more');
      const { formatLintHuman, formatLintJson, lint, lintExitCode, toSarif } = await import('../../lint/index.js');
      const report = await lint({
        paths: argv.paths as string[],
        protectSchemas: argv['protect-schema'] as string[],
        protectTables: argv['protect-table'] as string[],
        ...(argv.db ? { db: argv.db } : {}),
        pgVersion,
      });
      const format = argv.json ? 'json' : argv.format;
      if (format === 'json') ctx.io.out(formatLintJson(report));
      else if (format === 'sarif') ctx.io.out(`${JSON.stringify(toSarif(report), null, 2)}\n`);
      else ctx.io.out(formatLintHuman(report));
      ctx.setExitCode(lintExitCode(report, maxWarnings));
    },
  );
