// The operator's side going away must not stop a run halfway. Two ways it
// goes:
// - a reader that closes its end early (`lvs-play check --json | head`, a
//   pager quit): Node fails the next write with EPIPE as an 'error' event,
//   which, unhandled, ends the process wherever it happens to be;
// - the terminal itself (an SSH session to the bastion dropped, a closed
//   window): the kernel sends SIGHUP, whose default is to end the process,
//   and writes to the terminal then fail with EIO.
// Either could land in the middle of a deploy's writes or a rollout's drain.
// What lvs-play does to hosts must not depend on whether anyone still reads
// its output: the run goes on to its end (its rollback, its undrains, its
// unlocks, its exit code) and only the output is lost. Ctrl-C and SIGTERM
// remain the ways to stop a run.

/** The errors that mean nobody reads this any more: the reader closed the pipe, the terminal hung up, or a write came after. */
const READER_GONE = new Set(['EPIPE', 'EIO', 'ERR_STREAM_DESTROYED']);

/** From now on a closed stdout or stderr loses what is written to it, and a hang-up is said and otherwise ignored. */
export function outliveTerminalLoss(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams)
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (!READER_GONE.has(err.code ?? '')) throw err;
    });
  process.on('SIGHUP', () => {
    process.stderr.write('SIGHUP: the terminal is gone; lvs-play goes on to the end of this run (Ctrl-C or SIGTERM stops it)\n');
  });
}
