/**
 * A sorted, comparable snapshot of what a database holds outside the system schemas: enough
 * to prove "re-running changed nothing" and "these revisions build what that SQL builds".
 * Object ids and other values that differ between equal databases are left out.
 * Works on any client that can run one query and return rows (pg, PGlite).
 */
export type RunQuery = (sql: string) => Promise<Array<Record<string, unknown>>>;

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'`;

const SNAPSHOT_QUERIES: Record<string, string> = {
  schemas: `SELECT n.nspname FROM pg_namespace n WHERE ${USER_SCHEMAS}`,
  relations: `SELECT n.nspname, c.relname, c.relkind, c.relpersistence FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_SCHEMAS}`,
  columns: `SELECT n.nspname, c.relname, a.attname, row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS position, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
      pg_get_expr(d.adbin, d.adrelid) AS default_expr, a.attidentity, a.attgenerated
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','v','m','p','f','c') AND ${USER_SCHEMAS}`,
  constraints: `SELECT n.nspname, c.conname, coalesce(r.relname, t.typname) AS owner, c.contype, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    LEFT JOIN pg_class r ON r.oid = c.conrelid LEFT JOIN pg_type t ON t.oid = c.contypid WHERE ${USER_SCHEMAS}`,
  indexes: `SELECT n.nspname, c.relname, pg_get_indexdef(i.indexrelid) AS def, i.indisvalid
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_SCHEMAS}`,
  types: `SELECT n.nspname, t.typname, t.typtype,
      (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typtype IN ('e','d','c','r') AND (t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')) AND ${USER_SCHEMAS}`,
  functions: `SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args, p.prokind, md5(pg_get_functiondef(p.oid)) AS def
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.prokind IN ('f','p') AND ${USER_SCHEMAS}
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
  aggregates: `SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind = 'a' AND ${USER_SCHEMAS}`,
  triggers: `SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid) AS def, t.tgenabled
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND ${USER_SCHEMAS}`,
  views: `SELECT n.nspname, c.relname, pg_get_viewdef(c.oid) AS def
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v','m') AND ${USER_SCHEMAS}`,
  policies: `SELECT schemaname, tablename, policyname, permissive, roles::text, cmd, qual, with_check FROM pg_policies`,
  rls: `SELECT n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p') AND ${USER_SCHEMAS}`,
  extensions: `SELECT extname FROM pg_extension`,
  sequences: `SELECT schemaname, sequencename, data_type::text, increment_by, min_value, max_value, cycle FROM pg_sequences`,
  // Effective privileges, NULL ACLs read as the defaults they stand for: an explicit ACL equal
  // to the default (left by a GRANT and its REVOKE) is the same database.
  privileges: `SELECT n.nspname, c.relname AS object, x.grantee, x.privilege_type, x.is_grantable
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
        LATERAL (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type, a.is_grantable
          FROM aclexplode(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's'::"char" ELSE 'r'::"char" END, c.relowner))) a) x
      WHERE c.relkind IN ('r','v','m','p','f','S') AND ${USER_SCHEMAS}
    UNION ALL
    SELECT n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', x.grantee, x.privilege_type, x.is_grantable
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,
        LATERAL (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type, a.is_grantable
          FROM aclexplode(coalesce(p.proacl, acldefault('f'::"char", p.proowner))) a) x
      WHERE ${USER_SCHEMAS} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT n.nspname, '', x.grantee, x.privilege_type, x.is_grantable
      FROM pg_namespace n,
        LATERAL (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type, a.is_grantable
          FROM aclexplode(coalesce(n.nspacl, acldefault('n'::"char", n.nspowner))) a) x
      WHERE ${USER_SCHEMAS}`,
  comments: `SELECT n.nspname, c.relname, d.objsubid, d.description FROM pg_description d
    JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_SCHEMAS}`,
};

export type CatalogSnapshot = Record<string, string[]>;

/** Snapshot of the schema objects; rows naming a table in `excludeTables` (e.g. alembic_version) are left out. */
export async function catalogSnapshot(query: RunQuery, excludeTables: string[] = []): Promise<CatalogSnapshot> {
  const out: CatalogSnapshot = {};
  for (const [name, sql] of Object.entries(SNAPSHOT_QUERIES)) {
    out[name] = (await query(sql))
      .map((r) => JSON.stringify(r, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)))
      .filter((line) => !excludeTables.some((t) => line.includes(`"${t}"`) || line.includes(`"${t}_pkc"`)))
      .sort();
  }
  return out;
}

/**
 * The categories that differ, each with a few of the entries only one side has, so a person
 * sees which objects. An entry changed in one or two fields is shown as the change
 * (`columns (public.t.created: default '…' → '…')`), any other as the row added (+) or gone (-).
 */
export function describeDifferences(a: CatalogSnapshot, b: CatalogSnapshot, shown = 3): string[] {
  return snapshotDifferences(a, b).map((k) => {
    const before = new Set(a[k] ?? []);
    const after = new Set(b[k] ?? []);
    const added = [...after].filter((x) => !before.has(x)).map((x) => JSON.parse(x) as Row);
    const gone = [...before].filter((x) => !after.has(x)).map((x) => JSON.parse(x) as Row);
    const changes: string[] = [];
    for (const old of gone) {
      const i = added.findIndex((row) => changedFields(old, row)?.length);
      if (i < 0) {
        changes.push(`-${abbreviate(JSON.stringify(old))}`);
        continue;
      }
      const [row] = added.splice(i, 1);
      const fields = changedFields(old, row!)!;
      const identity = Object.entries(old).filter(([f, v]) => !fields.includes(f) && typeof v === 'string').slice(0, 3).map(([, v]) => v);
      changes.push(`${identity.join('.')}: ${fields.map((f) => `${f} ${abbreviate(JSON.stringify(old[f]))} → ${abbreviate(JSON.stringify(row![f]))}`).join(', ')}`);
    }
    changes.unshift(...added.map((row) => `+${abbreviate(JSON.stringify(row))}`));
    const listed = changes.slice(0, shown);
    return `${k} (${listed.join(', ')}${changes.length > shown ? `, and ${changes.length - shown} more` : ''})`;
  });
}

type Row = Record<string, unknown>;

/** The fields two rows of one catalog query differ in, when they differ in one or two (the same object, changed). */
function changedFields(a: Row, b: Row): string[] | undefined {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length || keys.length < 3) return undefined;
  const changed = keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return changed.length <= 2 ? changed : undefined;
}

function abbreviate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function snapshotDifferences(a: CatalogSnapshot, b: CatalogSnapshot): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => JSON.stringify(a[k] ?? []) !== JSON.stringify(b[k] ?? []));
}

/** Fully qualified names of the user tables, for row counts. */
export const USER_TABLES_QUERY = `SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p') AND ${USER_SCHEMAS} ORDER BY 1`;
