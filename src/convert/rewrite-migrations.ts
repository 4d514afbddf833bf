import path from 'node:path';
import type { LaterRevisions } from '../rewrite/later-revisions.js';
import type { Finding } from '../findings.js';
import type { SourceMigration } from '../input/index.js';
import type { ConvertedMigration, PlannedStep } from '../plan/index.js';
import { Definitions, rewriteStatement, withDefaultSchema, type DownStep, type Rewrite, type UpStep } from '../rewrite/index.js';
import type { SourceLocation } from '../source.js';
import type { SqlStatement } from '../sql/split.js';
import { settingsChanged } from '../rewrite/settings.js';
import { downUnderUpSettings, settingsFinding, withSettingsRestored } from './session-settings.js';
import { starViewsAfterDroppedColumns } from './star-views.js';
import type { StatementReport } from './types.js';
import { guardVersionTable } from './version-table.js';

export interface RewriteResult {
  migrations: ConvertedMigration[];
  /** Statement reports per migration; `revision` is '' until the plan assigns it. */
  statements: StatementReport[][];
  findings: Finding[];
}

/**
 * Rewrites every statement in source order with one Definitions store across all
 * migrations (a later downgrade restores what an earlier file defined). The downgrade of
 * a migration is its own down SQL, made idempotent, when it has one; otherwise the derived
 * steps of its statements in reverse order.
 */
export function rewriteMigrations(
  sources: SourceMigration[],
  options: {
    pgVersion: number;
    root: string;
    squash?: boolean;
    /** The table the output's migration tool records revisions in (Alembic: alembic_version). */
    versionTable?: string;
    /** The schema unqualified names are in (search_path's first): `public` unless given. */
    defaultSchema?: string;
    /**
     * The caller is done with `sources`' parse trees once a migration is converted (the
     * look-ahead stays within a migration unless squashed): drop them then, so they die young
     * instead of being carried, and copied by the collector, to the end.
     */
    releaseParseTrees?: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): RewriteResult {
  return withDefaultSchema(options.defaultSchema ?? 'public', () => rewriteAll(sources, options));
}

function rewriteAll(sources: SourceMigration[], options: Parameters<typeof rewriteMigrations>[1]): RewriteResult {
  const total = sources.reduce((n, m) => n + m.up.length + (m.down?.length ?? 0), 0);
  let done = 0;
  const result: RewriteResult = { migrations: [], statements: [], findings: [] };
  const relativeFiles = new Map<string, string>();
  const run: Run = {
    pgVersion: options.pgVersion,
    versionTable: options.versionTable,
    defs: new Definitions(),
    relative: (loc) => {
      let file = relativeFiles.get(loc.file);
      if (file === undefined) relativeFiles.set(loc.file, (file = relativeTo(options.root, loc.file)));
      return { ...loc, file };
    },
    record: (reports, stmt, r, direction) => {
      reports.push({ location: stmt.location, direction, nodeType: stmt.nodeType ?? null, fate: r.fate, how: r.how, revision: '' });
      // A source's down statement is the downgrade: what rules say about its own downgrade
      // (`drop-cascade`: "the downgrade does not recreate those") does not apply.
      result.findings.push(...(direction === 'down' ? r.findings.filter((f) => !ABOUT_DERIVED_DOWNGRADE.has(f.code)) : r.findings));
      options.onProgress?.(++done, total);
    },
  };
  // Rules look ahead within what runs as one revision: one migration, or all when squashed.
  const squashed = sources.flatMap((m) => m.up);
  const migrations = sources.map((m) => m.up);
  let offset = 0;
  for (const [k, m] of sources.entries()) {
    const reports: StatementReport[] = [];
    const scope = options.squash ? { statements: squashed, offset } : { statements: m.up, offset: 0, later: { migrations, from: k + 1 } };
    offset += m.up.length;
    const converted = convertMigration(m, run, scope, reports, result.findings);
    result.migrations.push({ ...converted, file: relativeTo(options.root, m.file) });
    result.statements.push(reports);
    if (options.releaseParseTrees && !options.squash) for (const s of [...m.up, ...(m.down ?? [])]) s.node = undefined;
  }
  return result;
}

interface Run {
  pgVersion: number;
  versionTable?: string;
  /** One store across all migrations, in source order. */
  defs: Definitions;
  relative(loc: SourceLocation): SourceLocation;
  record(reports: StatementReport[], stmt: SqlStatement, r: Rewrite, direction: 'up' | 'down'): void;
}

const ABOUT_DERIVED_DOWNGRADE = new Set(['drop-cascade', 'drop-recreated']);

function convertMigration(
  m: SourceMigration,
  run: Run,
  scope: { statements: readonly SqlStatement[]; offset: number; later?: LaterRevisions },
  reports: StatementReport[],
  findings: Finding[],
): ConvertedMigration {
  // A migration its tool runs outside a transaction keeps every step outside one.
  const stepsOf = (stmt: SqlStatement, steps: (UpStep | DownStep)[]): PlannedStep[] => {
    if (!steps.length) return [];
    const origin = run.relative(stmt.location);
    const location = stmt.location;
    return steps.map((d) => {
      if ('kind' in d && d.kind !== 'sql') return { ...d, origin, location };
      const step: PlannedStep = { kind: 'sql', sql: d.sql, nonTransactional: d.nonTransactional || !m.transactional, origin, location };
      if (d.checkedBody) step.checkedBody = true;
      return step;
    });
  };

  let upgrade: PlannedStep[] = [];
  const derivedDown: PlannedStep[][] = [];
  const raises: Finding[] = [];
  for (const [i, stmt] of m.up.entries()) {
    const migration = { statements: scope.statements, index: scope.offset + i, start: scope.offset, later: scope.later };
    const r = guardVersionTable(stmt, rewriteStatement(stmt, { pgVersion: run.pgVersion, defs: run.defs, migration }), run.versionTable);
    run.record(reports, stmt, r, 'up');
    // A statement sent for review says why already; any other derived downgrade that raises is
    // said, if the derived downgrade is the one used (not the source's own down SQL).
    const fail = r.fate !== 'review' ? r.down.find((d) => d.kind === 'fail') : undefined;
    if (fail) raises.push({ code: 'downgrade-raises', severity: 'warning', message: `the downgrade stops here: ${fail.message}`, location: stmt.location, hint: 'add the missing definition to an earlier file, or accept that this revision cannot be rolled back' });
    const steps = stepsOf(stmt, r.up);
    const leading = userComment(stmt.leadingComment);
    if (leading && steps[0]?.kind === 'sql') steps[0].leading = leading;
    upgrade.push(...steps);
    derivedDown.push(stepsOf(stmt, r.down));
  }

  if (!m.down?.length) findings.push(...raises);
  let downgrade: PlannedStep[] = [];
  let downSettings: Set<string>;
  if (m.down && !m.down.length && m.up.length) {
    // An empty down section is a placeholder, not a claim that nothing needs undoing.
    const location = m.up[0]!.location;
    findings.push({ code: 'empty-down', severity: 'info', message: `the source's down SQL for ${path.basename(m.file)} is empty; pgmend derived the downgrade from the up statements`, location });
  }
  if (m.down?.length) {
    // The source's own down SQL runs after this migration's up: rewrite it against a copy
    // of what is defined now, so it neither sees nor changes what later migrations see.
    const scratch = run.defs.clone();
    for (const [index, stmt] of m.down.entries()) {
      const r = guardVersionTable(stmt, rewriteStatement(stmt, { pgVersion: run.pgVersion, defs: scratch, migration: { statements: m.down, index } }), run.versionTable);
      run.record(reports, stmt, r, 'down');
      downgrade.push(...stepsOf(stmt, r.up));
    }
    downSettings = new Set(m.down.flatMap(settingsChanged));
  } else {
    const derived = downUnderUpSettings(m.up, starViewsAfterDroppedColumns(m.up, derivedDown), (stmt) => stepsOf(stmt, [{ sql: stmt.text }]));
    downgrade = derived.steps;
    downSettings = derived.settings;
  }

  const first = m.up[0]?.location ?? { file: m.file, line: 1, column: 1 };
  const upSettings = new Set(m.up.flatMap(settingsChanged));
  upgrade = withSettingsRestored(upgrade, upSettings, run.relative(first));
  downgrade = withSettingsRestored(downgrade, downSettings, run.relative(m.down?.[0]?.location ?? first));
  const changed = new Set([...upSettings, ...downSettings]);
  // Located at the first statement that changes a setting, where a reader looks for it.
  if (changed.size) findings.push(settingsFinding(changed, [...m.up, ...(m.down ?? [])].find((s) => settingsChanged(s).length)?.location ?? first));

  return {
    file: m.file,
    version: m.version,
    name: m.name,
    upgrade,
    downgrade,
  };
}

/**
 * The user's words before a statement: without tool markers (`-- +goose Up`, `-- migrate:up`,
 * Drizzle's `--> statement-breakpoint`, pgmend's own notes), blank lines and bare `--` rulers
 * (pg_dump frames every heading in them).
 */
const NOT_WORDS = /^\s*(--\s*(\+goose|\+migrate|migrate:|(up|down) migration\b|> *statement-breakpoint\s*$|pgmend:|$))?\s*$/i;

function userComment(text: string | undefined): string | undefined {
  if (!text) return undefined;
  // Lines inside a /* … */ comment are its text, blank ones included (no tool marks a line there).
  let inBlock = false;
  const kept = text
    .split(/\r?\n/)
    .filter((line) => {
      const keep = inBlock || !NOT_WORDS.test(line);
      for (const m of line.matchAll(/\/\*|\*\//g)) inBlock = m[0] === '/*';
      return keep;
    })
    .join('\n');
  return kept || undefined;
}

/** The deepest folder holding every input file: revision ids and comments name files relative to it. */
export function inputRoot(files: string[]): string {
  if (!files.length) return process.cwd();
  let root = path.dirname(path.resolve(files[0]!));
  for (const f of files.slice(1)) {
    const abs = path.resolve(f);
    while (abs !== root && !abs.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) root = path.dirname(root);
  }
  return root;
}

function relativeTo(root: string, file: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join('/');
}

/**
 * Definitions has no clone() (asked of its owner); its map is private to TypeScript only.
 * Falls back to an empty store if that ever changes: then down SQL is rewritten without
 * knowledge of earlier definitions, which only affects the down SQL's own (unused) downgrade.
 */
