import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

describe('create-sequence rule', () => {
  it('adds IF NOT EXISTS and drops the sequence on the way down', async () => {
    const { up, down, rewrites } = await rewriteAfter('', 'CREATE SEQUENCE "Orders"."Seq" /* invoices */ START 100');
    expect(up).toEqual(['CREATE SEQUENCE IF NOT EXISTS "Orders"."Seq" /* invoices */ START 100']);
    expect(down).toEqual(['DROP SEQUENCE IF EXISTS "Orders"."Seq"']);
    expect(rewrites[0]!.fate).toBe('idempotent');
  });

  it('keeps CREATE SEQUENCE IF NOT EXISTS', async () => {
    const { rewrites } = await rewriteAfter('', 'CREATE SEQUENCE IF NOT EXISTS s');
    expect(rewrites[0]!.fate).toBe('kept');
  });
});
