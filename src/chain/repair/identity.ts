/**
 * Repairs of identity: ids Alembic rejects or cannot store, duplicated ids, and ids whose file
 * name or docstring the rest of the chain follows instead of the variable.
 */
import { chronoKey } from '../context.js';
import { namedByItsMessage, oldestFirst } from '../diagnose/duplicate-revision.js';
import { fileNameId } from '../diagnose/id-mismatch.js';
import { ILLEGAL_REVISION_CHARS } from '../diagnose/illegal-revision-chars.js';
import { MAX_REVISION_ID_LENGTH } from '../diagnose/revision-id-too-long.js';
import type { ChainContext } from '../types.js';
import { freshId } from './ids.js';
import type { ModelNode, RepairModel } from './model.js';

/** Ids Alembic rejects (`@ - + :`), reads as the base ('') or version_num cannot hold: a fresh id, references follow. */
export function fixUnusableIds(model: RepairModel, taken: Set<string>): void {
  for (const n of model.nodes) {
    if (usable(n.id)) continue;
    const old = n.id;
    n.id = freshId(`${n.file.relPath}\0${old}`, taken);
    model.repoint(old, n.id);
    model.idMap.set(old, n.id);
    const why =
      old === ''
        ? 'Alembic reads an empty id as the base and never runs the revision'
        : old.length > MAX_REVISION_ID_LENGTH
          ? `alembic_version.version_num holds ${MAX_REVISION_ID_LENGTH} characters, '${old}' has ${old.length}`
          : `Alembic rejects the characters of '${old}'`;
    model.decide({ code: 'rename-revision', node: n, description: `revision '${old}' → '${n.id}' (${why})`, confidence: 'high', evidence: [] });
  }
}

/**
 * A duplicated id: the oldest file keeps it, later ones get fresh ids — or, when a later file
 * is a copy of the kept one, it is deleted. Each child follows the newest duplicate written
 * before it (by Create Date); a child written after several is a guess.
 */
export function fixDuplicates(ctx: ChainContext, model: RepairModel, taken: Set<string>): void {
  for (const [id, files] of ctx.filesById) {
    if (files.length < 2) continue;
    const ordered = oldestFirst(files);
    const nodes = ordered.map((f) => model.nodes.find((n) => n.file === f)!);
    const children = model.nodes.filter((n) => !nodes.includes(n) && (n.down.includes(id) || n.deps.includes(id)));
    // A copy of the kept file (same parents, same code, and the same Create Date or text) is one
    // migration twice, not two migrations: renaming it would run the migration twice. It goes,
    // with a backup. A file with other code is another migration, even with the same Create Date
    // (a file copied as a template).
    const copies = nodes.slice(1).filter((dup) => isCopy(nodes[0]!, dup));
    for (const dup of copies) {
      dup.removed = true;
      model.decide({
        code: 'remove-duplicate-copy',
        node: dup,
        description: `delete ${dup.file.file}: a copy of ${ordered[0]!.file} (revision '${id}', the same parents)`,
        confidence: 'medium',
        evidence: [nodes[0]!.file.text.trim() === dup.file.text.trim() ? 'the same text' : `the same code and Create Date ${dup.file.docstring?.createDate?.value}`],
      });
    }
    const renamed = nodes.slice(1).filter((dup) => !dup.removed);
    for (const dup of renamed) dup.id = usableFileNameId(ctx, dup, taken) ?? freshId(`${dup.file.relPath}\0${id}`, taken);
    for (const dup of renamed) {
      // Equal dates: which file came first is inferred (the name that matches its message), not known.
      const tie = chronoKey(dup.file) === chronoKey(ordered[0]!);
      const evidence = tie ? [`the same Create Date; ${ordered[0]!.file} is named by its message${namedByItsMessage(dup.file) ? ' too' : ''}`] : [];
      model.decide({ code: 'rename-duplicate', node: dup, description: `duplicate revision '${id}' → '${dup.id}' (${ordered[0]!.file} keeps '${id}')`, confidence: tie ? 'medium' : 'high', evidence });
    }
    if (!renamed.length) continue; // every child follows the one file left
    for (const child of children) {
      const when = chronoKey(child.file);
      const kept = nodes.filter((d) => !d.removed);
      const candidates = kept.filter((d) => chronoKey(d.file) <= when);
      const parent = candidates.at(-1) ?? kept[0]!;
      if (parent !== nodes[0]) model.repoint(id, parent.id, [child]);
      model.decide({
        code: 'repoint-duplicate-child',
        node: child,
        description: `'${child.id}' follows '${parent.id}' (${parent.file.file}) of the duplicated '${id}'`,
        confidence: !when ? 'low' : candidates.length <= 1 ? 'high' : 'medium',
        evidence: [
          !when
            ? 'no date to tell which duplicate it follows'
            : `written ${child.file.docstring?.createDate?.value ?? 'per its file name'}, ${candidates.length ? `after ${candidates.map((c) => c.file.file).join(' and ')}` : `before every file of '${id}': it follows the one that keeps the id`}`,
        ],
      });
    }
  }
}

/**
 * File name (or docstring) id referenced by other files while nothing refers to the variable: the
 * chain was written against the other id, so the variable is changed, unless the database
 * already stores the variable's id.
 */
export function fixMismatchedIds(ctx: ChainContext, model: RepairModel, taken: Set<string>, stored: Set<string>): void {
  const refCount = (id: string) => model.kept().filter((n) => n.down.includes(id) || n.deps.includes(id)).length;
  for (const n of model.kept()) {
    if (n.id !== n.file.revision || (ctx.filesById.get(n.id)?.length ?? 0) > 1) continue;
    const alternatives = [fileNameId(ctx, n.file), n.file.docstring?.revisionId?.value].filter(
      (x): x is string => !!x && x !== n.id && !taken.has(x) && usable(x),
    );
    const other = alternatives[0];
    if (!other || refCount(other) === 0 || refCount(n.id) > 0 || stored.has(n.id)) continue;
    const old = n.id;
    n.id = other;
    taken.add(other);
    model.idMap.set(old, other);
    model.decide({
      code: 'rename-to-referenced-id',
      node: n,
      description: `revision '${old}' → '${other}': ${refCount(other)} reference(s) use '${other}', none use '${old}'`,
      confidence: alternatives.length === 2 && alternatives[0] === alternatives[1] ? 'high' : 'medium',
      evidence: [`file name ${n.file.file}`, n.file.docstring?.revisionId ? `docstring Revision ID: ${n.file.docstring.revisionId.value}` : ''].filter(Boolean),
    });
  }
}

function isCopy(kept: ModelNode, dup: ModelNode): boolean {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(kept.down, dup.down) || !same(kept.deps, dup.deps)) return false;
  if (kept.file.text.trim() === dup.file.text.trim()) return true;
  const date = kept.file.docstring?.createDate?.value;
  return date !== undefined && date === dup.file.docstring?.createDate?.value && code(kept.file.text) === code(dup.file.text);
}

/** A revision file's code: without its module docstring, comment lines and blank space. */
function code(text: string): string {
  return text
    .replace(/^\s*[rRuU]?("""|''')[\s\S]*?\1/, '')
    .replace(/^[ \t]*#.*$/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The id a file's name carries, when Alembic could use it and nothing else has it. */
function usableFileNameId(ctx: ChainContext, n: ModelNode, taken: Set<string>): string | undefined {
  const id = fileNameId(ctx, n.file);
  if (!id || taken.has(id) || !usable(id)) return undefined;
  taken.add(id);
  return id;
}

function usable(id: string): boolean {
  return id !== '' && !new RegExp(ILLEGAL_REVISION_CHARS.source).test(id) && id.length <= MAX_REVISION_ID_LENGTH;
}

