import { describe, expect, it } from 'vitest';
import { guardedDo as guard } from '../../src/rewrite/guards.js';
import { rewriteAfter } from './with-definitions.js';

describe('extension-call rule', () => {
  it('keeps calls pgmq and pg_cron make safe to run twice, and undoes them when there', async () => {
    const { rewrites } = await rewriteAfter(
      '',
      "SELECT pgmq.create('jobs');\nselect from pgmq.create_unlogged('fast');\nSELECT cron.schedule('nightly', '0 3 * * *', $$VACUUM$$)",
    );
    expect(rewrites.map((r) => [r.fate, r.up[0]!.sql])).toEqual([
      ['kept', "SELECT pgmq.create('jobs')"],
      ['kept', "select from pgmq.create_unlogged('fast')"],
      ['kept', "SELECT cron.schedule('nightly', '0 3 * * *', $$VACUUM$$)"],
    ]);
    expect(rewrites[0]!.down).toEqual([{ kind: 'sql', sql: guard("EXISTS (SELECT 1 FROM pgmq.meta WHERE queue_name = 'jobs')", "    PERFORM pgmq.drop_queue('jobs')") }]);
    expect(rewrites[2]!.down).toEqual([{ kind: 'sql', sql: guard("EXISTS (SELECT 1 FROM cron.job WHERE jobname = 'nightly')", "    PERFORM cron.unschedule('nightly')") }]);
  });

  it("pg_dump's setval with constants and unscheduling a job by name are kept, with a note for the way down", async () => {
    const { rewrites } = await rewriteAfter('', "SELECT pg_catalog.setval('public.t_id_seq', 42, true);\nSELECT cron.unschedule(jobname) FROM cron.job WHERE jobname = 'cleanup'");
    expect(rewrites.map((r) => [r.fate, r.down[0]!.kind])).toEqual([
      ['kept', 'note'],
      ['kept', 'note'],
    ]);
    const computed = await rewriteAfter('', "SELECT setval('t_id_seq', (SELECT max(id) FROM t))");
    expect(computed.rewrites[0]!.fate).toBe('review');
  });

  it('a job without a name (added again on every run) or another function stays a data change for review', async () => {
    const { rewrites } = await rewriteAfter('', "SELECT cron.schedule('0 3 * * *', $$VACUUM$$);\nSELECT pgmq.send('jobs', '{}');\nSELECT pgmq.create(name) FROM queues");
    expect(rewrites.map((r) => r.fate)).toEqual(['review', 'review', 'review']);
  });
});
