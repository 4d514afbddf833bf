import type { Severity } from '../findings.js';
import type { RevisionGraph } from './graph.js';
import type { VersionsFolder } from './read/folder.js';
import type { RevisionFile } from './read/revision-file.js';

export type ChainCode =
  | 'duplicate-revision'
  | 'duplicate-branch-label'
  | 'dangling-down-revision'
  | 'dangling-depends-on'
  | 'cycle'
  | 'self-loop'
  | 'multiple-heads'
  | 'multiple-bases'
  | 'id-mismatch'
  | 'docstring-revises-mismatch'
  | 'revision-id-too-long'
  | 'illegal-revision-chars'
  | 'reserved-revision-id'
  | 'non-literal-value'
  | 'not-a-revision'
  | 'missing-down-revision'
  | 'subfolder-not-read'
  | 'undecodable-file'
  | 'db-unknown-revision'
  | 'db-overlapping-revisions';

export type Confidence = 'high' | 'medium' | 'low';

/** One diagnosis of a chain: where, what it does to Alembic, how to fix it. */
export interface ChainProblem {
  code: ChainCode;
  severity: Severity;
  file: string;
  line: number;
  message: string;
  hint: string;
  /** The revision the problem is about. */
  revision?: string;
  /** For a reference that resolves nowhere: the reference, and the parent pgmend infers. */
  reference?: string;
  suggestion?: string | null;
  confidence?: Confidence;
  evidence?: string[];
  /** For cycles, heads, bases and duplicates: every revision involved. */
  revisions?: string[];
}

export interface CheckOptions {
  /** More heads than this is an error, labels or not (CI gate). */
  maxHeads?: number;
  recursive?: boolean;
}

/** What every diagnosis file receives. */
export interface ChainContext {
  folder: VersionsFolder;
  /** Files that are revisions with a literal id. */
  revisions: RevisionFile[];
  /** All files per id, in folder order (several = duplicates); grouped on first access. */
  readonly filesById: ReadonlyMap<string, RevisionFile[]>;
  /** The file Alembic keeps for an id: the last one loaded. */
  fileFor(id: string): RevisionFile | undefined;
  graph: RevisionGraph;
  options: CheckOptions;
  /** Some `revision` or `down_revision` is not a literal: heads and bases around it would be guesses. */
  unreadable: boolean;
  /** Some chain variable (those two, `branch_labels` or `depends_on`) is not a literal. */
  nonLiteral: boolean;
}

export type Diagnosis = (ctx: ChainContext) => ChainProblem[];

export type GraphFormat = 'mermaid' | 'dot' | 'json';
export const GRAPH_FORMATS: GraphFormat[] = ['mermaid', 'dot', 'json'];
