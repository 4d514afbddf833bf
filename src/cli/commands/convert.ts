import type { CommandModule } from '../main.js';
import { DEFAULT_PG_VERSION, OUTPUT_FORMATS, type ConvertReport } from '../../convert/types.js';
import { formatLocation, EXIT } from '../../errors.js';
import { formatFinding } from '../../findings.js';
import { INPUT_FORMATS, type InputFormat } from '../../input/types.js';
import type { OutputFormat } from '../../plan/index.js';
import { EXIT_CODES_HELP, progressBar, type CliIo } from '../io.js';

/** `pgmend convert` — a thin shell over convert(): flags in, report out. */
export const convertCommand: CommandModule = (y, ctx) =>
  y.command(
    'convert <inputs..>',
    'Convert legacy SQL migrations into idempotent, reversible revisions (Alembic by default)',
    (c) =>
      c
        .positional('inputs', { type: 'string', array: true, describe: 'Migration files and/or folders, in any layout pgmend recognises' })
        .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'Output folder (for Alembic: the versions folder; an alembic.ini beside or above it sets file_template)' })
        .option('format', { alias: 'f', choices: OUTPUT_FORMATS, default: 'alembic', describe: 'What to write: Alembic revisions, NNNN_name.up/down.sql pairs, or node-pg-migrate JS files' })
        .option('input-format', { choices: INPUT_FORMATS, describe: 'Force the input layout instead of detecting it' })
        .option('pg-version', { type: 'number', default: DEFAULT_PG_VERSION, describe: 'Target Postgres major version (12-18): decides which IF NOT EXISTS / OR REPLACE forms exist' })
        .option('squash', { type: 'boolean', default: false, describe: 'Write one revision for all migrations instead of one per migration' })
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite output files that already exist' })
        .option('strict', { type: 'boolean', default: false, describe: 'Write nothing and exit 1 if anything needs review (a statement, an error, a downgrade that can only raise, an input file left out)' })
        .option('dry-run', { type: 'boolean', default: false, describe: 'Write nothing; with --json the report carries every file' })
        .option('templates', { type: 'string', describe: 'Folder of Handlebars templates overriding the built-in ones file by file (same file names; missing ones come from the built-in set)' })
        .option('create-date', { type: 'string', describe: 'Create Date (UTC) for every revision; default: from each source version when it is a timestamp, else 2000-01-01 00:00:00' })
        .option('search-path', { type: 'string', describe: "The search_path the migrations ran with, their tool's default schema first (e.g. Flyway's defaultSchema): app,public. Unqualified names mean objects in its first schema" })
        .option('verify', { type: 'boolean', default: false, describe: 'Replay the revisions in an embedded Postgres (PGlite, no server needed): upgrade, upgrade again, downgrade, upgrade' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the full report as JSON on stdout' })
        .example('$0 convert db/migrations -o alembic/versions', 'Convert a folder into Alembic revisions after the existing head')
        .example('$0 convert schema.sql --squash -o alembic/versions --pg-version 16', 'One revision from a pg_dump-style file, for Postgres 16')
        .example('$0 convert migrations -o out --format sql --dry-run --json', 'Show what would be written as NNNN_name.up.sql / .down.sql, as JSON')
        .example('$0 convert migrations -o migrations-pgm --format node-pg-migrate --strict', 'node-pg-migrate files; fail without writing if anything needs review')
        .example('$0 convert migrations -o alembic/versions --verify', 'Also replay the result in an embedded Postgres (no server needed)')
        .example('$0 convert src/main/resources/db/migration -o alembic/versions --search-path conductor', 'Flyway migrations that ran with defaultSchema=conductor')
        .epilog(EXIT_CODES_HELP),
    async (argv) => {
      const { convert } = await import('../../convert/index.js'); // on use: `pgmend --help` starts without it
      const report = await convert({
        inputs: argv.inputs as string[],
        outDir: argv.out,
        format: argv.format as OutputFormat,
        inputFormat: argv['input-format'] as InputFormat | undefined,
        pgVersion: argv['pg-version'],
        squash: argv.squash,
        force: argv.force,
        strict: argv.strict,
        dryRun: argv['dry-run'],
        templatesDir: argv.templates,
        createDate: argv['create-date'],
        verify: argv.verify,
        searchPath: argv['search-path'] === undefined ? undefined : argv['search-path'].split(',').map((s) => s.trim()),
        onProgress: progressBar(ctx.io, 'converting'),
      }).catch((e: unknown) => {
        // --strict refused: a --json run still gets the report it would have written.
        const refused = (e as { report?: unknown }).report;
        if (argv.json && refused) ctx.io.out(`${JSON.stringify(refused, null, 2)}\n`);
        throw e;
      });
      if (argv.json) ctx.io.out(`${JSON.stringify(report, null, 2)}\n`);
      printSummary(ctx.io, report);
      ctx.setExitCode(report.needsReview ? EXIT.findings : EXIT.ok);
    },
  );

/** People-facing summary on stderr: counts per fate, then every item that needs a person. */
function printSummary(io: CliIo, report: ConvertReport): void {
  const { kept, idempotent, review } = report.counts;
  const what = report.written ? `wrote ${report.files.length} file(s) to ${report.outDir}` : `dry run: would write ${report.files.length} file(s) to ${report.outDir}`;
  io.err(`pgmend convert: ${report.revisions.length} revision(s); ${what}\n`);
  // Errors that are no reviewed statement's (COPY data left out, …) also need a person: counted too.
  const reviewed = new Set(report.statements.filter((st) => st.fate === 'review').map((st) => formatLocation(st.location)));
  const errors = report.findings.filter((f) => f.severity === 'error' && !f.code.startsWith('verify-') && !(f.location && reviewed.has(formatLocation(f.location)))).length;
  io.err(`  ${idempotent} made idempotent, ${kept} kept as written, ${review} need review${errors ? `; ${errors} error finding(s) below` : ''}\n`);
  if (!report.written) for (const f of report.files) io.err(`  ${f.path}\n`);
  if (report.verify) io.err(`  verify in the embedded Postgres: ${verifySummary(report.verify)}\n`);
  // Every review item once: its finding when the rule gave one, else the statement's own line.
  const explained = new Set(report.findings.map((f) => (f.location ? formatLocation(f.location) : '')));
  for (const f of report.findings) io.err(`${formatFinding(f)}\n`);
  for (const s of report.statements) {
    if (s.fate === 'review' && !explained.has(formatLocation(s.location))) io.err(`${formatLocation(s.location)}: review: ${s.how}\n`);
  }
}

function verifySummary(v: { failures: number; stopped: boolean }): string {
  if (v.failures) return `${v.failures} failure(s), see below`;
  return v.stopped ? 'upgrade and re-run ran; the downgrade stops by design where noted below' : 'upgrade, re-run, downgrade, upgrade and the whole chain again at head all ran';
}
