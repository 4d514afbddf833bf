/**
 * The samples are real SQL: applying each one's up statements, in the order readMigrations
 * gives (includes inlined, wrapping BEGIN/COMMIT dropped), succeeds on fresh Postgres 18 and 13
 * databases, and leaves the objects of its last migration in place.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/input/index.js';
import { testDatabase, type TestDatabase } from '../helpers/database.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Sample {
  name: string;
  input: string;
  /** Checks that the schema the sample builds works as its README says. */
  verify(db: TestDatabase): Promise<void>;
}

const SAMPLES: Sample[] = [
  {
    name: 'storage-refcount',
    input: 'samples/storage-refcount/migrations',
    async verify({ client }) {
      // The refcount trigger (002, redefined by 005) counts attachments on their blob.
      await client.query(`INSERT INTO accounts (email) VALUES ('a@example.com')`);
      await client.query(`INSERT INTO documents (account_id, title) SELECT id, 'doc' FROM accounts`);
      await client.query(`INSERT INTO blobs (sha256, size_bytes) VALUES ('\\x01', 10)`);
      await client.query(`INSERT INTO attachments (document_id, blob_id, filename) SELECT d.id, b.id, 'a.txt' FROM documents d, blobs b`);
      const after = await client.query(`SELECT ref_count, last_referenced_at IS NOT NULL AS touched FROM blobs`);
      expect(after.rows).toEqual([{ ref_count: 1, touched: true }]);
      await client.query(`DELETE FROM attachments`);
      expect((await client.query(`SELECT ref_count FROM blobs`)).rows).toEqual([{ ref_count: 0 }]);
      const legacy = await client.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'documents' AND column_name = 'legacy_path'`);
      expect(legacy.rowCount).toBe(0);
    },
  },
  {
    name: 'golang-migrate-shop',
    input: 'samples/golang-migrate-shop/migrations',
    async verify({ client }) {
      const labels = await client.query(`SELECT enumlabel FROM pg_enum WHERE enumtypid = 'order_status'::regtype ORDER BY enumsortorder`);
      expect(labels.rows.map((r) => r.enumlabel)).toEqual(['pending', 'paid', 'shipped', 'refunded', 'cancelled']);
      const valid = await client.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_user_id_created_at_idx'::regclass`);
      expect(valid.rows).toEqual([{ indisvalid: true }]);
      await client.query(`SELECT total_cents FROM orders`);
    },
  },
  {
    name: 'pg-dump-schema',
    input: 'samples/pg-dump-schema/schema.sql',
    async verify({ client }) {
      await client.query(`INSERT INTO app.customers (email, display_name) VALUES ('A@Example.com', 'A')`);
      const dup = await client.query(`INSERT INTO app.customers (email, display_name) VALUES ('a@example.com', 'B')`).catch((e: Error) => e);
      expect(dup).toBeInstanceOf(Error); // citext UNIQUE: case-insensitive
      const trig = await client.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'app.customers'::regclass AND NOT tgisinternal`);
      expect(trig.rows).toEqual([{ tgname: 'customers_set_updated_at' }]);
    },
  },
  {
    name: 'dbmate-blog',
    input: 'samples/dbmate-blog/db/migrations',
    async verify({ client }) {
      await client.query(`INSERT INTO authors (username) VALUES ('ann')`);
      const slug = await client.query(`SELECT attnotnull FROM pg_attribute WHERE attrelid = 'posts'::regclass AND attname = 'slug'`);
      expect(slug.rows).toEqual([{ attnotnull: true }]);
      const tags = await client.query(`SELECT count(*)::int AS n FROM tags`);
      expect(tags.rows).toEqual([{ n: 2 }]);
    },
  },
  {
    name: 'prisma-saas',
    input: 'samples/prisma-saas/prisma/migrations',
    async verify({ client }) {
      const labels = await client.query(`SELECT enumlabel FROM pg_enum WHERE enumtypid = '"Role"'::regtype ORDER BY enumsortorder`);
      expect(labels.rows.map((r) => r.enumlabel)).toEqual(['OWNER', 'MEMBER', 'ADMIN']);
      await client.query(`INSERT INTO "User" (id, email) VALUES ('u1', 'a@example.com')`);
      await client.query(`INSERT INTO "Organization" (id, name, slug, "updatedAt") VALUES ('o1', 'Org', 'org', now())`);
      await client.query(`INSERT INTO "Membership" ("userId", "organizationId") VALUES ('u1', 'o1')`);
      await client.query(`DELETE FROM "Organization"`); // ON DELETE CASCADE takes the membership along
      expect((await client.query(`SELECT count(*)::int AS n FROM "Membership"`)).rows).toEqual([{ n: 0 }]);
    },
  },
];

describe.each([18, 13] as const)('samples apply on Postgres %i', (version) => {
  it.each(SAMPLES)('$name', async (sample) => {
    const { migrations } = await readMigrations([sample.input], { cwd: root });
    expect(migrations.length).toBeGreaterThan(0);
    const db = await testDatabase(`sample-${sample.name}`, version);
    try {
      for (const m of migrations) {
        for (const stmt of m.up) {
          expect(stmt.error, `${stmt.location.file}:${stmt.location.line}`).toBeUndefined();
          // One statement per query: CREATE INDEX CONCURRENTLY refuses an implicit transaction.
          await db.client.query(stmt.text).catch((e: Error) => {
            throw new Error(`${stmt.location.file}:${stmt.location.line}: ${e.message}`);
          });
        }
      }
      await sample.verify(db);
    } finally {
      await db.drop();
    }
  });
});
