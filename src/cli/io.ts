/** Where the CLI writes: reports to `out` (stdout), people-facing text to `err` (stderr). */
/** Shown under every command's --help: CI scripts branch on these. */
export const EXIT_CODES_HELP = `Exit codes: 0 success; 1 written or checked, but findings need review (or --strict failed);
2 bad input or usage; 3 database unreachable or refused; 70 internal error (a bug: please report it).`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress bars and colour are allowed. */
  isTTY: boolean;
}

export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
  };
}

/** A one-line progress bar on a TTY; silent otherwise (CI logs stay clean). */
export function progressBar(io: CliIo, label: string): (done: number, total: number) => void {
  if (!io.isTTY) return () => {};
  let last = -1;
  return (done, total) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (pct === last) return;
    last = pct;
    const width = 30;
    const fill = Math.round((pct / 100) * width);
    io.err(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total}`);
    if (done >= total) io.err('\n');
  };
}
