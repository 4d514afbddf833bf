import { at } from '../context.js';
import { inferParent } from '../infer.js';
import type { RevisionFile } from '../read/revision-file.js';
import type { ChainContext, ChainProblem } from '../types.js';

/** A reference that names no revision (nor, for depends_on, a branch label); self-references are self-loops. */
export function danglingRefs(ctx: ChainContext, f: RevisionFile, kind: 'down' | 'depends'): string[] {
  const refs = kind === 'down' ? f.downRevisions : f.dependsOn;
  return refs.filter((r) => r !== f.revision && !ctx.graph.has(r) && !(kind === 'depends' && ctx.graph.labels.has(r)));
}

export function danglingProblems(ctx: ChainContext, kind: 'down' | 'depends'): ChainProblem[] {
  // The graph resolved every reference of the file it keeps per id, the same way: with one file
  // per id, no reference dangles and the files need no second look.
  if (!ctx.graph.missing.length && ctx.graph.count === ctx.revisions.length) return [];
  const variable = kind === 'down' ? 'down_revision' : 'depends_on';
  return ctx.revisions.flatMap((f) =>
    danglingRefs(ctx, f, kind).map((ref) => {
      const inf = inferParent(ctx, ref, f);
      const target = inf.suggestion ? ctx.fileFor(inf.suggestion) : undefined;
      const namedAfterRef = target && (target.stem === ref || target.stem.startsWith(`${ref}_`) || target.docstring?.revisionId?.value === ref);
      const fix = namedAfterRef
        ? `point it at '${inf.suggestion}', or set revision = '${ref}' in ${target.file} as its name says (pgmend chain repair picks the id the other files use)`
        : inf.suggestion === undefined
          ? `set ${variable} to the parent's revision id${kind === 'down' ? ', or None for a base' : ''}`
          : `point it at ${inf.suggestion === null ? 'None' : `'${inf.suggestion}'`} (pgmend chain repair does${inf.confidence === 'high' ? '' : `, with --yes or --map ${ref}=${inf.suggestion ?? 'None'}`})`;
      return {
        code: kind === 'down' ? ('dangling-down-revision' as const) : ('dangling-depends-on' as const),
        severity: 'error' as const,
        ...at(f, variable),
        revision: f.revision,
        reference: ref,
        message: `${variable} '${ref}' of revision '${f.revision}' names no revision in the folder: Alembic stops loading the chain with KeyError: '${ref}'`,
        hint: fix,
        ...(inf.suggestion !== undefined ? { suggestion: inf.suggestion, confidence: inf.confidence, evidence: inf.evidence } : {}),
      };
    }),
  );
}
