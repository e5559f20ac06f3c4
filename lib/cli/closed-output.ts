// A reader that goes away (`lvs-play check --json | head`, a pager quit
// early) closes lvs-play's stdout or stderr, and Node fails the next write
// with EPIPE as an 'error' event. Unhandled, that event ends the process
// wherever it happens to be: halfway through a deploy's writes, a rollout's
// drain, a rollback. What lvs-play does to hosts must not depend on whether
// anyone still reads its output, so the run goes on to its end (its
// rollback, its unlocks, its exit code) and only the output is lost.

/** The errors that mean "nobody reads this any more": the pipe's reader closed it (EPIPE), or a write came after. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/** From now on a closed stdout or stderr loses what is written to it instead of ending the process. */
export function outliveClosedOutput(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams)
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (!READER_GONE.has(err.code ?? '')) throw err;
    });
}
