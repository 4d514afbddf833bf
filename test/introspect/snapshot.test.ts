import { describe, expect, it } from 'vitest';
import { describeDifferences } from '../../src/introspect/snapshot.js';

const row = (o: Record<string, unknown>) => JSON.stringify(o);

describe('describeDifferences', () => {
  it('shows an object changed in a field as the change, others as rows added or gone', () => {
    const col = { nspname: 'public', relname: 't', attname: 'created', type: 'timestamp with time zone', default_expr: "'2026-01-01'" };
    const before = { columns: [row(col), row({ ...col, attname: 'gone', default_expr: null })].sort() };
    const after = { columns: [row({ ...col, default_expr: "'2026-01-02'" }), row({ nspname: 'public', relname: 'u', attname: 'new', type: 'integer', default_expr: null })].sort() };
    expect(describeDifferences(before, after)).toEqual([
      `columns (+{"nspname":"public","relname":"u","attname":"new","type":"integer","default_expr":null}, public.t.created: default_expr "'2026-01-01'" → "'2026-01-02'", -{"nspname":"public","relname":"t","attname":"gone","type":"timestamp with time zone","default_expr":null})`,
    ]);
  });
});
