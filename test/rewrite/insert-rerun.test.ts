/**
 * Seed INSERTs run again on real Postgres after the application changed the rows they made: the
 * guard must still see them (the revision re-runs where the SQL was applied by hand).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewriteScript, runAll } from '../helpers/rewrite.js';
import { testDatabase, type TestDatabase } from '../helpers/database.js';

describe('seed INSERTs run again after the rows changed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase('insert-rerun');
  });
  afterAll(() => db?.drop());

  it('a one-row table keyed by a constant DEFAULT, and a key filled by a trigger, get no second row', async () => {
    const { up } = await rewriteScript(`CREATE TABLE stream_pos (
    lock CHAR(1) NOT NULL DEFAULT 'X' UNIQUE,  -- makes sure this table only has one row
    stream_id BIGINT NOT NULL,
    CHECK (lock = 'X')
);
INSERT INTO stream_pos (stream_id) VALUES (0);
CREATE TABLE settings (name text, slug text UNIQUE, value text);
CREATE FUNCTION slugify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.slug := lower(NEW.name); RETURN NEW; END $$;
CREATE TRIGGER settings_slug BEFORE INSERT ON settings FOR EACH ROW EXECUTE FUNCTION slugify();
INSERT INTO settings (name, value) VALUES ('Theme', 'dark');`);
    await runAll(db.client, up);
    // The application moves on.
    await db.client.query(`UPDATE stream_pos SET stream_id = 42; UPDATE settings SET value = 'light'`);
    await runAll(db.client, up);
    expect((await db.client.query('SELECT * FROM stream_pos')).rows).toEqual([{ lock: 'X', stream_id: '42' }]);
    expect((await db.client.query('SELECT * FROM settings')).rows).toEqual([{ name: 'Theme', slug: 'theme', value: 'light' }]);
  });
});
