import { byteToCharMapper, SourceText, type SourceLocation } from '../source.js';
import { parseSql, scanSql } from '../sql/parser.js';
import { splitSql } from '../sql/split.js';
import type { PyValue } from './python/expr.js';
import { HOLE, type FilledFString } from './python/fstring.js';
import { signature } from './python/ops.js';
import { readRevision, type OpCall, type RevisionFile } from './python/revision.js';
import { opLabel } from './describe.js';
import { sqlArgument, staticString, tableDefinition, type SqlArgument } from './python/sql-argument.js';
import type { PyString } from './python/strings.js';
import { PythonSyntaxError } from './python/tokenize.js';
import type { Action, LintFinding, LintUnit } from './types.js';

/**
 * SQL found in a Python string: its text (bind parameters masked) with locations that point
 * into the .py file, so findings name the line the user wrote the SQL on.
 */
class PythonStringSql extends SourceText {
  constructor(
    private readonly py: SourceText,
    private readonly map: number[],
    text: string,
  ) {
    super(py.file, text);
  }

  override locate(charOffset: number): SourceLocation {
    return this.py.locate(this.map[Math.min(charOffset, this.map.length - 1)] ?? 0);
  }
}

/** Reads one Alembic revision file into the actions lint checks. Requires ensureParser(). */
export function readAlembicUnit(file: string, text: string): LintUnit {
  const py = new SourceText(file, text);
  const unit: LintUnit = { file, kind: 'alembic', actions: [], findings: [] };
  let revision: RevisionFile;
  try {
    revision = readRevision(text);
  } catch (e) {
    if (!(e instanceof PythonSyntaxError)) throw e;
    unit.findings.push(readFinding(py.locate(e.offset), 'python-syntax', `cannot read this file: ${e.message}`, 'fix the Python syntax; lint checked nothing in this file'));
    return unit;
  }
  unit.functions = {};
  for (const [name, fn] of Object.entries(revision.functions)) unit.functions[name as 'upgrade'] = { location: py.locate(fn.at), empty: fn.empty };
  for (const call of revision.calls) {
    // What runs only on another database is no rule's business: Postgres never runs it.
    const actions = call.dialectTested ? (unit.elsewhere ??= []) : unit.actions;
    const findings: LintFinding[] = [];
    if (call.method === 'execute') actions.push(...executeActions(call, revision, py, findings));
    else actions.push(opAction(call, revision, py, findings));
    unit.findings.push(...(call.dialectTested ? findings.map(elsewhereNote) : findings));
  }
  return unit;
}

function executeActions(call: OpCall, rev: RevisionFile, py: SourceText, findings: LintFinding[]): Action[] {
  if (call.write) return argumentActions({ kind: 'table-write', at: call.at, ...call.write }, call, rev, py, findings);
  const value = call.params.sqltext ?? call.params.statement ?? call.params.sql;
  return argumentActions(sqlArgument(value, rev.lookup), call, rev, py, findings);
}

function argumentActions(arg: SqlArgument | undefined, call: OpCall, rev: RevisionFile, py: SourceText, findings: LintFinding[]): Action[] {
  const base = {
    phase: call.phase,
    autocommit: call.autocommit,
    ...(call.checked ? { checked: call.checked, checkedNames: call.checkedNames ?? [] } : {}),
    ...(call.dialectTested ? { dialectTested: true } : {}),
    ...(call.conditional ? { conditional: true } : {}),
    ...(call.block !== undefined ? { block: call.block } : {}),
  };
  if (arg?.kind === 'many') return arg.items.flatMap((item) => argumentActions(item, call, rev, py, findings));
  if (!arg || arg.kind === 'read') return [];
  // An unknown receiver's execute may not be SQL at all: only SQL, or a write to a table object
  // the file makes, counts.
  if (call.guessed && arg.kind !== 'sql' && !(arg.kind === 'table-write' && tableDefinition(arg.table, rev.lookup))) return [];
  if (arg.kind === 'dynamic' && arg.template && valuesOnly(arg.template)) arg = { kind: 'sql', str: arg.template.str, at: arg.at };
  if (arg.kind === 'dynamic') {
    findings.push(readFinding(py.locate(arg.at), 'dynamic-sql', `cannot read statically the SQL this executes: ${arg.why}`, 'lint checks only literal SQL; write the statement as a string literal, or review it by hand'));
    return [];
  }
  if (arg.kind === 'table-write') {
    const def = tableDefinition(arg.table, rev.lookup);
    const tableCall: OpCall = { ...call, method: `execute (${arg.verb.split(' ')[0]})` };
    const target = staticTable(def?.name, def?.schema, rev);
    if (!target.table) findings.push(unknownTable(py.locate(arg.at), arg.verb));
    return [{ kind: 'op', call: tableCall, location: py.locate(call.at), ...base, ...target }];
  }
  const sql = new PythonStringSql(py, arg.str.map, maskBindParameters(arg.str));
  return splitSql(sql).flatMap((item) => (item.kind === 'statement' ? [{ kind: 'sql' as const, stmt: item, ...base }] : []));
}

function opAction(call: OpCall, rev: RevisionFile, py: SourceText, findings: LintFinding[]): Action {
  const sig = signature(call.method);
  let name = call.via === 'batch' ? call.batch?.table_name : sig?.table ? call.params[sig.table] : undefined;
  let schema = call.via === 'batch' ? call.batch?.schema : call.params[sig?.schema ?? 'schema'];
  if (call.method === 'bulk_insert') ({ name, schema } = tableDefinition(call.params.table, rev.lookup) ?? {});
  // Without its table, op.drop_index names the index itself: a relation of its schema, as in SQL.
  if (call.method === 'drop_index' && call.via !== 'batch' && name === undefined) name = call.params.index_name;
  const target = staticTable(name, schema, rev);
  if (call.method === 'bulk_insert' && !target.table) findings.push(unknownTable(py.locate(call.at), 'inserts into'));
  else if (name === undefined && call.unpacked && sig?.table) {
    findings.push(readFinding(py.locate(call.at), 'dynamic-sql', `cannot tell statically which table ${opLabel(call)} changes: its arguments are unpacked at run time (*args / **kwargs)`, 'lint checks only operations it can read; review this operation by hand'));
  }
  else if (name !== undefined && !target.table) {
    findings.push(readFinding(py.locate(call.at), 'dynamic-sql', `cannot tell statically which table ${opLabel(call)} changes: its name or schema is computed at run time`, 'lint checks only tables it can name; review this operation by hand'));
  }
  return { kind: 'op', call, location: py.locate(call.at), phase: call.phase, autocommit: call.autocommit, ...target };
}

/** A table object pgmend cannot trace to `sa.table(...)` / `op.create_table(...)` in the file. */
function unknownTable(at: SourceLocation, verb: string): LintFinding {
  return readFinding(at, 'dynamic-sql', `cannot tell statically which table this ${verb}: its table object is not made by sa.table(), Table() or op.create_table() in this file`, 'lint checks only tables it can name; review this write by hand');
}

/** The table an operation writes to, when its name (and schema, if given) are static strings. */
function staticTable(nameValue: PyValue | undefined, schemaValue: PyValue | undefined, rev: RevisionFile): { table?: { name: string; schema?: string } } {
  const name = staticString(nameValue, rev.lookup);
  const schema = staticString(schemaValue, rev.lookup);
  const schemaGiven = schemaValue !== undefined && !(schemaValue.kind === 'const' && schemaValue.value === null);
  if (!name || (schemaGiven && schema === undefined)) return {}; // a run-time schema is not "unqualified"
  return { table: { name, ...(schema ? { schema } : {}) } };
}

/**
 * Placeholders Postgres's parser rejects: SQLAlchemy text()'s `:name`, and the driver's `%s` /
 * `%(name)s` when parameters are passed. Each becomes `$1` padded to the same length, so every
 * other offset stays where it was.
 */
function maskBindParameters(str: PyString): string {
  const text = str.value;
  if (!text.includes(':') && !text.includes('%')) return text;
  let tokens;
  try {
    tokens = scanSql(text);
  } catch {
    return text; // unterminated quote: splitSql reports it
  }
  const toChar = byteToCharMapper(text);
  const adjacent = (i: number, n: number): boolean => tokens.slice(i, i + n).every((t, j, all) => j === 0 || t.start === all[j - 1]!.end);
  let out = text;
  const mask = (from: number, to: number): void => {
    const a = toChar(from);
    const b = toChar(to);
    out = out.slice(0, a) + '$1'.padEnd(b - a, ' ') + out.slice(b);
  };
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [t, next] = [tokens[i]!, tokens[i + 1]!];
    if (t.text === ':' && adjacent(i, 2) && /^[A-Za-z_]/.test(next.text)) mask(t.start, next.end);
    else if (t.text === '%' && adjacent(i, 2) && next.text === 's') mask(t.start, next.end);
    else if (t.text === '%' && next.text === '(' && adjacent(i, 5) && tokens[i + 3]?.text === ')' && tokens[i + 4]?.text === 's') mask(t.start, tokens[i + 4]!.end);
  }
  return out;
}

/**
 * An f-string's run-time fields stand where SQL takes a value (`WHERE id = {row_id}`, inside a
 * '…' literal), not a name (`DROP TABLE {t}`): each `$1` hole is a bind parameter or inside a
 * string literal, and the statements parse. Then what the SQL writes to is static.
 */
function valuesOnly({ str, holes }: FilledFString): boolean {
  const text = str.value;
  let tokens;
  try {
    tokens = scanSql(text);
    if (parseSql(text).stmts === undefined) return false;
  } catch {
    return false;
  }
  const toChar = byteToCharMapper(text);
  return holes.every((hole) => {
    const token = tokens.find((t) => toChar(t.start) <= hole && hole < toChar(t.end));
    if (!token) return false;
    const [from, to] = [toChar(token.start), toChar(token.end)];
    return (from === hole && to === hole + HOLE.length && text.slice(from, to) === HOLE) || (text[from] === "'" && hole > from && hole + HOLE.length < to);
  });
}

/** A reading problem in code that runs only on another database: a note. */
function elsewhereNote(f: LintFinding): LintFinding {
  return { ...f, severity: 'info', message: `${f.message}; it runs only on another database than Postgres` };
}

function readFinding(at: SourceLocation, code: string, message: string, hint: string): LintFinding {
  return { code, severity: 'warning', file: at.file, line: at.line, column: at.column, message, hint };
}
