// Ctrl-C (SIGINT) or SIGTERM during a deploy. The first one stops the run
// the way a failure stops a host: no host is started any more, and each host
// under way is put back as it was: it stops before its next change and rolls
// back what this run changed on it (also when it was on its last change).
// A step already running on a host is let finish: an apt-get or a keepalived
// reload cut halfway is worse than one that completes. Hosts that had
// finished stay finished. A second signal exits at once; what that leaves is
// in the hosts' journals, undone by the next deploy or `lvs-play recover`.
// A check has nothing to finish or undo: the first signal cuts the reads
// under way at once (the runner closes its connections), starts no host
// more, and the recap says which hosts were not checked.
// (A rollout has its own, lib/rollout/interrupt.ts: it also undrains.)

import type { RunMode } from './report.js';

export interface RunStop {
  /** aborted at the first signal; its reason names the signal */
  signal: AbortSignal;
  /** removes the handlers (the run is over) */
  off(): void;
}

/** The exit code of a run a signal stopped, as a shell reports one killed by it: 130 for SIGINT, 143 for SIGTERM. */
export const signalExitCode = (s: NodeJS.Signals | null): number => (s === 'SIGTERM' ? 143 : 130);

export function stopOnInterrupt(log: (line: string) => void, mode: RunMode = 'deploy'): RunStop {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      log(
        mode === 'check'
          ? `${signal}: stopping the check. Reads under way are cut and no host is started any more; nothing was changed`
          : `${signal}: stopping. No host is started any more; each host under way is put back as it was after its current step (${signal} again exits at once: the next deploy or lvs-play recover undoes what is left)`,
      );
      controller.abort(signal);
      return;
    }
    log(
      mode === 'check'
        ? `${signal} again: exiting now`
        : `${signal} again: exiting now; the hosts' journals keep what this run left (lvs-play recover undoes it)`,
    );
    process.exit(signalExitCode(signal));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    off() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** Why a host stopped or was not started, for its report. */
export function stoppedBy(signal: AbortSignal): string {
  return `the run was stopped (${String(signal.reason)})`;
}
