import { statSync } from 'node:fs';
import { PgmendError } from '../errors.js';
import { quoteIdent } from '../sql/quote.js';
import type { Finding } from '../findings.js';
import { LEFT_OUT_CODES, readMigrations } from '../input/index.js';
import {
  attachPoint,
  DEFAULT_NAMING,
  namingFor,
  nextNumber,
  planRevisions,
  readExistingChain,
  staleConversions,
  type NamingConfig,
  type OutputFormat,
  type PlannedRevision,
} from '../plan/index.js';
import { renderRevisions } from '../render/index.js';
import type { Fate } from '../rewrite/index.js';
import { inputRoot, rewriteMigrations } from './rewrite-migrations.js';
import { DEFAULT_PG_VERSION, OUTPUT_FORMATS, type ConvertOptions, type ConvertReport, type StatementReport } from './types.js';
import { verifyRevisions } from './verify.js';
import { writeAll } from './write.js';

export type { ConvertOptions, ConvertReport, Fate, OutputFormat, RevisionReport, StatementReport } from './types.js';
export { OUTPUT_FORMATS, DEFAULT_PG_VERSION } from './types.js';

/**
 * Converts legacy SQL migrations into idempotent, reversible revisions: read → rewrite
 * every statement → plan revisions → render templates → write all files or none.
 */
export async function convert(options: ConvertOptions): Promise<ConvertReport> {
  const format = options.format ?? 'alembic';
  const pgVersion = options.pgVersion ?? DEFAULT_PG_VERSION;
  validate(options, format, pgVersion);
  const createDate = parseCreateDate(options.createDate);

  const input = await readMigrations(options.inputs, { inputFormat: options.inputFormat });
  const files = input.migrations.flatMap((m) => [m.file, ...(m.down ?? []).map((s) => s.location.file)]);
  const rewritten = rewriteMigrations(input.migrations, {
    pgVersion,
    root: inputRoot(files),
    squash: Boolean(options.squash),
    versionTable: format === 'alembic' ? 'alembic_version' : undefined,
    defaultSchema: options.searchPath?.[0],
    releaseParseTrees: true, // the input is read here and used for nothing else
    onProgress: options.onProgress,
  });

  const chain = format === 'alembic' ? await readExistingChain(options.outDir) : { head: null, parents: new Map() };
  const plan = (numbering: { first: number; width: number }, naming: NamingConfig) =>
    planRevisions(rewritten.migrations, {
      format,
      squash: Boolean(options.squash),
      parent: attachPoint(rewritten.migrations, Boolean(options.squash), chain),
      naming,
      createDate,
      firstNumber: numbering.first,
      numberWidth: numbering.width,
    });
  // Numbered formats: plan once to learn the first file's slug, then number after what is there.
  const revisions =
    format === 'alembic'
      ? plan({ first: 1, width: 4 }, await namingFor(options.outDir))
      : plan(await nextNumber(options.outDir, plan({ first: 1, width: 4 }, DEFAULT_NAMING)[0]?.slug), DEFAULT_NAMING);
  const stale = staleConversions(chain, revisions);
  if (stale.length) {
    throw new PgmendError(
      'output-exists',
      `${options.outDir} holds ${stale.length} revision(s) converted earlier from these sources that this conversion would not replace (${stale.join(', ')}): a source added or removed before them changed their ids; nothing was written`,
      undefined,
      'delete those files and convert again, or convert into an empty folder',
    );
  }
  const rendered = await renderRevisions(revisions, format, options.templatesDir);

  const statements = assignRevisions(rewritten.statements, revisions, Boolean(options.squash));
  const counts: Record<Fate, number> = { kept: 0, idempotent: 0, review: 0 };
  for (const s of statements) counts[s.fate]++;
  // Verify before writing, so --strict can refuse to write revisions that failed to replay.
  const verifyFindings = options.verify ? await verifyRevisions(revisions, options.searchPath) : [];
  const findings = [...input.findings, ...rewritten.findings, ...verifyFindings, ...searchPathNote(options.searchPath)];
  const leftOut = findings.filter((f) => LEFT_OUT_CODES.has(f.code));
  // A revision that can never be rolled back needs a decision too: every revision should be reversible.
  const needsReview = counts.review > 0 || leftOut.length > 0 || findings.some((f) => f.severity === 'error' || f.code === 'downgrade-raises');

  const written = !options.dryRun && !(options.strict && needsReview);
  const filesPerRevision = rendered.length / Math.max(revisions.length, 1);
  const report: ConvertReport = {
    format,
    outDir: options.outDir,
    written,
    revisions: revisions.map((r, i) => ({
      id: r.id,
      parent: r.parent,
      message: r.message,
      sources: r.sources.map((s) => s.file),
      files: rendered.slice(i * filesPerRevision, (i + 1) * filesPerRevision).map((f) => f.path),
      downgradeFails: r.downgrade.filter((s) => s.kind === 'fail').length,
      downgradeNotes: r.downgrade.filter((s) => s.kind === 'note').length,
    })),
    files: rendered.map((f) => (options.dryRun ? { path: f.path, contents: f.contents } : { path: f.path })),
    statements,
    findings,
    counts,
    ...(options.verify ? { verify: { failures: verifyFindings.filter((f) => f.severity === 'error').length, stopped: verifyFindings.some((f) => f.code === 'verify-downgrade-stops') } } : {}),
    needsReview,
  };
  // --strict refuses before writing; the report goes with the refusal, for a --json run to print.
  if (options.strict && needsReview) throw Object.assign(strictFailure(statements, leftOut, findings), { report });
  if (written) await writeAll(options.outDir, rendered, Boolean(options.force));
  return report;
}

function validate(options: ConvertOptions, format: string, pgVersion: number): void {
  if (!options.inputs?.length) throw new PgmendError('usage', 'name at least one input file or folder');
  if (!options.outDir) throw new PgmendError('usage', 'name the output folder (--out)');
  if (statSync(options.outDir, { throwIfNoEntry: false })?.isFile()) {
    throw new PgmendError('usage', `--out ${options.outDir} is a file, not a folder`, undefined, 'name a folder (it is created when missing)');
  }
  if (!OUTPUT_FORMATS.includes(format as OutputFormat)) {
    throw new PgmendError('usage', `unknown output format ${format}`, undefined, `use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  if (!Number.isInteger(pgVersion) || pgVersion < 12 || pgVersion > 18) {
    throw new PgmendError('usage', `--pg-version ${pgVersion} is not supported`, undefined, 'use a Postgres major version from 12 to 18');
  }
  if (options.searchPath && (!options.searchPath.length || options.searchPath.some((s) => !s.trim()))) {
    throw new PgmendError('usage', '--search-path needs schema names, e.g. --search-path app,public');
  }
}

/** The revisions keep the source's unqualified names: whoever runs them must set the same search_path. */
function searchPathNote(searchPath: string[] | undefined): Finding[] {
  if (!searchPath) return [];
  const path = searchPath.join(', ');
  return [
    {
      code: 'search-path',
      severity: 'info',
      message: `unqualified names were read as objects in ${searchPath[0]} (search_path ${path}); the revisions keep them unqualified, as the source wrote them`,
      // libpq's options split at spaces unless escaped: `"My Schema"` is written `"My\ Schema"`.
      hint: `run them with the same search_path: in env.py, connect with options '-c search_path=${searchPath.map(quoteIdent).join(',').replaceAll(' ', '\\ ')}' (and keep alembic_version where you want it with version_table_schema)`,
    },
  ];
}

function parseCreateDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  // JavaScript rolls 2024-02-30 over to March 1st: a day the month does not have is no date.
  const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  const rolledOver = day !== null && (date.getUTCMonth() + 1 !== Number(day[2]) || date.getUTCDate() !== Number(day[3]));
  if (Number.isNaN(date.getTime()) || rolledOver) {
    throw new PgmendError('usage', `--create-date ${String(value)} is not a date`, undefined, 'write it as 2024-01-31 12:00:00 (UTC)');
  }
  return date;
}

function assignRevisions(perMigration: StatementReport[][], revisions: PlannedRevision[], squash: boolean): StatementReport[] {
  const out: StatementReport[] = [];
  perMigration.forEach((reports, i) => {
    const revision = (squash ? revisions[0] : revisions[i])?.id ?? '';
    for (const r of reports) {
      r.revision = revision; // in place: a copy of each of 20,000 reports showed in profiles
      out.push(r);
    }
  });
  return out;
}

function strictFailure(statements: StatementReport[], leftOut: Finding[], findings: Finding[]): PgmendError {
  const review = statements.filter((s) => s.fate === 'review');
  const first = review[0];
  const hint = 'run without --strict to write the revisions and see every item';
  if (!first && leftOut[0]) {
    return new PgmendError('strict-review', `${leftOut.length} input(s) left out or not read as their tool reads them, so nothing was written; the first: ${leftOut[0].message}`, leftOut[0].location, hint);
  }
  if (first) return new PgmendError('strict-review', `${review.length} statement(s) need review, so nothing was written; the first: ${first.how}`, first.location, hint);
  const errors = findings.filter((f) => f.severity === 'error');
  const raises = findings.filter((f) => f.code === 'downgrade-raises');
  const shown = errors[0] ?? raises[0];
  return new PgmendError('strict-review', `${errors.length} error(s) and ${raises.length} downgrade(s) that cannot run, so nothing was written; the first: ${shown?.message}`, shown?.location, hint);
}
