/**
 * IF NOT EXISTS conditions of DO blocks, shared by self-guarded-do.test.ts (what pgmend
 * decides) and do-guard-rerun.test.ts (what Postgres does when the block runs twice).
 */
export const GUARD_TABLES = "CREATE TABLE o (id int PRIMARY KEY);\nCREATE TABLE u (id int PRIMARY KEY, o_id int);\nCREATE TYPE state AS ENUM ('open');";
export const guardBlock = (cond: string, ddl: string): string => `DO $$\nBEGIN\n  IF NOT EXISTS (${cond}) THEN\n    ${ddl};\n  END IF;\nEND $$`;
const fk = 'ALTER TABLE u ADD CONSTRAINT u_o_id_fkey FOREIGN KEY (o_id) REFERENCES o (id)';
const check = 'ALTER TABLE u ADD CONSTRAINT u_id_positive CHECK (id > 0)';
/** [condition, DDL]: conditions that test what the DDL creates. */
export const GUARD_TESTED: Array<[string, string]> = [
  ["SELECT 1 FROM pg_constraint WHERE conname = 'u_o_id_fkey'", fk],
  ["SELECT 1 FROM pg_catalog.pg_constraint WHERE conname = 'u_o_id_fkey' AND conrelid = 'public.u'::regclass", fk],
  ["SELECT 1 FROM pg_constraint WHERE conname = 'u_o_id_fkey' AND confrelid = to_regclass('o')", fk],
  ["SELECT 1 FROM information_schema.table_constraints WHERE table_name = 'u' AND constraint_name = 'u_o_id_fkey'", fk],
  // constraint_column_usage lists a foreign key under the table it references
  ["SELECT 1 FROM information_schema.constraint_column_usage WHERE table_schema = 'public' AND table_name = 'o' AND constraint_name = 'u_o_id_fkey'", fk],
  ["SELECT 1 FROM information_schema.constraint_column_usage WHERE constraint_name = 'u_o_id_fkey'", fk],
  ["SELECT 1 FROM information_schema.constraint_column_usage WHERE table_name = 'u' AND constraint_name = 'u_id_positive'", check],
  ["SELECT 1 FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name WHERE tc.table_name = 'u' AND kcu.constraint_name = 'u_o_id_fkey'", fk],
  ["SELECT 1 FROM information_schema.columns WHERE table_name = 'u' AND column_name = 'note'", 'ALTER TABLE u ADD COLUMN note text'],
  ["SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('u') AND attname = 'note' AND NOT attisdropped", 'ALTER TABLE u ADD COLUMN note text'],
  ["SELECT 1 FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'u' AND indexname = 'u_o_id_idx'", 'CREATE INDEX u_o_id_idx ON u (o_id)'],
  ["SELECT 1 FROM pg_class WHERE relname = 'u_o_id_idx'", 'CREATE INDEX u_o_id_idx ON u (o_id)'],
  ["SELECT 1 FROM pg_type WHERE typname = 'mood'", "CREATE TYPE mood AS ENUM ('happy')"],
  ["SELECT 1 FROM pg_type WHERE typname = 'Mood'", `CREATE TYPE "Mood" AS ENUM ('happy')`],
  ["SELECT 1 WHERE to_regtype('public.MOOD') IS NOT NULL", "CREATE TYPE mood AS ENUM ('happy')"],
  ["SELECT 1 FROM pg_class WHERE relname = 'u_pk2'", 'ALTER TABLE o ADD CONSTRAINT u_pk2 UNIQUE (id)'],
  ["SELECT 1 FROM pg_tables WHERE tablename = 'audit'", 'CREATE TABLE audit (id int)'],
  // unnamed: tested under the name Postgres gives it
  ["SELECT 1 FROM pg_constraint WHERE conname = 'u_o_id_fkey'", 'ALTER TABLE u ADD FOREIGN KEY (o_id) REFERENCES o (id)'],
  ["SELECT 1 FROM pg_indexes WHERE tablename = 'u' AND indexname = 'u_o_id_idx'", 'CREATE INDEX ON u (o_id)'],
  ["SELECT 1 FROM information_schema.tables WHERE table_name = 'u_old'", 'ALTER TABLE u RENAME TO u_old'],
  ["SELECT 1 FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'state' AND e.enumlabel = 'gone'", "ALTER TYPE state ADD VALUE 'gone'"],
  // a table of the project: pgmend does not know what it lists; it names the object
  ["SELECT 1 FROM schema_objects WHERE name = 'audit'", 'CREATE TABLE audit (id int)'],
];
/** [condition, DDL, part of the reason]: conditions that do not. */
export const GUARD_UNTESTED: Array<[string, string, string]> = [
  // supabase/auth 00_init: constraint_column_usage lists the REFERENCED table
  [
    "SELECT * FROM information_schema.constraint_column_usage WHERE table_schema = 'public' and table_name='u' and constraint_name='u_o_id_fkey'",
    fk,
    "information_schema.constraint_column_usage lists constraint u_o_id_fkey under the table it references (o), but the condition asks for table_name = 'u'",
  ],
  ["SELECT 1 FROM pg_class WHERE relname = 'nothing_here'", check, 'it never names constraint u_id_positive'],
  ["SELECT 1 FROM pg_constraint WHERE conname = 'u_o_id_fk'", fk, 'it never names constraint u_o_id_fkey'],
  ["SELECT 1 FROM pg_constraint WHERE conname = 'u_o_id_fkey' AND conrelid = 'o'::regclass", fk, "pg_constraint lists constraint u_o_id_fkey under its table (u), but the condition asks for conrelid = 'o'"],
  ["SELECT 1 FROM information_schema.table_constraints WHERE table_name = 'o' AND constraint_name = 'u_o_id_fkey'", fk, 'under its table (u)'],
  ["SELECT 1 FROM pg_class WHERE relname = 'u_o_id_fkey'", fk, 'pg_class does not list a constraint such as u_o_id_fkey'],
  ["SELECT 1 FROM pg_type WHERE typname = 'btree_gin'", 'CREATE EXTENSION btree_gin', 'pg_type does not list an extension such as btree_gin'],
  // a string literal compares as stored: CREATE TYPE Mood makes mood
  ["SELECT 1 FROM pg_type WHERE typname = 'Mood'", "CREATE TYPE Mood AS ENUM ('happy')", 'it never names type mood'],
  ["SELECT 1 FROM information_schema.columns WHERE table_name = 'o' AND column_name = 'note'", 'ALTER TABLE u ADD COLUMN note text', "under its table (u), but the condition asks for table_name = 'o'"],
  ["SELECT 1 FROM information_schema.tables WHERE table_name = 'u_old'", 'ALTER TABLE u ADD COLUMN note text', 'it never names column note'],
  // a statement pgmend does not model: the condition must name something it names
  ["SELECT 1 FROM pg_class WHERE relname = 'nothing_here'", 'ALTER TABLE u DROP COLUMN o_id', 'it never names anything its DDL names (u, o_id)'],
  ["SELECT 1 FROM pg_enum WHERE enumlabel = 'closed'", "ALTER TYPE state ADD VALUE 'gone'", 'it never names enum-label gone'],
  ["SELECT 1 FROM pg_indexes WHERE tablename = 'o' AND indexname = 'u_o_id_idx'", 'CREATE INDEX u_o_id_idx ON u (o_id)', "pg_indexes lists index u_o_id_idx under its table (u), but the condition asks for tablename = 'o'"],
];
