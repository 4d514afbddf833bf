// `chain check` on a generated 10,000-revision folder beside `python3 -m alembic heads` on the
// same folder, in the same run: each tool cold in a fresh process, runs interleaved, medians
// compared. Cold means what a fresh checkout or a CI job meets: pgmend's code not yet optimised
// by the JIT, and Alembic without __pycache__ (it compiles every revision it imports). Also
// printed, for a full picture: the pgmend CLI end to end (Node start-up and yargs included),
// Alembic once its bytecode cache is warm, and Alembic on a fresh clone with default settings
// (it writes that cache). Prints every time and the ratios (target ≥ 10×, judged on the library
// call against cold Alembic that writes nothing); never fails.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const N = Number(process.env.PGMEND_BENCH_REVISIONS ?? 10_000);
const RUNS = Number(process.env.PGMEND_BENCH_RUNS ?? 5);
const PYTHON = process.env.PGMEND_TEST_PYTHON ?? '/usr/bin/python3';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const id = (i) => (0x3a0000000000 + i * 2654435761).toString(16).slice(-12);

/** Alembic's own template, alternating the annotated and the plain variant; a branch and merge every 50. */
function revision(i) {
  const rev = id(i);
  let down = i === 0 ? null : [id(i - 1)];
  if (i % 50 === 2 && i > 50) down = [id(i - 2)]; // a branch: i-1 and i both follow i-2
  if (i % 50 === 3 && i > 50) down = [id(i - 2), id(i - 1)]; // the merge
  const lit = down === null ? 'None' : down.length === 1 ? `'${down[0]}'` : `(${down.map((d) => `'${d}'`).join(', ')})`;
  const date = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
  const annotated = i % 2 === 0;
  const t = annotated ? ': Union[str, Sequence[str], None]' : '';
  return `"""add table t${i}

Revision ID: ${rev}
Revises: ${down ? down.join(', ') : ''}
Create Date: ${date}

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision${annotated ? ': str' : ''} = '${rev}'
down_revision${t} = ${lit}
branch_labels${t} = None
depends_on${t} = None


def upgrade()${annotated ? ' -> None' : ''}:
    op.create_table(
        't${i}',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(length=200), nullable=False),
    )
    op.execute("COMMENT ON TABLE t${i} IS 'generated for the benchmark'")


def downgrade()${annotated ? ' -> None' : ''}:
    op.drop_table('t${i}')
`;
}

/** A minimal Alembic project (`heads` needs no database) with `n` generated revisions. */
export function writeProject(dir, n) {
  const versions = path.join(dir, 'versions');
  mkdirSync(versions);
  for (let i = 0; i < n; i++) writeFileSync(path.join(versions, `${id(i)}_add_table_t${i}.py`), revision(i));
  writeFileSync(path.join(dir, 'alembic.ini'), `[alembic]\nscript_location = ${dir}\nversion_locations = ${versions}\n`);
  writeFileSync(path.join(dir, 'env.py'), '');
  writeFileSync(path.join(dir, 'script.py.mako'), '');
}

/** One cold `checkChain` in a fresh Node process (as a user's CLI run: JIT cold), timed inside it. */
function pgmendOnce(dir) {
  const script = `const { checkChain } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'index.js')).href)});
const t = performance.now(); const r = await checkChain(${JSON.stringify(dir)}); const ms = performance.now() - t;
console.log(JSON.stringify({ ms, revisions: r.revisions, heads: r.heads }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/** The `pgmend chain check` command in a fresh process, timed from outside like Alembic. */
function cliOnce(dir) {
  const t = performance.now();
  try {
    execFileSync(process.execPath, [path.join(root, 'dist', 'cli', 'index.js'), 'chain', 'check', dir], { stdio: 'ignore' });
  } catch (e) {
    if (e.status !== 1) throw e; // 1: findings (the generated folder has none, but a report is no failure)
  }
  return { ms: performance.now() - t };
}

/**
 * `nocache`: no __pycache__ read or written; `write`: none there, and Python writes one (a fresh
 * clone with default settings); `warm`: the one an earlier run wrote.
 */
function alembicOnce(dir, mode = 'nocache') {
  const env = { ...process.env };
  if (mode === 'nocache') env.PYTHONDONTWRITEBYTECODE = '1';
  else delete env.PYTHONDONTWRITEBYTECODE;
  if (mode !== 'warm') rmSync(path.join(dir, 'versions', '__pycache__'), { recursive: true, force: true });
  const t = performance.now();
  const out = execFileSync(PYTHON, ['-m', 'alembic', '-c', path.join(dir, 'alembic.ini'), 'heads'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ms: performance.now() - t, heads: out.split('\n').filter((l) => l.includes('(head)')).map((l) => l.split(' ')[0]).sort() };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function bench() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-bench-chain-'));
  try {
    writeProject(dir, N);
    // Interleaved runs, medians compared: every tool sees the same machine load.
    const pgmend = [];
    const cli = [];
    const alembic = [];
    const writing = [];
    for (let i = 0; i < RUNS; i++) {
      pgmend.push(pgmendOnce(dir));
      alembic.push(alembicOnce(dir));
      cli.push(cliOnce(dir));
      writing.push(alembicOnce(dir, 'write'));
    }
    const cached = Array.from({ length: RUNS }, () => alembicOnce(dir, 'warm')); // the last 'write' run left the cache
    const [p, c, a, w, f] = [pgmend, cli, alembic, cached, writing].map((rs) => median(rs.map((r) => r.ms)));
    const ratio = a / p;
    const list = (rs) => rs.map((r) => r.ms.toFixed(0)).join(', ');
    console.log(`chain check, ${pgmend[0].revisions} revisions, median of ${RUNS} cold runs each:`);
    console.log(`  pgmend checkChain() in a fresh process: ${p.toFixed(0)} ms (${list(pgmend)})`);
    console.log(`  python3 -m alembic heads, no bytecode cache: ${a.toFixed(0)} ms (${list(alembic)})`);
    console.log(`heads agree: ${JSON.stringify(pgmend[0].heads) === JSON.stringify(alembic[0].heads)} (${pgmend[0].heads.join(', ')})`);
    console.log(`ratio ${ratio.toFixed(1)}× — target ≥ 10×: ${ratio >= 10 ? 'met' : 'not met'}`);
    console.log(`also: \`pgmend chain check\` CLI end to end ${c.toFixed(0)} ms (${list(cli)}): ${(a / c).toFixed(1)}× cold Alembic;`);
    console.log(`      Alembic with a warm bytecode cache ${w.toFixed(0)} ms (${list(cached)}): library ${(w / p).toFixed(1)}×, CLI ${(w / c).toFixed(1)}×;`);
    console.log(`      Alembic writing its bytecode cache (a fresh clone, default settings) ${f.toFixed(0)} ms (${list(writing)}): library ${(f / p).toFixed(1)}×, CLI ${(f / c).toFixed(1)}×`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bench();
