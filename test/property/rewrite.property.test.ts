/**
 * Rewrite idempotence: for statements of every kind the rule registry handles, with odd
 * names, quoting, schemas, comments and dollar-quoted bodies, rewriting pgmend's own output
 * changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rewrite/index.js';
import { quoteIdent, quoteLiteral } from '../../src/sql/quote.js';
import { rewriteScript } from '../helpers/rewrite.js';

type Gen = fc.Arbitrary<string>;

/** Raw names: plain, mixed-case, keywords, spaces, quotes, `;`, `$`, dots, non-ASCII. */
const rawName = fc.oneof(
  fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/),
  fc.constantFrom('user', 'order', 'select', 'value', 'add', 'Mixed Case', 'it"s', 'semi;colon', 'dollar$$', 'a.b', 'ünï', '$pgmend$'),
  fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '"', "'", ';', '$', '-', 'é', '_'), minLength: 1, maxLength: 8 }),
);

/** An identifier as SQL (quoted when needed, sometimes when not), ending in `suffix`. */
const identWith = (suffix: string): Gen =>
  fc.tuple(rawName, fc.boolean()).map(([raw, force]) => {
    const n = raw + suffix;
    return force ? `"${n.replaceAll('"', '""')}"` : quoteIdent(n);
  });
const literal = fc.string({ unit: fc.constantFrom('x', "'", ';', '$', '\\', ' ', '-', '*', '/'), maxLength: 8 }).map(quoteLiteral);
/** Whitespace or a comment between two tokens. */
const gap = fc.constantFrom(' ', '\n  ', ' /* note; $$ */ ', ' -- trailing ; comment\n', '\t');
/** A dollar-quoted function body holding `;`, comments and a pgmend-like tag. */
const body = fc
  .tuple(fc.constantFrom('$$', '$function$', '$body$'), literal)
  .filter(([tag, lit]) => !lit.includes(tag))
  .map(([tag, lit]) => `${tag}\nBEGIN\n  PERFORM ${lit}; -- $pgmend$ ;\n  RETURN NULL;\nEND\n${tag}`);

const t = (parts: TemplateStringsArray, ...args: Gen[]): Gen =>
  fc.tuple(...args).map((vals) => parts.reduce((out, p, i) => out + p + (i < vals.length ? vals[i] : ''), ''));

/**
 * Generators per statement kind the registry maps, so every rule is exercised. Every name
 * ends in `suffix`, so statements of one script never redefine each other's objects.
 */
function statements(suffix: string): Record<string, Gen[]> {
  const ident = identWith(suffix);
  const qualified = fc.tuple(fc.option(ident, { nil: undefined }), ident).map(([s, n]) => (s ? `${s}.${n}` : n));
  return {
    CreateStmt: [t`CREATE${gap}TABLE ${qualified} (id int PRIMARY KEY, ${ident} text DEFAULT ${literal})`],
    CreateTableAsStmt: [t`CREATE TABLE ${qualified} AS SELECT 1 AS ${ident}`],
    IndexStmt: [t`CREATE INDEX ${ident} ON ${qualified} (${ident})`, t`CREATE UNIQUE INDEX${gap}ON ${qualified} (${ident})`],
    CreateSeqStmt: [t`CREATE SEQUENCE ${qualified} START 10`],
    CreateSchemaStmt: [t`CREATE SCHEMA ${ident}`],
    CreateExtensionStmt: [t`CREATE EXTENSION ${ident} SCHEMA ${ident}`],
    CreateFunctionStmt: [
      t`CREATE${gap}FUNCTION ${qualified}(${ident} int, OUT ${ident} text) LANGUAGE plpgsql AS ${body}`,
      t`create function ${qualified}() returns trigger language plpgsql as ${body}`,
      t`CREATE PROCEDURE ${qualified}(VARIADIC ${ident} bigint[]) LANGUAGE sql BEGIN ATOMIC SELECT ${literal}; END`,
    ],
    ViewStmt: [t`CREATE${gap}VIEW ${qualified} AS SELECT ${ident}, 2 AS ${ident} FROM ${qualified}`, t`CREATE TEMP VIEW ${ident} AS SELECT ${literal}`],
    CreateTrigStmt: [
      t`CREATE TRIGGER ${ident}${gap}AFTER INSERT ON ${qualified} FOR EACH ROW EXECUTE FUNCTION ${qualified}()`,
      t`CREATE CONSTRAINT TRIGGER ${ident} AFTER UPDATE ON ${qualified} DEFERRABLE FOR EACH ROW EXECUTE PROCEDURE ${qualified}()`,
    ],
    CreateEnumStmt: [t`CREATE TYPE ${qualified} AS ENUM (${literal},${gap}${literal})`],
    CompositeTypeStmt: [t`CREATE TYPE ${qualified} AS (${ident} int, ${ident} text)`],
    CreateRangeStmt: [t`CREATE TYPE ${qualified} AS RANGE (SUBTYPE = float8)`],
    CreateDomainStmt: [t`CREATE DOMAIN ${qualified} AS text${gap}CHECK (VALUE <> ${literal})`],
    CreatePolicyStmt: [t`CREATE POLICY ${ident} ON ${qualified} FOR SELECT TO ${ident} USING (${ident} = current_user)`],
    AlterPolicyStmt: [t`ALTER POLICY ${ident} ON ${qualified} USING (${ident} = current_user)`],
    CreateRoleStmt: [t`CREATE ROLE ${ident} LOGIN PASSWORD ${literal}`, t`CREATE USER ${ident}`, t`CREATE GROUP ${ident}`],
    DropRoleStmt: [t`DROP ROLE ${ident}`, t`DROP USER IF EXISTS ${ident}, ${ident}`],
    AlterTableStmt: [
      t`ALTER TABLE ${qualified} ADD COLUMN ${ident} int`,
      t`ALTER TABLE ${qualified} DROP COLUMN ${ident}`,
      t`ALTER TABLE ${qualified} ADD CONSTRAINT ${ident} CHECK (${ident} > 0)`,
      t`ALTER TABLE ${qualified} ALTER COLUMN ${ident} SET DEFAULT ${literal}`,
    ],
    RenameStmt: [
      t`ALTER TABLE ${qualified} RENAME TO ${ident}`,
      t`ALTER TABLE ${qualified} RENAME COLUMN ${ident} TO ${ident}`,
      t`ALTER TRIGGER ${ident} ON ${qualified} RENAME TO ${ident}`,
      t`ALTER POLICY ${ident} ON ${qualified} RENAME TO ${ident}`,
      t`ALTER FUNCTION ${qualified}(int, text) RENAME TO ${ident}`,
      t`ALTER PROCEDURE ${qualified} RENAME TO ${ident}`,
      t`ALTER TYPE ${qualified} RENAME ATTRIBUTE ${ident} TO ${ident}`,
    ],
    AlterEnumStmt: [
      t`ALTER TYPE ${qualified} ADD VALUE ${literal}${gap}BEFORE ${literal}`,
      t`ALTER TYPE ${qualified} RENAME VALUE ${literal} TO ${literal}`,
    ],
    InsertStmt: [t`INSERT INTO ${qualified} (${ident}) VALUES (${literal})`],
    UpdateStmt: [t`UPDATE ${qualified} SET ${ident} = ${literal}`],
    DeleteStmt: [t`DELETE FROM ${qualified} WHERE ${ident} = ${literal}`],
    DoStmt: [t`DO ${body}`],
    SelectStmt: [t`SELECT ${literal} AS ${ident}`, t`SELECT pg_catalog.set_config(${literal}, ${literal}, false)`],
    VariableSetStmt: [t`SET search_path = ${ident}, public`, t`SET LOCAL statement_timeout = 0`],
    MergeStmt: [t`MERGE INTO ${qualified} d USING ${qualified} s ON d.id = s.id WHEN NOT MATCHED THEN DO NOTHING`],
    CopyStmt: [t`COPY ${qualified} TO STDOUT`],
    GrantStmt: [t`GRANT SELECT ON ${qualified} TO ${ident}`],
    GrantRoleStmt: [t`GRANT ${ident} TO ${ident}`],
    AlterDefaultPrivilegesStmt: [t`ALTER DEFAULT PRIVILEGES IN SCHEMA ${ident} GRANT SELECT ON TABLES TO ${ident}`],
    CommentStmt: [t`COMMENT ON TABLE ${qualified} IS ${literal}`],
    DropStmt: [t`DROP TABLE ${qualified}`, t`DROP FUNCTION ${qualified}(int, text)`, t`DROP VIEW IF EXISTS ${qualified}`],
    AlterSeqStmt: [t`ALTER SEQUENCE ${qualified} OWNED BY ${qualified}.${ident}`, t`ALTER SEQUENCE ${qualified} RESTART`],
    TruncateStmt: [t`TRUNCATE ${qualified}`],
    DefineStmt: [
      t`CREATE AGGREGATE ${qualified} (text) (sfunc = textcat, stype = text)`,
      t`CREATE COLLATION ${qualified} FROM "C"`,
      t`CREATE TEXT SEARCH DICTIONARY ${qualified} (TEMPLATE = simple)`,
      t`CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq)`,
    ],
    AlterDomainStmt: [t`ALTER DOMAIN ${qualified} ADD CONSTRAINT ${ident} CHECK (VALUE > 0)`, t`ALTER DOMAIN ${qualified} DROP CONSTRAINT ${ident}`],
    CreateFdwStmt: [t`CREATE FOREIGN DATA WRAPPER ${ident}`],
    CreateForeignServerStmt: [t`CREATE SERVER ${ident} FOREIGN DATA WRAPPER ${ident}`],
    CreateUserMappingStmt: [t`CREATE USER MAPPING FOR ${ident} SERVER ${ident}`, t`CREATE USER MAPPING FOR CURRENT_USER SERVER ${ident}`],
    CreateForeignTableStmt: [t`CREATE FOREIGN TABLE ${qualified} (${ident} int) SERVER ${ident}`],
    AlterObjectSchemaStmt: [t`ALTER TABLE ${qualified} SET SCHEMA ${ident}`, t`ALTER TYPE ${qualified} SET SCHEMA ${ident}`, t`ALTER FUNCTION ${qualified}(int, text) SET SCHEMA ${ident}`],
    CreateStatsStmt: [t`CREATE STATISTICS ${qualified} ON ${ident}, ${ident} FROM ${qualified}`],
    RuleStmt: [t`CREATE RULE ${ident} AS ON DELETE TO ${qualified} DO INSTEAD NOTHING`],
    CreateEventTrigStmt: [t`CREATE EVENT TRIGGER ${ident} ON ddl_command_end EXECUTE FUNCTION ${qualified}()`],
    CreatePublicationStmt: [t`CREATE PUBLICATION ${ident} FOR TABLE ${qualified}`],
    AlterPublicationStmt: [t`ALTER PUBLICATION ${ident} ADD TABLE ${qualified}`, t`ALTER PUBLICATION ${ident} DROP TABLE ONLY ${qualified}`, t`ALTER PUBLICATION ${ident} SET (publish = 'insert')`],
    CreateCastStmt: [t`CREATE CAST (text AS ${qualified}) WITH INOUT`],
    AlterOwnerStmt: [t`ALTER FUNCTION ${qualified}() OWNER TO ${ident}`],
    AlterFunctionStmt: [t`ALTER FUNCTION ${qualified}(int) SECURITY DEFINER`],
    AlterRoleStmt: [t`ALTER ROLE ${ident} NOLOGIN`],
    AlterRoleSetStmt: [t`ALTER ROLE ${ident} SET search_path = ${ident}`],
    AlterDatabaseSetStmt: [t`ALTER DATABASE ${ident} SET timezone = 'UTC'`],
    SecLabelStmt: [t`SECURITY LABEL ON TABLE ${qualified} IS ${literal}`],
    AlterExtensionStmt: [t`ALTER EXTENSION ${ident} UPDATE`],
    RefreshMatViewStmt: [t`REFRESH MATERIALIZED VIEW ${qualified}`],
    LockStmt: [t`LOCK TABLE ${qualified}`],
    NotifyStmt: [t`NOTIFY ${ident}`],
    ClusterStmt: [t`CLUSTER ${qualified}`],
    CheckPointStmt: [t`CHECKPOINT`],
    VacuumStmt: [t`VACUUM ${qualified}`, t`ANALYZE ${qualified}`],
    ReindexStmt: [t`REINDEX INDEX CONCURRENTLY ${qualified}`],
    AlterSystemStmt: [t`ALTER SYSTEM SET work_mem = '1MB'`],
    AlterOperatorStmt: [t`ALTER OPERATOR === (int, int) SET (RESTRICT = eqsel)`],
    LoadStmt: [t`LOAD ${literal}`],
    DiscardStmt: [t`DISCARD ALL`, t`DISCARD PLANS`],
    CreatedbStmt: [t`CREATE DATABASE ${ident}`],
  };
}

const STATEMENTS = statements('');
const pgVersion = fc.integer({ min: 12, max: 18 });
const anyStatement = fc.oneof(...Object.values(STATEMENTS).flat());
/** 2–8 statements of any kinds, the i-th naming its objects with suffix `_i`. */
const anyScript = fc.array(fc.nat(Object.values(STATEMENTS).flat().length - 1), { minLength: 2, maxLength: 8 }).chain((picks) =>
  fc.tuple(...picks.map((k, i) => Object.values(statements(`_${i}`)).flat()[k]!)).map((stmts) => stmts.join(';\n')),
);

/**
 * A revision that creates objects and, further down, renames, alters and drops them, or swaps
 * them in for others (some of its statements, in order), so the look-ahead guards are exercised.
 */
const renamingScript: Gen = fc
  .record({
    s: fc.option(identWith('_s'), { nil: undefined }),
    t: identWith('_t'),
    u: identWith('_u'),
    c: identWith('_c'),
    d: identWith('_d'),
    e: identWith('_e'),
    i: identWith('_i'),
    j: identWith('_j'),
    ty: identWith('_y'),
    tz: identWith('_z'),
    label: literal,
  })
  .chain(({ s, t, u, c, d, e, i, j, ty, tz, label }) => {
    const q = (n: string) => (s ? `${s}.${n}` : n);
    const script = [
      `CREATE TYPE ${q(ty)} AS ENUM ('a')`,
      `CREATE TABLE ${q(t)} (id int PRIMARY KEY, ${c} text)`,
      `CREATE INDEX ${i} ON ${q(t)} (${c})`,
      `ALTER TABLE ${q(t)} ADD COLUMN ${d} int, ADD CONSTRAINT ${j} CHECK (${d} > 0)`,
      `ALTER TABLE ${q(t)} ALTER COLUMN ${c} SET DEFAULT ${label}`,
      `ALTER TABLE ${q(t)} ALTER COLUMN ${d} TYPE bigint, ADD CONSTRAINT ${e} CHECK (id > 0), DROP COLUMN ${d}`,
      `ALTER TYPE ${q(ty)} ADD VALUE ${label}`,
      `INSERT INTO ${q(t)} (id, ${c}) VALUES (1, ${label})`,
      `COMMENT ON COLUMN ${q(t)}.${c} IS ${label}`,
      `ALTER TABLE ${q(t)} DROP COLUMN ${e}`,
      `ALTER TABLE ${q(t)} RENAME COLUMN ${c} TO ${e}`,
      `ALTER INDEX ${q(i)} RENAME TO ${j}`,
      `ALTER TABLE ${q(t)} DROP COLUMN ${d}`,
      `ALTER TYPE ${q(ty)} RENAME TO ${tz}`,
      `DROP TABLE ${q(u)}`,
      `ALTER TABLE ${q(t)} RENAME TO ${u}`,
    ];
    return fc.subarray(script, { minLength: 2 }).map((stmts) => stmts.join(';\n'));
  });

/** The second rewrite of a script must return the first one's output unchanged. */
async function expectStable(sql: string, version: number): Promise<void> {
  const first = await rewriteScript(sql, version);
  const second = await rewriteScript(first.up.map((s) => `${s};\n`).join(''), version);
  expect(second.up).toEqual(first.up);
}

describe('rewrite idempotence', () => {
  it('generates a statement of every kind the registry maps', async () => {
    expect(Object.keys(STATEMENTS).sort()).toEqual(Object.keys(RULES).sort());
    for (const [kind, gens] of Object.entries(STATEMENTS)) {
      for (const gen of gens) {
        const [sql] = fc.sample(gen, { numRuns: 1, seed: 1 });
        const { rewrites } = await rewriteScript(sql!);
        expect(rewrites.map((r) => r.findings.some((f) => f.code === 'parse-error')), `${kind}: ${sql}`).toEqual([false]);
      }
    }
  });

  it('rewriting a rewritten statement changes nothing', async () => {
    await fc.assert(fc.asyncProperty(anyStatement, pgVersion, expectStable), { numRuns: 300 });
  });

  it('rewriting a rewritten script changes nothing', async () => {
    await fc.assert(fc.asyncProperty(anyScript, pgVersion, expectStable), { numRuns: 100 });
  });

  it('rewriting a rewritten script that renames and drops what it creates changes nothing', async () => {
    await fc.assert(fc.asyncProperty(renamingScript, pgVersion, expectStable), { numRuns: 100 });
  });
});
