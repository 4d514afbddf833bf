import { describe, expect, it } from 'vitest';
import { rewriteScript } from '../helpers/rewrite.js';
import { rewriteTwice } from './rewrite-again.js';

describe('create-view rule', () => {
  it('adds OR REPLACE and keeps comments and layout', async () => {
    const sql = `CREATE VIEW "Reports".active_files AS
  -- only files someone still references
  SELECT f.id, f.name FROM files f WHERE f.refcount > 0`;
    const { rewrites, up, down } = await rewriteTwice(sql);
    expect(up).toEqual([sql.replace('CREATE VIEW', 'CREATE OR REPLACE VIEW')]);
    expect(down).toEqual(['DROP VIEW IF EXISTS "Reports".active_files']);
    expect(rewrites[0]!.fate).toBe('idempotent');
  });

  it('puts OR REPLACE before TEMP and RECURSIVE', async () => {
    const { up } = await rewriteTwice(
      `create temp view t as select 1 as a;
       CREATE RECURSIVE VIEW nums (n) AS VALUES (1) UNION ALL SELECT n + 1 FROM nums WHERE n < 5`,
    );
    expect(up).toEqual([
      'create or replace temp view t as select 1 as a',
      'CREATE OR REPLACE RECURSIVE VIEW nums (n) AS VALUES (1) UNION ALL SELECT n + 1 FROM nums WHERE n < 5',
    ]);
  });

  it('keeps CREATE OR REPLACE VIEW', async () => {
    const { rewrites } = await rewriteTwice('CREATE OR REPLACE VIEW v AS SELECT 1 AS a');
    expect(rewrites[0]!.fate).toBe('kept');
  });

  it('replaces in place when columns are only appended; down drops the extra columns by recreating', async () => {
    const v1 = 'CREATE VIEW v AS SELECT id, name FROM files';
    const v2 = 'CREATE VIEW public.v AS SELECT id, name, size AS bytes FROM files';
    const { rewrites } = await rewriteScript(`${v1};\n${v2}`);
    expect(rewrites[1]!.up).toEqual([{ sql: v2.replace('CREATE', 'CREATE OR REPLACE') }]);
    expect(rewrites[1]!.down).toEqual([
      { kind: 'sql', sql: 'DROP VIEW IF EXISTS public.v' },
      { kind: 'sql', sql: v1.replace('CREATE', 'CREATE OR REPLACE') },
    ]);
    expect(rewrites[1]!.findings).toEqual([]);
  });

  it('restores an earlier view with the same columns in place', async () => {
    const v1 = 'CREATE VIEW v AS SELECT id FROM files WHERE id > 0';
    const { rewrites } = await rewriteScript(`${v1};\nCREATE OR REPLACE VIEW v AS SELECT id FROM files`);
    expect(rewrites[1]!).toMatchObject({ fate: 'kept', down: [{ kind: 'sql', sql: v1.replace('CREATE', 'CREATE OR REPLACE') }] });
  });

  it('drops and recreates a view this conversion created when its columns change, with a warning', async () => {
    const v1 = 'CREATE VIEW v (a, b) AS SELECT id, name FROM files';
    const v2 = 'CREATE VIEW v AS SELECT name AS b FROM files';
    const { rewrites } = await rewriteScript(`${v1};\n${v2}`);
    const r = rewrites[1]!;
    expect(r.up.map((s) => s.sql)).toEqual(['DROP VIEW IF EXISTS v', v2.replace('CREATE', 'CREATE OR REPLACE')]);
    expect(r.down).toEqual([
      { kind: 'sql', sql: 'DROP VIEW IF EXISTS v' },
      { kind: 'sql', sql: v1.replace('CREATE', 'CREATE OR REPLACE') },
    ]);
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['view-recreated', 'warning']]);
    await rewriteTwice(`${v1};\n${v2}`);
  });

  it('says so when it cannot compare the columns of a redefined view', async () => {
    const { rewrites } = await rewriteScript('CREATE VIEW v AS SELECT * FROM files;\nCREATE VIEW v AS SELECT id FROM files');
    expect(rewrites[1]!.up.length).toBe(1);
    expect(rewrites[1]!.findings.map((f) => f.code)).toEqual(['view-columns-unknown']);
    // The earlier view may have fewer columns (OR REPLACE appends them): it comes back after a drop.
    expect(rewrites[1]!.down).toEqual([
      { kind: 'sql', sql: 'DROP VIEW IF EXISTS v' },
      { kind: 'sql', sql: 'CREATE OR REPLACE VIEW v AS SELECT * FROM files' },
    ]);
  });
});
