/**
 * Temporary tables and views (galaxy 04288b6a5b25 builds its data migration on them): a run
 * again is a new session, where they are gone; a name one shadows resolves to pg_temp.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { protectedSchemaWrite } from '../../src/lint/rules/protected-schema-write.js';
import { ensureParser } from '../../src/sql/parser.js';
import { at, notIdempotentAt, revision, run } from './helpers.js';

beforeAll(ensureParser);

describe('temporary tables and views', () => {
  it('are created again by a migration run again: not not-idempotent', () => {
    const unit = revision([
      'op.execute("CREATE TEMP TABLE tmp_counts AS SELECT uuid, COUNT(*) FROM dataset GROUP BY uuid")',
      'op.execute("CREATE TEMPORARY TABLE tmp_ids (id integer)")',
      'op.execute("CREATE TEMP VIEW tmp_active AS SELECT * FROM dataset WHERE purged = false")',
      'op.execute("SELECT id INTO TEMP tmp_copy FROM dataset")',
      'op.execute("CREATE TABLE backup_ids (id integer)")',
    ]);
    expect(notIdempotentAt(unit)).toEqual(['13 CREATE']); // only the ordinary table
  });

  it('get no note about an assumed search_path when a later statement names them', () => {
    const unit = revision(['op.execute("CREATE TEMP VIEW tmp_active AS SELECT * FROM dataset")', 'op.execute("DROP VIEW IF EXISTS tmp_active")']);
    // The note (once per file) goes to the first name that may be in crm: downgrade's op.drop_table("x").
    expect(at(run(protectedSchemaWrite, unit, { schemas: ['crm'] }))).toEqual(['14:5 unqualified-name']);
  });
});
