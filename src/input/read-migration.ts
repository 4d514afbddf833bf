import type { SqlStatement } from '../sql/split.js';
import { emptyMigration } from './checks.js';
import type { ReadContext } from './context.js';
import { LAYOUTS } from './layouts/index.js';
import { collectStatements, type FileInUse } from './statements.js';
import { unwrapTransactions } from './transactions.js';
import type { PlannedMigration, Range, SourceMigration } from './types.js';

/** Reads one planned migration: its up (and down) statements, with every finding on the way. */
export async function readMigration(planned: PlannedMigration, ctx: ReadContext): Promise<SourceMigration> {
  const layout = LAYOUTS[planned.format];
  const decoded = await ctx.use(planned.upFile, planned.format);
  const file: FileInUse = { source: decoded.source, abs: planned.upFile, format: planned.format };
  const sections = layout.sections(decoded.source.text, decoded.source.file);
  ctx.findings.push(...sections.findings);
  const includes: string[] = [];
  const transactional = planned.transactional ?? sections.transactional;
  const section = async (f: FileInUse, ranges: Range[]) => {
    const { statements, findings } = unwrapTransactions(await collectStatements(ctx, f, ranges, [f.abs], includes), transactional);
    ctx.findings.push(...findings);
    return { statements, unwrapped: findings.some((x) => x.code === 'transaction-dropped') };
  };

  const { statements: up, unwrapped } = await section(file, sections.up);
  for (const stmt of await collectStatements(ctx, file, sections.outside, [file.abs], [])) ctx.findings.push(outsideMarkers(stmt));
  let down: SqlStatement[] | undefined;
  if (sections.down) down = (await section(file, sections.down)).statements;
  else if (planned.downFile) {
    const d = await ctx.use(planned.downFile, planned.format);
    down = (await section({ source: d.source, abs: planned.downFile, format: planned.format }, [{ from: 0, to: d.source.text.length }])).statements;
  }
  const whole = sections.up.length === 1 && sections.up[0]!.from === 0 && sections.up[0]!.to === decoded.source.text.length;
  const empty = emptyMigration(decoded.source, up, whole, unwrapped);
  if (empty) ctx.findings.push(empty);

  const migration: SourceMigration = {
    version: planned.version,
    name: planned.name,
    file: decoded.source.file,
    up,
    transactional,
    format: planned.format,
  };
  if (down) migration.down = down;
  if (planned.downFile) migration.downFile = ctx.show(planned.downFile);
  if (includes.length) migration.includes = includes.map((f) => ctx.show(f));
  return migration;
}

function outsideMarkers(stmt: SqlStatement) {
  return {
    code: 'outside-markers',
    severity: 'warning' as const,
    message: 'statement outside the up and down markers: its tool never runs it, so it is left out',
    location: stmt.location,
    hint: 'move it below the up marker if it belongs to the migration',
  };
}
