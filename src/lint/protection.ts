import { PgmendError } from '../errors.js';

/** What `--protect-schema` / `--protect-table` forbid migrations to write to. */
export class Protection {
  private readonly schemas: Set<string>;
  private readonly tables: Array<{ schema?: string; name: string }>;

  constructor(schemas: string[] = [], tables: string[] = []) {
    this.schemas = new Set(schemas.map((s) => single(s, '--protect-schema')));
    this.tables = tables.map(parseTable);
  }

  get active(): boolean {
    return this.schemas.size > 0 || this.tables.length > 0;
  }

  /** Whether some search_path could make the unqualified `name` a protected relation. */
  couldProtect(name: string): boolean {
    return this.schemas.size > 0 || this.tables.some((t) => t.name === name);
  }

  /** Why (schema, name) is protected, or undefined. A schema matches when it holds a protected table. */
  protects(kind: 'relation' | 'schema' | 'object', schema: string | undefined, name: string): string | undefined {
    if (kind === 'schema') {
      if (this.schemas.has(name)) return `schema ${name} is protected`;
      const table = this.tables.find((t) => t.schema === name);
      return table ? `schema ${name} holds protected table ${name}.${table.name}` : undefined;
    }
    if (schema !== undefined && this.schemas.has(schema)) return `schema ${schema} is protected`;
    if (kind !== 'relation') return undefined;
    const table = this.tables.find((t) => t.name === name && (t.schema === undefined || t.schema === schema));
    return table ? `table ${table.schema ? `${table.schema}.` : ''}${table.name} is protected` : undefined;
  }
}

/** `crm.contacts`, `contacts`, `"CRM"."Contacts"`: unquoted parts fold to lower case, as Postgres does. */
function parseTable(text: string): { schema?: string; name: string } {
  const parts = identifiers(text, '--protect-table');
  if (parts.length > 2) throw usage('--protect-table', text);
  return parts.length === 2 ? { schema: parts[0]!, name: parts[1]! } : { name: parts[0]! };
}

function single(text: string, flag: string): string {
  const parts = identifiers(text, flag);
  if (parts.length !== 1) throw usage(flag, text);
  return parts[0]!;
}

function identifiers(text: string, flag: string): string[] {
  const re = /\s*(?:"((?:[^"]|"")+)"|([^."\s]+))\s*(\.|$)/y;
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    out.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!.toLowerCase());
    if (m[3] === '') break;
  }
  if (!out.length || re.lastIndex < text.length) throw usage(flag, text);
  return out;
}

function usage(flag: string, text: string): PgmendError {
  return new PgmendError('usage', `${flag} ${JSON.stringify(text)} is not a name`, undefined, flag === '--protect-table' ? 'write schema.table or table' : 'write a schema name');
}
