/** Every diagnosis, one file per finding code; results sorted so output is byte-stable. */
import type { ChainContext, ChainProblem, Diagnosis } from '../types.js';
import { cycle } from './cycle.js';
import { danglingDependsOn } from './dangling-depends-on.js';
import { danglingDownRevision } from './dangling-down-revision.js';
import { docstringRevisesMismatch } from './docstring-revises-mismatch.js';
import { duplicateBranchLabel } from './duplicate-branch-label.js';
import { duplicateRevision } from './duplicate-revision.js';
import { idMismatch } from './id-mismatch.js';
import { missingDownRevision } from './missing-down-revision.js';
import { illegalRevisionChars } from './illegal-revision-chars.js';
import { multipleBases } from './multiple-bases.js';
import { multipleHeads } from './multiple-heads.js';
import { nonLiteralValue } from './non-literal-value.js';
import { notARevision } from './not-a-revision.js';
import { reservedRevisionId } from './reserved-revision-id.js';
import { revisionIdTooLong } from './revision-id-too-long.js';
import { selfLoop } from './self-loop.js';
import { subfolderNotRead } from './subfolder-not-read.js';
import { undecodableFile } from './undecodable-file.js';

export const DIAGNOSES: Diagnosis[] = [
  notARevision,
  undecodableFile,
  nonLiteralValue,
  missingDownRevision,
  duplicateRevision,
  duplicateBranchLabel,
  illegalRevisionChars,
  reservedRevisionId,
  revisionIdTooLong,
  selfLoop,
  danglingDownRevision,
  danglingDependsOn,
  cycle,
  idMismatch,
  docstringRevisesMismatch,
  multipleHeads,
  multipleBases,
  subfolderNotRead,
];

export function diagnose(ctx: ChainContext): ChainProblem[] {
  return sortProblems(DIAGNOSES.flatMap((d) => d(ctx)));
}

export function sortProblems(problems: ChainProblem[]): ChainProblem[] {
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return problems.sort((a, b) => cmp(a.file, b.file) || cmp(a.line, b.line) || cmp(a.code, b.code) || cmp(a.message, b.message));
}
