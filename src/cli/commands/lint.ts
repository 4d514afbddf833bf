import type { CommandModule } from '../main.js';
import { PgmendError } from '../../errors.js';

/** `pgmend lint` — placeholder until the lint work lands. */
export const lintCommand: CommandModule = (y) =>
  y.command('lint', false, {}, () => {
    throw new PgmendError('usage', 'lint is not available yet');
  });
