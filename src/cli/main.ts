import yargs, { type Argv } from 'yargs';
import { exitCodeFor, EXIT, PgmendError } from '../errors.js';
import { chainCommand } from './commands/chain.js';
import { convertCommand } from './commands/convert.js';
import { lintCommand } from './commands/lint.js';
import type { CliIo } from './io.js';
import { EXIT_CODES_HELP, processIo } from './io.js';

/** What each command module gets: where to write, and how to report its exit code. */
export interface CommandContext {
  io: CliIo;
  setExitCode(code: number): void;
}

export type CommandModule = (y: Argv, ctx: CommandContext) => Argv;

const COMMANDS: CommandModule[] = [convertCommand, chainCommand, lintCommand];

/**
 * Runs the CLI and returns its exit code. User mistakes become one line on stderr
 * (`error[code]: message (hint: …)`); only internal errors print a stack trace, with --debug.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const ctx: CommandContext = { io, setExitCode: (c) => (exitCode = c) };
  let parser: Argv = yargs(argv)
    .scriptName('pgmend')
    .usage('$0 <command> [options]\n\nClean up the migration history of a PostgreSQL project.')
    .option('debug', { type: 'boolean', describe: 'Print stack traces for internal errors', default: false })
    .strict()
    .demandCommand(1, 'Name a command: see pgmend --help')
    .recommendCommands()
    .epilog(EXIT_CODES_HELP)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new PgmendError('usage', withoutCamelCaseTwins(msg), undefined, 'see pgmend --help');
    })
    .help()
    .version();
  for (const register of COMMANDS) parser = register(parser, ctx);
  // yargs prints --help/--version itself; route its output to our io.
  let helpShown = false;
  try {
    await parser.parseAsync(argv, {}, (err, _argv, output) => {
      if (output && !err) {
        helpShown = true;
        io.out(output.endsWith('\n') ? output : `${output}\n`);
      }
    });
  } catch (error) {
    if (helpShown) return EXIT.ok;
    if (error instanceof PgmendError) {
      // One line, whatever the message quotes (a template's parse error, yargs's choices).
      io.err(`pgmend: ${error.format().replace(/\s*\n\s*/g, ' ')}\n`);
      return exitCodeFor(error);
    }
    const e = error as Error;
    io.err(`pgmend: internal error: ${e?.message ?? String(error)}${argv.includes('--debug') ? `\n${e?.stack ?? ''}` : ' (run with --debug for a stack trace)'}\n`);
    return EXIT.internal;
  }
  return exitCode;
}

/** yargs lists an unknown `--bogus-flag` twice, as `bogus-flag, bogusFlag`: keep the spelling the user typed. */
function withoutCamelCaseTwins(msg: string): string {
  return msg.replace(/^(Unknown arguments?: )(.*)$/m, (_, head: string, list: string) => {
    const names = list.split(', ');
    const dashed = new Set(names.filter((n) => n.includes('-')).map((n) => n.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())));
    const kept = names.filter((n) => !dashed.has(n));
    return `${kept.length === 1 ? 'Unknown argument: ' : head.replace('argument:', 'arguments:')}${kept.join(', ')}`;
  });
}
