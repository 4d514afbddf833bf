import type { Diagnosis } from '../types.js';
import { danglingProblems } from './dangling.js';

/** down_revision naming nothing: Alembic warns "Revision X referenced from Y is not present", then raises KeyError. */
export const danglingDownRevision: Diagnosis = (ctx) => danglingProblems(ctx, 'down');
