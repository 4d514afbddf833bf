import type { PyString } from './strings.js';

/** One piece of an f-string: literal text (with its file offsets) or a `{…}` field. */
type Field = { field: string; name?: string; repr: boolean; at: number };
type Piece = { text: string; map: number[] } | Field;

/** An f-string filled in: run-time fields (`holes`, char offsets) hold a `$1` bind placeholder. */
export interface FilledFString {
  str: PyString;
  holes: number[];
}

/** What a run-time field becomes: a bind parameter, as SQLAlchemy's `:name` is masked. */
export const HOLE = '$1';

/** Above this many combinations of field values an f-string is left unread (dynamic-sql). */
const MAX_COMBINATIONS = 32;

/**
 * The strings an f-string makes when each `{name}` field takes the values `valuesOf` gives it
 * (one for a constant, several for a loop variable over a literal list); any other field
 * (`{row.id}`, `{f(x)}`, a name lint cannot read) is a hole holding `$1`. Undefined for what
 * cannot be split into fields. Inserted text is located at its field's `{`; `{{` and `}}` are
 * literal braces.
 */
export function fillFString(str: PyString, valuesOf: (name: string, at: number) => string[] | undefined): FilledFString[] | undefined {
  return fill(str, (piece) => (piece.name === undefined ? undefined : valuesOf(piece.name, piece.at)?.map((v) => (piece.repr ? pyRepr(v) : v))));
}

/**
 * The strings `template.format(…)` makes: `{}` / `{0}` / `{name}` take the values `argument` gives
 * the positional index or keyword (auto-numbered in order for `{}`); a field with a format spec,
 * or an argument lint cannot read, is a `$1` hole, as in fillFString.
 */
export function fillFormat(str: PyString, argument: (key: number | string) => string[] | undefined): FilledFString[] | undefined {
  let next = 0;
  return fill(str, (piece) => {
    const field = /^\s*(\d*|[A-Za-z_]\w*)\s*(?:!([sr]))?$/.exec(piece.field);
    if (!field) return undefined;
    const key = field[1] === '' ? next++ : /^\d+$/.test(field[1]!) ? Number(field[1]) : field[1]!;
    const values = argument(key);
    return field[2] === 'r' ? values?.map(pyRepr) : values;
  });
}

/** Fills each field with the values `valuesOf` gives it (one result per combination), else a hole. */
function fill(str: PyString, valuesOf: (field: Field) => Array<string | undefined> | undefined): FilledFString[] | undefined {
  const pieces = fStringPieces(str);
  if (!pieces) return undefined;
  let results: Array<{ value: string[]; map: number[]; holes: number[] }> = [{ value: [], map: [], holes: [] }];
  for (const piece of pieces) {
    if ('text' in piece) {
      for (const r of results) for (let k = 0; k < piece.text.length; k++) (r.value.push(piece.text[k]!), r.map.push(piece.map[k]!));
      continue;
    }
    const values = valuesOf(piece);
    if (!values?.length || values.some((v) => v === undefined)) {
      for (const r of results) (r.holes.push(r.value.length), r.value.push(...HOLE), r.map.push(...Array<number>(HOLE.length).fill(piece.at)));
      continue;
    }
    if (results.length * values.length > MAX_COMBINATIONS) return undefined;
    results = results.flatMap((r) => (values as string[]).map((v) => ({ value: [...r.value, ...v], map: [...r.map, ...Array<number>(v.length).fill(piece.at)], holes: r.holes })));
  }
  const end = str.map[str.value.length]!;
  return results.map((r) => ({ str: { value: r.value.join(''), map: [...r.map, end], formatted: false, bytes: str.bytes }, holes: r.holes }));
}

/** The bare names an f-string's fields read (`{name}`, `{name!r}`). */
export function fieldNames(str: PyString): string[] {
  return (fStringPieces(str) ?? []).flatMap((p) => ('name' in p && p.name !== undefined ? [p.name] : []));
}

/** Splits an f-string's value into literal text and fields; a bare name (`{name}`, `{name!r}`) is named. */
function fStringPieces(str: PyString): Piece[] | undefined {
  const pieces: Piece[] = [];
  let text: { text: string; map: number[] } = { text: '', map: [] };
  const { value, map } = str;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if ((c === '{' || c === '}') && value[i + 1] === c) {
      text.text += c;
      text.map.push(map[i]!);
      i++;
      continue;
    }
    if (c === '}') return undefined;
    if (c !== '{') {
      text.text += c;
      text.map.push(map[i]!);
      continue;
    }
    const close = fieldEnd(value, i);
    if (close < 0) return undefined;
    const field = value.slice(i + 1, close);
    const bare = /^\s*([A-Za-z_]\w*)\s*(?:!([sr]))?$/.exec(field);
    pieces.push(text, { field, ...(bare ? { name: bare[1]! } : {}), repr: bare?.[2] === 'r', at: map[i]! });
    text = { text: '', map: [] };
    i = close;
  }
  pieces.push(text);
  return pieces;
}

/** The `}` that closes the field opened at value[open], past nested brackets and quotes; -1 if none. */
function fieldEnd(value: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open + 1; i < value.length; i++) {
    const c = value[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]'.includes(c) || (c === '}' && depth > 0)) depth--;
    else if (c === '}') return i;
  }
  return -1;
}

/** Python's repr() of a str as SQL sees it: single quotes, unless the text holds one (left unread). */
function pyRepr(value: string): string | undefined {
  return value.includes("'") || value.includes('\\') ? undefined : `'${value}'`;
}
