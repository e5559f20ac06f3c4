// Ctrl-C (SIGINT) and SIGTERM during a rollout. The first one aborts the
// rollout's signal: waits stop, the current stage rolls its hosts back,
// undrains and hands VIPs back, then the run ends. A second one undrains at
// once and exits (handovers stay recorded for the next deploy).

import { signalExitCode } from '../run/stop-on-interrupt.js';

export function onInterrupt(controller: AbortController, urgent: () => Promise<void>, log: (line: string) => void): () => void {
  let count = 0;
  const handler = (signal: NodeJS.Signals) => {
    count++;
    if (count === 1) {
      log(
        `${signal}: stopping. The current stage rolls back, undrains and hands VIPs back (send ${signal} again to only undrain and exit)`,
      );
      controller.abort();
      return;
    }
    log(`${signal} again: undraining now and exiting`);
    urgent()
      .catch((e: Error) => log(`undrain failed: ${e.message} (the record stays: lvs-play deploy or lvs-play undrain clears it)`))
      .finally(() => process.exit(signalExitCode(signal)));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
