import type { Diagnosis } from '../types.js';
import { danglingProblems } from './dangling.js';

/** depends_on naming nothing: the same KeyError as a dangling down_revision. */
export const danglingDependsOn: Diagnosis = (ctx) => danglingProblems(ctx, 'depends');
