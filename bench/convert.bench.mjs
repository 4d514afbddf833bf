// pgmend convert end to end (read → rewrite → plan → render, dry run) on a generated legacy
// corpus, beside bare libpg-query parsing of the same text in the same run. Target: pgmend
// at ≥ 25% of the bare parse rate. Printed, never enforced.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadModule, parseSync } from 'libpg-query';
import { convert, readMigrations } from '../dist/index.js';
import { inputRoot, rewriteMigrations } from '../dist/convert/rewrite-migrations.js';
import { attachPoint, DEFAULT_NAMING, planRevisions } from '../dist/plan/index.js';
import { renderRevisions } from '../dist/render/index.js';

const FILES = 400;
const TABLES_PER_FILE = 5; // 10 statements per table: 20,000 statements in all
const ROUNDS = Number(process.env.PGMEND_BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Realistic legacy statements: tables, indexes, functions with bodies, triggers, seeds, alters, views. */
export function migration(f) {
  const out = [];
  for (let t = 0; t < TABLES_PER_FILE; t++) {
    const name = `t_${f}_${t}`;
    out.push(
      `CREATE TABLE ${name} (\n    id bigserial PRIMARY KEY,\n    owner_id bigint NOT NULL,\n    title text NOT NULL DEFAULT '',\n    body jsonb,\n    created_at timestamptz NOT NULL DEFAULT now()\n)`,
      `CREATE INDEX ${name}_owner_idx ON ${name} (owner_id, created_at DESC)`,
      `CREATE UNIQUE INDEX ${name}_title_key ON ${name} (lower(title)) WHERE title <> ''`,
      `ALTER TABLE ${name} ADD COLUMN updated_at timestamptz`,
      `ALTER TABLE ${name} ADD CONSTRAINT ${name}_title_len CHECK (char_length(title) <= 200)`,
      `CREATE OR REPLACE FUNCTION ${name}_touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n    NEW.updated_at := now();  -- keep; in sync\n    RETURN NEW;\nEND;\n$$`,
      `CREATE TRIGGER ${name}_touch BEFORE UPDATE ON ${name} FOR EACH ROW EXECUTE FUNCTION ${name}_touch()`,
      `INSERT INTO ${name} (owner_id, title) VALUES (1, 'seed ${t}'), (2, 'it''s seeded')`,
      `COMMENT ON TABLE ${name} IS 'generated table ${t} of file ${f}'`,
      `CREATE VIEW ${name}_recent AS SELECT id, title FROM ${name} WHERE created_at > now() - interval '7 days'`,
    );
  }
  return out;
}

export default async function bench() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-bench-'));
  const input = path.join(dir, 'migrations');
  await mkdir(input);
  const texts = [];
  let statements = 0;
  for (let f = 1; f <= FILES; f++) {
    const stmts = migration(f);
    statements += stmts.length;
    const text = `-- migration ${f}\n${stmts.map((s) => `${s};\n`).join('\n')}`;
    texts.push(text);
    await writeFile(path.join(input, `${String(f).padStart(4, '0')}_generated_${f}.sql`), text);
  }
  let t0;
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  console.log(`corpus: ${FILES} files, ${statements} statements, ${(bytes / 1e6).toFixed(1)} MB`);

  await loadModule();
  parseSync(texts[0]); // warm up
  t0 = performance.now();
  await readMigrations([input]); // also warms pgmend's code up
  const readSeconds = (performance.now() - t0) / 1000;

  // One untimed warm-up round of each, then interleaved rounds with medians compared: both sides
  // are measured warm and see the same machine load.
  const parseRuns = [];
  const convertRuns = [];
  let report;
  for (let round = -1; round < ROUNDS; round++) {
    t0 = performance.now();
    for (const t of texts) parseSync(t);
    parseRuns.push((performance.now() - t0) / 1000);
    t0 = performance.now();
    report = await convert({ inputs: [input], outDir: path.join(dir, 'out'), dryRun: true });
    convertRuns.push((performance.now() - t0) / 1000);
    if (round < 0) parseRuns.pop(), convertRuns.pop();
  }
  const parseSeconds = median(parseRuns);
  const convertSeconds = median(convertRuns);

  const phases = {};
  const time = async (name, f) => {
    const t = performance.now();
    const out = await f();
    phases[name] = (performance.now() - t) / 1000;
    return out;
  };
  const read = await time('read', () => readMigrations([input]));
  const rewritten = await time('rewrite', () =>
    rewriteMigrations(read.migrations, { pgVersion: 14, root: inputRoot(read.migrations.map((m) => m.file)), squash: false }),
  );
  const parent = attachPoint(rewritten.migrations, false, { head: null, parents: new Map() });
  const revisions = await time('plan', () =>
    planRevisions(rewritten.migrations, { format: 'alembic', squash: false, parent, naming: DEFAULT_NAMING, firstNumber: 1, numberWidth: 4 }),
  );
  await time('render', () => renderRevisions(revisions, 'alembic'));
  await rm(dir, { recursive: true, force: true });

  const parseRate = statements / parseSeconds;
  const convertRate = report.statements.length / convertSeconds;
  const ratio = convertRate / parseRate;
  const list = (xs) => xs.map((x) => x.toFixed(2)).join(', ');
  console.log(`after a warm-up round, median of ${ROUNDS} interleaved rounds each:`);
  console.log(`bare libpg-query parseSync: ${Math.round(parseRate)} statements/s (${parseSeconds.toFixed(2)} s; runs ${list(parseRuns)})`);
  console.log(`pgmend convert (dry run):   ${Math.round(convertRate)} statements/s (${convertSeconds.toFixed(2)} s; runs ${list(convertRuns)}; ${report.revisions.length} revisions, ${report.files.length} files)`);
  console.log(`  of which reading alone:   ${Math.round(statements / readSeconds)} statements/s (${readSeconds.toFixed(2)} s)`);
  console.log(`  phases, run again warm:   ${Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ')}`);
  console.log(`ratio: ${(ratio * 100).toFixed(1)}% of the bare parse rate — target ≥ 25%: ${ratio >= 0.25 ? 'met' : 'NOT met'}`);
}
