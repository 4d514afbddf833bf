import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

describe('create-extension rule', () => {
  it('adds IF NOT EXISTS and quotes the name in the downgrade', async () => {
    const { up, down } = await rewriteAfter('', 'CREATE EXTENSION "uuid-ossp" WITH SCHEMA public');
    expect(up).toEqual(['CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public']);
    expect(down).toEqual(['DROP EXTENSION IF EXISTS "uuid-ossp"']);
  });

  it('CREATE LANGUAGE without a handler (the parser reads it as an extension) gets OR REPLACE and a downgrade that keeps it', async () => {
    const { up, rewrites } = await rewriteAfter('', 'CREATE TRUSTED LANGUAGE plpgsql');
    expect(up).toEqual(['CREATE OR REPLACE TRUSTED LANGUAGE plpgsql']);
    expect(rewrites[0]!.down).toEqual([{ kind: 'note', text: 'the language plpgsql is left in place' }]);
    const { rewrites: kept } = await rewriteAfter('', 'create or replace language plpgsql');
    expect(kept[0]).toMatchObject({ fate: 'kept', up: [{ sql: 'create or replace language plpgsql' }] });
  });

  it('keeps CREATE EXTENSION IF NOT EXISTS', async () => {
    const { rewrites } = await rewriteAfter('', 'create extension if not exists hstore');
    expect(rewrites[0]).toMatchObject({ fate: 'kept', up: [{ sql: 'create extension if not exists hstore' }] });
  });
});
