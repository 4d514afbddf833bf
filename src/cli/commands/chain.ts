import type { CommandModule } from '../main.js';
import { PgmendError } from '../../errors.js';

/** `pgmend chain` — placeholder until the chain work lands. */
export const chainCommand: CommandModule = (y) =>
  y.command('chain', false, {}, () => {
    throw new PgmendError('usage', 'chain is not available yet');
  });
