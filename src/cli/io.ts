/** Where the CLI writes: reports to `out` (stdout), people-facing text to `err` (stderr). */
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
