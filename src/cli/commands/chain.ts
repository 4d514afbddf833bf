import { EXIT_CODES_HELP } from '../io.js';
import type { Argv } from 'yargs';
import type { DatabaseOptions, RepairDecision } from '../../chain/index.js';
import { GRAPH_FORMATS, type GraphFormat } from '../../chain/types.js';
import { EXIT, PgmendError } from '../../errors.js';
import type { CommandContext, CommandModule } from '../main.js';

/** `pgmend chain check|repair|reconcile|graph PATH`: thin shells over the chain library. */
export const chainCommand: CommandModule = (y, ctx) =>
  y.command('chain', 'Check, repair, reconcile and draw an Alembic revision chain', (c) =>
    c
      .command('check <path>', 'Diagnose a versions folder (or a project root with alembic.ini)', (a) =>
        withDb(withPath(a))
          .option('json', { type: 'boolean', default: false, describe: 'Print the report as JSON' })
          .option('max-heads', { type: 'number', describe: 'More heads than this is an error (CI gate)' }),
        async (argv) => {
          // The check alone, not the whole chain library: the command starts sooner.
          const { checkChain, chainHasErrors, chainReportJson, chainReportText } = await import('../../chain/check.js');
          const report = await checkChain(argv.path, { maxHeads: maxHeads(argv.maxHeads), db: dbOptions(argv) });
          ctx.io.out(argv.json ? chainReportJson(report) : chainReportText(report));
          ctx.setExitCode(chainHasErrors(report.problems) ? EXIT.findings : EXIT.ok);
        },
      )
      .command('repair <path>', 'Fix the chain with minimal edits (backups kept)', (a) =>
        withDb(withPath(a))
          .option('strategy', { choices: ['merge', 'linear'] as const, default: 'merge' as const, describe: 'How to join several heads' })
          .option('dry-run', { type: 'boolean', default: false, describe: 'Print the unified diff; write nothing' })
          .option('yes', { type: 'boolean', default: false, describe: 'Accept fixes inferred below full confidence' })
          .option('map', { type: 'string', array: true, describe: 'OLD=NEW: where a reference should point (NEW may be None)' })
          .option('max-heads', { type: 'number', describe: 'Join heads only when there are more than this (default: whenever branch labels do not explain them)' }),
        async (argv) => {
          const { checkChain, chainHasErrors, chainReportText, repairChain } = await chain();
          const result = await repairChain(argv.path, {
            strategy: argv.strategy,
            dryRun: argv.dryRun,
            yes: argv.yes,
            map: argv.map,
            maxHeads: maxHeads(argv.maxHeads),
            db: dbOptions(argv),
          });
          for (const d of result.decisions) ctx.io.err(`${formatDecision(d)}\n`);
          if (!result.changes.length) return void ctx.io.err('nothing to repair\n');
          for (const p of result.remaining) ctx.io.err(`still after repair: ${p.file}:${p.line}: ${p.severity}[${p.code}]: ${p.message}\n`);
          if (argv.dryRun) {
            ctx.io.out(result.diff);
            // With --yes the preview is what --yes writes: nothing more is needed from the user.
            const needMore = argv.yes ? 0 : result.unconfirmed.length;
            if (needMore) ctx.io.err(`${needMore} fix(es) need --yes or --map to be written\n`);
            // 1: writing this repair would need more from the user, or would leave errors.
            if (needMore || result.remaining.length) ctx.setExitCode(EXIT.findings);
            return;
          }
          ctx.io.err(`wrote ${result.changes.length} file(s); originals in ${result.backupDir}\n`);
          const renamed = Object.entries(result.idMap).map(([a, b]) => `${a} → ${b}`);
          if (renamed.length) ctx.io.err(`revision ids changed (${renamed.join(', ')}): a database that applied them needs \`pgmend chain reconcile PATH --db URL\`\n`);
          const after = await checkChain(argv.path, { maxHeads: maxHeads(argv.maxHeads) });
          if (chainHasErrors(after.problems)) {
            ctx.io.out(chainReportText(after));
            ctx.setExitCode(EXIT.findings);
          }
        },
      )
      .command('reconcile <path>', "Rewrite the version table's rows to the folder's (repaired) ids, in one transaction", (a) =>
        withDb(withPath(a), true)
          .option('dry-run', { type: 'boolean', default: false, describe: 'Print the statements; change nothing' })
          .option('yes', { type: 'boolean', default: false, describe: 'Follow mappings inferred below full confidence' })
          .option('map', { type: 'string', array: true, describe: 'OLD=NEW: what a stored id becomes (NEW may be None to delete the row)' }),
        async (argv) => {
          const { reconcileVersionTable } = await chain();
          const r = await reconcileVersionTable(argv.path, { ...dbOptions(argv)!, dryRun: argv.dryRun, map: argv.map, yes: argv.yes });
          for (const reason of r.reasons) ctx.io.err(`${reason}\n`);
          ctx.io.out(r.statements.length ? `${r.statements.join('\n')}\n` : `${r.table} already matches the folder\n`);
          if (r.applied) ctx.io.err(`${r.table}: ${r.before.join(', ') || '(empty)'} → ${r.after.join(', ') || '(empty)'}\n`);
          if (r.unresolved.length) {
            ctx.io.err(`still unknown to the folder: ${r.unresolved.join(', ')} (name them with --map OLD=NEW)\n`);
            ctx.setExitCode(EXIT.findings);
          }
        },
      )
      .command('graph <path>', 'Draw the chain (heads, bases and problems marked)', (a) =>
        withPath(a).option('format', { choices: GRAPH_FORMATS, default: 'mermaid' as GraphFormat, describe: 'Output format' }),
        async (argv) => {
          const { checkChain, renderGraph } = await chain();
          ctx.io.out(renderGraph(await checkChain(argv.path), argv.format));
        },
      )
      .demandCommand(1, 'Name a chain command: check, repair, reconcile or graph'),
  );

/** --max-heads as a count: a typo must not turn a CI gate into one that always passes. */
function maxHeads(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw new PgmendError('usage', '--max-heads needs a count of heads', undefined, 'use 0 or more, e.g. --max-heads 1');
  return value;
}

/** The chain library, imported on use: `pgmend --help` and other commands start without it. */
const chain = () => import('../../chain/index.js');

function withPath<T>(a: Argv<T>) {
  return a.positional('path', { type: 'string', demandOption: true, describe: 'Versions folder, or project root with alembic.ini' }).epilog(EXIT_CODES_HELP);
}

function withDb<T>(a: Argv<T>, required = false) {
  return a
    .option('db', { type: 'string', demandOption: required, describe: 'Database URL: compare with its version table' })
    .option('version-table', { type: 'string', describe: 'Version table name (default alembic_version, or env.py/alembic.ini)' })
    .option('version-table-schema', { type: 'string', describe: 'Schema of the version table' });
}

function dbOptions(argv: { db?: string; versionTable?: string; versionTableSchema?: string }): DatabaseOptions | undefined {
  return argv.db ? { url: argv.db, versionTable: argv.versionTable, versionTableSchema: argv.versionTableSchema } : undefined;
}

function formatDecision(d: RepairDecision): string {
  const why = d.evidence.length ? ` (${d.evidence.join('; ')})` : '';
  return `${d.file}:${d.line}: ${d.code}: ${d.description}${why}${d.confidence !== 'high' && !d.mapped ? ` [${d.confidence} confidence]` : ''}`;
}

export type { CommandContext };
