import type { CommandModule } from '../main.js';
import { PgmendError } from '../../errors.js';

/** `pgmend convert` — placeholder until the convert pipeline lands. */
export const convertCommand: CommandModule = (y) =>
  y.command('convert', false, {}, () => {
    throw new PgmendError('usage', 'convert is not available yet');
  });
