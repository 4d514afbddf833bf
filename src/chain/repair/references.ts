/**
 * Repairs of references: dangling down_revision/depends_on, self-loops and cycles. Explicit
 * --map entries win; otherwise the parent pgmend infers (with its confidence).
 */
import { PgmendError } from '../../errors.js';
import { chronoKey } from '../context.js';
import { descendantsOf } from '../graph.js';
import { inferParent } from '../infer.js';
import { parseRevises } from '../read/docstring.js';
import type { ChainContext } from '../types.js';
import type { ModelNode, RepairModel } from './model.js';

export function fixDanglingReferences(ctx: ChainContext, model: RepairModel, map: Map<string, string | null>): void {
  const unresolved: string[] = [];
  const ids = model.ids(); // repointing changes references, never ids
  for (const n of model.kept()) {
    for (const kind of ['down', 'deps'] as const) {
      for (const ref of n[kind]) {
        if (ids.has(ref) || ctx.graph.labels.has(ref) || ref === n.id) continue;
        const variable = kind === 'down' ? 'down_revision' : 'depends_on';
        const line = n.file.values[variable]?.line;
        if (map.has(ref)) {
          const to = map.get(ref)!;
          model.repoint(ref, to, [n]);
          model.decide({ code: 'repoint-dangling', node: n, line, description: `${variable} '${ref}' → ${show(to)} (--map)`, confidence: 'high', evidence: [], mapped: true });
          continue;
        }
        const inf = inferParent(ctx, ref, n.file);
        if (inf.suggestion === undefined) {
          unresolved.push(`${n.file.file}: ${variable} '${ref}'`);
          continue;
        }
        const to = inf.suggestion === null ? null : (model.idMap.get(inf.suggestion) ?? inf.suggestion);
        model.repoint(ref, to, [n]);
        model.decide({ code: 'repoint-dangling', node: n, line, description: `${variable} '${ref}' → ${show(to)}`, confidence: inf.confidence, evidence: inf.evidence });
      }
    }
  }
  if (unresolved.length) {
    throw new PgmendError('repair-needs-map', `no parent can be inferred for ${unresolved.join('; ')}; nothing was written`, undefined, 'name it with --map OLD=NEW (NEW may be None)');
  }
}

/**
 * A revision without a down_revision line gets one: the parents its docstring's Revises line
 * names (when they all exist), else None, as the graph already read it.
 */
export function fixMissingDownRevisions(model: RepairModel): void {
  const ids = model.ids();
  for (const n of model.kept()) {
    if (!n.file.values.revision || n.file.values.down_revision) continue;
    const revises = n.file.docstring?.revises;
    const named = parseRevises(revises?.value);
    const parents = named.length && named.every((r) => ids.has(r) && r !== n.id) ? named : [];
    n.down = parents;
    n.addDownRevision = true;
    const said = revises !== undefined && (parents.length > 0 || named.length === 0);
    model.decide({
      code: 'add-down-revision',
      node: n,
      description: `'${n.id}' gets down_revision = ${parents.length ? parents.map((p) => `'${p}'`).join(', ') : 'None'}`,
      // An empty Revises line says "a base" as plainly as None would; a named parent is evidence, not proof.
      confidence: said ? (parents.length ? 'medium' : 'high') : 'low',
      evidence: said ? [`docstring Revises: ${revises!.value || '(empty)'}`] : ['no Revises line naming an existing revision'],
    });
  }
}

/**
 * A revision naming itself: its docstring's Revises line, when that names another revision, else
 * no parent. A depends_on naming its own branch label is dropped: nothing is lost by that.
 */
export function fixSelfLoops(model: RepairModel): void {
  for (const n of model.kept()) {
    const ownLabels = n.deps.filter((d) => d !== n.id && n.file.branchLabels.includes(d));
    if (ownLabels.length) {
      n.deps = n.deps.filter((d) => !ownLabels.includes(d));
      model.decide({
        code: 'fix-self-loop',
        node: n,
        line: n.file.values.depends_on?.line,
        description: `'${n.id}' no longer depends on its own branch label ${ownLabels.map(show).join(', ')}`,
        confidence: 'high',
        evidence: [`branch_labels of '${n.id}' declare ${ownLabels.map(show).join(', ')}`],
      });
    }
    if (!n.down.includes(n.id) && !n.deps.includes(n.id)) continue;
    const revises = parseRevises(n.file.docstring?.revises?.value).filter((r) => r !== n.id && model.ids().has(r));
    const to = n.down.includes(n.id) && revises.length === 1 ? revises[0]! : null;
    model.repoint(n.id, to, [n]);
    model.decide({
      code: 'fix-self-loop',
      node: n,
      line: n.file.values.down_revision?.line,
      description: `'${n.id}' no longer names itself; parent ${show(to)}`,
      confidence: to ? 'medium' : 'low',
      evidence: to ? [`docstring Revises: ${n.file.docstring!.revises!.value}`] : ['no other evidence of its parent'],
    });
  }
}

/**
 * A cycle: broken at the member whose docstring's Revises names a parent outside the cycle (the
 * down_revision someone edited, the docstring still telling the parent it had), else at its
 * oldest member (by Create Date), which cannot descend from the newer ones. Its reference into
 * the cycle is replaced by that Revises, or by the newest revision written before it, or dropped.
 */
export function fixCycles(model: RepairModel): void {
  for (let guard = 0; guard < model.kept().length; guard++) {
    const g = model.graph();
    const members = g.cycles[0];
    if (!members) return;
    const nodes = members.map((id) => model.node(id)!).sort((a, b) => cmp(chronoKey(a.file), chronoKey(b.file)) || cmp(a.id, b.id));
    const oldest = nodes[0]!;
    const inCycle = new Set(members);
    // A depends_on naming a revision that descends from it can never be met: dropping it is the
    // whole fix, and down_revision stays as it was.
    const dependent = nodes.find((n) => n.deps.some((d) => inCycle.has(d)));
    if (dependent) {
      const refs = dependent.deps.filter((d) => inCycle.has(d));
      dependent.deps = dependent.deps.filter((d) => !inCycle.has(d));
      model.decide({
        code: 'break-cycle',
        node: dependent,
        line: dependent.file.values.depends_on?.line,
        description: `cycle ${members.join(' → ')} broken at '${dependent.id}': depends_on no longer names ${refs.map(show).join(', ')}`,
        confidence: 'high',
        evidence: [`${refs.map(show).join(', ')} descend${refs.length === 1 ? 's' : ''} from '${dependent.id}', so '${dependent.id}' can never be applied after ${refs.length === 1 ? 'it' : 'them'}`],
      });
      continue;
    }
    const revisesOutside = (n: ModelNode) => {
      const below = descendantsOf(g, n.id);
      return parseRevises(n.file.docstring?.revises?.value).find((r) => g.ids.includes(r) && !inCycle.has(r) && !below.has(r));
    };
    const witnessed = nodes.find((n) => revisesOutside(n) !== undefined);
    const at = witnessed ?? oldest;
    const below = descendantsOf(g, at.id);
    const revises = revisesOutside(at);
    const earlier = model.kept()
      .filter((n) => !inCycle.has(n.id) && !below.has(n.id) && chronoKey(n.file) && chronoKey(n.file) < chronoKey(at.file))
      .sort((a, b) => cmp(chronoKey(a.file), chronoKey(b.file)))
      .at(-1);
    const keep = at.down.filter((d) => !inCycle.has(d));
    const to = revises ?? (keep.length ? null : (earlier?.id ?? null));
    for (const ref of [...at.down, ...at.deps].filter((d) => inCycle.has(d))) model.repoint(ref, to, [at]);
    model.decide({
      code: 'break-cycle',
      node: at,
      line: at.file.values.down_revision?.line,
      description: `cycle ${members.join(' → ')} broken at '${at.id}' (${witnessed ? 'its docstring names a parent outside the cycle' : 'the oldest'}); parent ${show(to)}`,
      confidence: revises ? 'medium' : 'low',
      evidence: revises ? [`docstring Revises: ${at.file.docstring!.revises!.value}`] : earlier ? [`${earlier.file.file} is the newest revision written before it`] : [],
    });
  }
}

function show(id: string | null): string {
  return id === null ? 'None' : `'${id}'`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

