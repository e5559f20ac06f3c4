// Ctrl-C (SIGINT) or SIGTERM during `lvs-play drain` or `undrain`. Before the
// switches are touched nothing is set or recorded, so the run exits at once.
// While they are set (or cleared) on the directors, that step finishes on
// every director first: a server drained on some directors only is worse
// than either. While the run waits (for connections to finish, for the
// weights to come back), the wait ends at once: the switch stands, recorded.
// A second signal exits at once; the record never says less than is set.

import { signalExitCode } from '../run/stop-on-interrupt.js';

export type DrainPhase = 'before' | 'switching' | 'waiting';

export interface DrainStop {
  /** aborted at the first signal once the switches are touched: the run stops after its current step */
  signal: AbortSignal;
  /** the signal that stopped the run, once one came */
  readonly by: NodeJS.Signals | null;
  /** the exit code for the signal that came: 130 (SIGINT) or 143 (SIGTERM) */
  readonly code: number;
  phase(p: DrainPhase): void;
  /** removes the handlers (the run is over) */
  off(): void;
}

export function stopDrainOnInterrupt(log: (line: string) => void, undrain: boolean): DrainStop {
  const controller = new AbortController();
  let phase: DrainPhase = 'before';
  let by: NodeJS.Signals | null = null;
  const what = undrain ? 'undrain' : 'drain';
  const handler = (signal: NodeJS.Signals) => {
    if (phase === 'before') {
      log(`${signal}: stopped before any switch was ${undrain ? 'cleared' : 'set'}: nothing ${what}ed`);
      process.exit(signalExitCode(signal));
    }
    if (by) {
      log(`${signal} again: exiting now (the record keeps every director the switch may be set on)`);
      process.exit(signalExitCode(signal));
    }
    by = signal;
    log(
      phase === 'switching'
        ? `${signal}: stopping once the ${what} switch is ${undrain ? 'cleared' : 'set'} on every director (${signal} again exits at once)`
        : `${signal}: stopping the wait`,
    );
    controller.abort(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    get by() {
      return by;
    },
    get code() {
      return signalExitCode(by);
    },
    phase(p) {
      phase = p;
    },
    off() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
