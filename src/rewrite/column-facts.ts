/**
 * A column definition as written (`email text NOT NULL DEFAULT '' UNIQUE`) split at its
 * constraint keywords into the parts downgrades restore: type, default, NOT NULL, and its
 * constraints rewritten as table constraints.
 */
import type { Token } from '../sql/tokens.js';
import { skipWords, textOf, type Span } from './token-spans.js';

/** A column definition split into the parts downgrades restore. */
export interface ColumnFacts {
  text: string;
  type: string;
  default?: string;
  notNull: boolean;
  /**
   * The definition without its NOT NULL and PRIMARY KEY: what a column re-added to a table with
   * rows can have (its values are gone, so both would fail).
   */
  nullable: string;
  /** Its PRIMARY KEY as a table constraint, with the constraint's name when it has one. */
  primaryKey?: string;
  /** Column constraints (primary key, unique, check, references) as table constraints, in source order. */
  constraints: string[];
}

const STARTERS = new Set(['CONSTRAINT', 'NOT', 'NULL', 'DEFAULT', 'PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES', 'GENERATED', 'COLLATE']);

/**
 * The parts of the column definition tokens[span] (name first) after its type: one span per
 * constraint or clause (`CONSTRAINT n NOT NULL`, `DEFAULT …`, `REFERENCES …`, `COLLATE …`).
 */
export function columnSegments(tokens: Token[], span: Span): Span[] {
  const segments: Span[] = [];
  let depth = 0;
  for (let i = span[0] + 1; i <= span[1]; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1]!.keyword;
    if (t.text === '(' || t.text === '[') depth++;
    if (t.text === ')' || t.text === ']') depth--;
    const starts =
      depth === 0 &&
      STARTERS.has(t.keyword) &&
      !(t.keyword === 'NOT' && tokens[i + 1]?.keyword !== 'NULL') &&
      !(t.keyword === 'NULL' && ['NOT', 'SET', 'DEFAULT', 'IS'].includes(prev)) &&
      !(t.keyword === 'DEFAULT' && ['BY', 'SET'].includes(prev)) &&
      prev !== 'DEFAULT';
    const last = segments[segments.length - 1];
    const namedOnly = last && tokens[last[0]]!.keyword === 'CONSTRAINT' && last[1] - last[0] === 1;
    if (starts && !namedOnly) segments.push([i, i]);
    else if (last) last[1] = i;
  }
  return segments;
}

/** Splits the column definition tokens[span] (name first) at its constraint keywords. */
export function columnFacts(sql: string, tokens: Token[], span: Span): ColumnFacts {
  const segments = columnSegments(tokens, span);
  const typeEnd = segments.length ? segments[0]![0] - 1 : span[1];
  const facts: ColumnFacts = {
    text: textOf(sql, tokens, span),
    type: typeEnd > span[0] ? textOf(sql, tokens, [span[0] + 1, typeEnd]) : '',
    notNull: false,
    nullable: '',
    constraints: [],
  };
  const cuts: Array<[number, number]> = []; // NOT NULL and PRIMARY KEY segments' text, each from the end of the token before it
  const quoted = tokens[span[0]]!.text; // the column name as the user wrote it
  for (const seg of segments) {
    const named = tokens[seg[0]]!.keyword === 'CONSTRAINT';
    const head = named ? seg[0] + 2 : seg[0];
    const word = tokens[head]?.keyword;
    if (head > seg[1]) continue;
    const rest = (from: number) => (from <= seg[1] ? ` ${textOf(sql, tokens, [from, seg[1]])}` : '');
    if (word === 'DEFAULT') facts.default = head < seg[1] ? textOf(sql, tokens, [head + 1, seg[1]]) : undefined;
    if (word === 'NOT' || word === 'PRIMARY') facts.notNull = true;
    if (word === 'NOT' || word === 'PRIMARY') cuts.push([tokens[seg[0] - 1]!.end, tokens[seg[1]]!.end]);
    if (word === 'PRIMARY') {
      facts.constraints.push(`PRIMARY KEY (${quoted})${rest(head + 2)}`);
      facts.primaryKey = `${named ? `${textOf(sql, tokens, [seg[0], seg[0] + 1])} ` : ''}PRIMARY KEY (${quoted})${rest(head + 2)}`;
    }
    if (word === 'UNIQUE') {
      const after = skipWords(tokens, skipWords(tokens, head + 1, ['NULLS', 'NOT', 'DISTINCT']), ['NULLS', 'DISTINCT']);
      facts.constraints.push(`${textOf(sql, tokens, [head, after - 1])} (${quoted})${rest(after)}`);
    }
    if (word === 'CHECK') facts.constraints.push(textOf(sql, tokens, [head, seg[1]]));
    if (word === 'REFERENCES') facts.constraints.push(`FOREIGN KEY (${quoted}) ${textOf(sql, tokens, [head, seg[1]])}`);
  }
  let at = tokens[span[0]]!.start;
  for (const [from, to] of cuts) {
    facts.nullable += sql.slice(at, from);
    at = to;
  }
  facts.nullable += sql.slice(at, tokens[span[1]]!.end);
  return facts;
}

/** The identifier a token spells: quoted names exactly, others folded to lower case. */
export function identOf(t: Token): string {
  return t.text.startsWith('"') ? t.text.slice(1, -1).replaceAll('""', '"') : t.text.toLowerCase();
}

/** The integer type a serial column really has (Postgres gives it a sequence and a default too). */
const SERIALS: Record<string, string> = { serial: 'integer', serial4: 'integer', bigserial: 'bigint', serial8: 'bigint', smallserial: 'smallint', serial2: 'smallint' };

/** `integer` for a column type written `SERIAL` (as Postgres reads it: any case, or quoted), etc. */
export function serialInt(type: string): string | undefined {
  const name = /^"(.*)"$/.exec(type)?.[1] ?? type.toLowerCase();
  return Object.hasOwn(SERIALS, name) ? SERIALS[name] : undefined;
}
