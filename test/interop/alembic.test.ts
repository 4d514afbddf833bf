/** Real Alembic over what pgmend writes: every sample with a convert.json, and a small project. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertSamples } from '../golden/samples.js';
import { alembicRoundTrip } from './roundtrip.js';

const samples = convertSamples().filter((s) => s.formats.includes('alembic'));

/** Exercises every kind of step: autocommit block, a note (enum label), a raising downgrade, session settings. */
const SMALL_PROJECT: Record<string, string> = {
  '001_init.sql': `CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, m mood);
CREATE INDEX people_name ON people (name);
CREATE FUNCTION greet(n text) RETURNS text LANGUAGE sql AS $$ SELECT 'hi :n ' || n || ' 100%' $$;
`,
  '002_more.sql': `ALTER TABLE people ADD COLUMN email text;
CREATE UNIQUE INDEX CONCURRENTLY people_email ON people (email);
ALTER TYPE mood ADD VALUE 'meh';
CREATE OR REPLACE FUNCTION greet(n text) RETURNS text LANGUAGE sql AS $$ SELECT 'hello ' || n $$;
`,
  // pg_dump's preamble: session settings that must not outlive the revision.
  '003_drop.sql': `SELECT pg_catalog.set_config('search_path', '', false);
SET statement_timeout = 0;
DROP TABLE IF EXISTS public.legacy_thing;
CREATE TABLE public.after_drop (id int);
`,
};

describe('Alembic interop', () => {
  it('has samples to run on', () => expect(samples.length).toBeGreaterThanOrEqual(3));

  for (const sample of samples) {
    it(`${sample.name}: upgrade, re-run each revision, downgrade, upgrade; same catalog as psql`, () => alembicRoundTrip(sample));
  }

  it('a small project with non-transactional steps, a note and a raising downgrade', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-small-'));
    await mkdir(path.join(dir, 'm'));
    for (const [name, text] of Object.entries(SMALL_PROJECT)) await writeFile(path.join(dir, 'm', name), text);
    await alembicRoundTrip({
      name: 'small',
      dir,
      inputs: [path.join(dir, 'm')],
      options: {},
      formats: ['alembic'],
      psql: { cwd: 'm', files: Object.keys(SMALL_PROJECT) },
    });
  });
});
