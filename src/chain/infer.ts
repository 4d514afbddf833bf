/**
 * Infers the parent a dangling reference meant, from evidence in the folder: another file whose
 * name, docstring id or id prefix matches the reference, and the referring file's own `Revises:`
 * line. Clues add up; one candidate with two-weight evidence is high confidence.
 */
import { descendantsOf } from './graph.js';
import { parseRevises } from './read/docstring.js';
import type { RevisionFile } from './read/revision-file.js';
import type { ChainContext, Confidence } from './types.js';

export interface Inference {
  /** The inferred parent id; null means "no parent" (a base); undefined means no idea. */
  suggestion: string | null | undefined;
  confidence: Confidence;
  evidence: string[];
}

/** `from` is the referring file (its own Revises line is evidence, its descendants are excluded). */
export function inferParent(ctx: ChainContext, ref: string, from?: RevisionFile): Inference {
  if (ref === 'None' || ref === '') {
    return { suggestion: null, confidence: 'high', evidence: [`'${ref}' is a string, not None: Alembic looks it up as a revision id`] };
  }
  const own = from?.revision;
  const below = own !== undefined && ctx.graph.parentsOf.has(own) ? descendantsOf(ctx.graph, own) : new Set<string>();
  const scores = new Map<string, { score: number; evidence: string[] }>();
  const clue = (id: string, weight: number, why: string) => {
    if (below.has(id)) return; // would close a cycle
    const s = scores.get(id) ?? { score: 0, evidence: [] };
    s.score += weight;
    s.evidence.push(why);
    scores.set(id, s);
  };
  const labelled = ctx.graph.labels.get(ref);
  if (labelled !== undefined) clue(labelled, 2, `'${ref}' is the branch label of '${labelled}': down_revision needs its id`);
  for (const [id] of ctx.filesById) {
    const f = ctx.fileFor(id)!;
    if (f.stem === ref) clue(id, 2, `${f.file} is named '${ref}'`);
    else if (ref.length >= 4 && f.stem.startsWith(`${ref}_`)) clue(id, 2, `the file name ${f.file} starts with '${ref}'`);
    else if (id.length >= 4 && ref.startsWith(`${id}_`)) clue(id, 1, `'${ref}' starts with the id '${id}'`);
    if (f.docstring?.revisionId?.value === ref && id !== ref) clue(id, 2, `${f.file}'s docstring says Revision ID: ${ref}`);
    if (ref.length >= 4 && id.startsWith(ref)) clue(id, 1, `'${id}' starts with '${ref}' (a partial id)`);
  }
  const revises = parseRevises(from?.docstring?.revises?.value).filter((r) => ctx.graph.has(r) && !from!.downRevisions.includes(r));
  if (from && (revises.length === 1 || revises.length === from.downRevisions.filter((d) => !ctx.graph.has(d)).length)) {
    for (const r of revises) clue(r, 1, `${from.file}'s docstring says Revises: ${from.docstring!.revises!.value}`);
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1));
  const [best, second] = ranked;
  if (!best) return { suggestion: undefined, confidence: 'low', evidence: [] };
  const confidence: Confidence = second
    ? best[1].score > second[1].score && best[1].score >= 2 ? 'medium' : 'low'
    : best[1].score >= 2 ? 'high' : 'medium';
  return { suggestion: best[0], confidence, evidence: best[1].evidence };
}
