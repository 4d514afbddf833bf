/**
 * One revision file read statically: its four Alembic variables, docstring and file name.
 * Identity follows Alembic: the `revision` variable, else (legacy) a file name that is all hex.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readDocstring, type RevisionDocstring } from './docstring.js';
import { readPythonModule, type PyAssignment, type PyLiteral, type PyModule } from './python-values.js';
import { templateModule } from './template-module.js';

export const REVISION_VARIABLES = ['revision', 'down_revision', 'branch_labels', 'depends_on'] as const;
export type RevisionVariable = (typeof REVISION_VARIABLES)[number];
const VARIABLE_SET: ReadonlySet<string> = new Set(REVISION_VARIABLES);

export interface RevisionFile {
  /** Absolute path. */
  readonly path: string;
  /** The path as pgmend reports it (relative to where the user pointed). */
  readonly file: string;
  /** Path inside its version location. */
  readonly relPath: string;
  /** The version location (absolute) the file was found in. */
  readonly location: string;
  /** File name without `.py`. */
  stem: string;
  /** The file's text (read again from `path` on first use when the reader did not keep it). */
  readonly text: string;
  values: Partial<Record<RevisionVariable, PyAssignment>>;
  docstring?: RevisionDocstring;
  /** The id Alembic uses; undefined when the file is not a revision or its id is not literal. */
  revision?: string;
  /** Versioned parents (down_revision as a list). */
  downRevisions: readonly string[];
  dependsOn: readonly string[];
  branchLabels: readonly string[];
  /** Why the file is not a revision Alembic could load, when it is not. */
  notRevision?: string;
}

const LEGACY_REV = /^([a-f0-9]+)\.py$/;

/** `dropText`: do not hold on to `text`; the file is read again if anyone asks for it. */
export function parseRevisionFile(text: string, where: FileWhere, dropText = false): RevisionFile {
  return fromModule(templateModule(text, VARIABLE_SET) ?? readPythonModule(text, VARIABLE_SET), text, where, dropText);
}

/**
 * Where the body of Alembic's template starts (`def upgrade`), and the names that must not occur
 * from there on for the text before it to read as the whole file does (`revision` also finds
 * `down_revision`).
 */
export const HEAD_END = Buffer.from('\ndef ');
export const NOT_AFTER_HEAD = ['revision', 'branch_labels', 'depends_on'].map((s) => Buffer.from(s));

/**
 * A file from its head (the text before HEAD_END, when nothing in NOT_AFTER_HEAD follows), when
 * the head has the template's shape: it then holds everything the whole file would give. Else
 * undefined, and the caller reads the whole text.
 */
export function parseRevisionHead(head: string, where: FileWhere): RevisionFile | undefined {
  const mod = templateModule(head, VARIABLE_SET);
  return mod && fromModule(mod, head, where, true);
}

function fromModule(mod: PyModule, text: string, where: FileWhere, dropText: boolean): RevisionFile {
  // One literal of one shape for every file (a variable the file does not declare is undefined).
  const found = mod.assignments;
  const values: RevisionFile['values'] = {
    revision: found.get('revision'),
    down_revision: found.get('down_revision'),
    branch_labels: found.get('branch_labels'),
    depends_on: found.get('depends_on'),
  };
  // The docstring repeats the ids: it shares their strings (10,000 files keep them).
  const docstring = mod.docstring ? readDocstring(mod.docstring, text, mod.docstringLine!, [values.revision?.value, values.down_revision?.value]) : undefined;
  const base = path.basename(where.relPath);
  const rf = new ReadRevisionFile(where, base, dropText ? undefined : text, values, docstring);
  const rev = values.revision;
  if (rev) {
    if (rev.literal && typeof rev.value === 'string') rf.revision = rev.value;
  } else if (!values.down_revision) {
    rf.notRevision = 'it declares neither `revision` nor `down_revision`';
  } else if (LEGACY_REV.test(base)) {
    rf.revision = LEGACY_REV.exec(base)![1];
  } else {
    rf.notRevision = 'it has no `revision` variable and its file name is not a hex id';
  }
  return rf;
}

export type FileWhere = Pick<RevisionFile, 'path' | 'file' | 'relPath' | 'location'>;

/** A class, not a literal with a getter: V8 keeps 10,000 of these in fast (shared-shape) mode. */
class ReadRevisionFile implements RevisionFile {
  stem: string;
  revision?: string = undefined;
  downRevisions: readonly string[];
  dependsOn: readonly string[];
  branchLabels: readonly string[];
  notRevision?: string = undefined;
  #text: string | undefined;
  // Where the file is, as given: paths are built on demand (see FolderFile), not held per file.
  #where: FileWhere;

  constructor(
    where: FileWhere,
    base: string,
    text: string | undefined,
    public values: RevisionFile['values'],
    public docstring: RevisionDocstring | undefined,
  ) {
    this.#text = text;
    this.#where = where;
    this.stem = base.endsWith('.py') ? base.slice(0, -3) : base;
    // Alembic takes a falsy value for None (tuple_rev_as_scalar): `down_revision = ''` is a base,
    // and `depends_on = ""` depends on nothing.
    this.downRevisions = values.down_revision?.value === '' ? NO_IDS : asIds(values.down_revision);
    this.dependsOn = values.depends_on?.value === '' ? NO_IDS : asIds(values.depends_on);
    this.branchLabels = values.branch_labels?.literal === false ? literalItems(values.branch_labels.source) : asIds(values.branch_labels);
  }

  get path(): string {
    return this.#where.path;
  }

  get file(): string {
    return this.#where.file;
  }

  get relPath(): string {
    return this.#where.relPath;
  }

  get location(): string {
    return this.#where.location;
  }

  get text(): string {
    return (this.#text ??= readFileSync(this.path, 'utf8'));
  }
}

/** One shared empty list: most revisions have no depends_on and no branch labels. */
const NO_IDS: readonly string[] = Object.freeze([]);

/** A literal as a list of ids: None → [], 'a' → ['a'], ('a', 'b') → ['a', 'b']. */
function asIds(a: PyAssignment | undefined): readonly string[] {
  if (!a || !a.literal || a.value === null || a.value === undefined) return NO_IDS;
  return flatten(a.value);
}

function flatten(v: PyLiteral): string[] {
  if (v === null) return [];
  if (typeof v === 'string') return [v];
  return v.flatMap(flatten);
}

/**
 * The string literals of a tuple or list whose other items are names (`('ocata01',
 * migration.CONTRACT_BRANCH)`): the labels pgmend can read of a partly literal value. Nothing
 * for any other expression.
 */
function literalItems(source: string): string[] {
  if (!STRINGS_AND_NAMES.test(source.trim())) return [];
  return [...source.matchAll(/'([^'\\\n]*)'|"([^"\\\n]*)"/g)].map((m) => m[1] ?? m[2]!);
}

const ITEM = String.raw`(?:'[^'\\\n]*'|"[^"\\\n]*"|[A-Za-z_][\w.]*)`;
const STRINGS_AND_NAMES = new RegExp(String.raw`^[([]\s*(?:${ITEM}\s*,\s*)*(?:${ITEM}\s*,?\s*)?[)\]]$`);

/** True when a variable holds something other than str/None/tuple-of-str that Alembic accepts. */
export function isNonLiteral(a: PyAssignment | undefined): boolean {
  if (!a) return false;
  if (!a.literal) return true;
  if (a.name === 'revision') return typeof a.value !== 'string';
  return Array.isArray(a.value) && a.value.some((x) => typeof x !== 'string');
}
