// Ctrl-C (SIGINT) or SIGTERM during `lvs-play recover`. Recover is what puts
// hosts back; stopping it halfway would leave a host half undone, so the
// first signal only says the run goes on to its end. A second one exits at
// once: the hosts' journals keep what is left, for the next recover.

import { signalExitCode } from './stop-on-interrupt.js';

/** Returns the function that removes the handlers (the run is over). */
export function finishOnInterrupt(log: (line: string) => void, what: string): () => void {
  let seen = false;
  const handler = (signal: NodeJS.Signals) => {
    if (seen) {
      log(`${signal} again: exiting now (the hosts' journals keep what is left: lvs-play recover finishes it)`);
      process.exit(signalExitCode(signal));
    }
    seen = true;
    log(`${signal}: ${what} goes on to its end: stopping halfway would leave hosts half undone (${signal} again exits at once)`);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
