// What stops a rollout stage. Each is a UserError: expected on a bad day (a
// host refusing a change, a health check failing, a wait running out, Ctrl-C),
// its message names the hosts and what was seen, and the stage rolls back and
// undrains. Anything else thrown inside a stage is a bug in lvs-play: the
// rollout still rolls back, but says so (lib/rollout/execute.ts) instead of
// passing it off as a host's failure.

import { UserError } from '../errors.js';

export class RolloutStepError extends UserError {
  /** the hosts the step failed on, when it is about particular hosts */
  readonly hosts: string[];
  constructor(message: string, options: { hosts?: string[]; hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.hosts = options.hosts ?? [];
  }
}

/** verify's rows on the directors did not let a director be touched in time. */
export class GateError extends RolloutStepError {}

/** A VIP on two directors for longer than a handover takes: stop at once. */
export class SplitBrainError extends RolloutStepError {}

/** A bounded wait ran out; lastState is what it saw last. */
export class WaitTimeout extends RolloutStepError {
  readonly lastState: string;
  constructor(what: string, timeoutMs: number, lastState: string) {
    super(`timed out after ${(timeoutMs / 1000).toFixed(1)} s waiting ${what} (last seen: ${lastState})`);
    this.lastState = lastState;
  }
}

/** A condition that held when a watch began stopped holding while it was watched. */
export class WatchBroken extends RolloutStepError {}

/** SIGINT/SIGTERM: the stage stops where it is and rolls back. */
export class Interrupted extends RolloutStepError {
  constructor(where: string) {
    super(`interrupted (${where})`);
  }
}

/** The deploy engine's change failed on some hosts (each already rolled back where it could be). */
export class ChangeFailed extends RolloutStepError {}

/** A real server does not answer the health check keepalived would send, or draining would leave a service with none. */
export class HealthCheckFailed extends RolloutStepError {}

/** A drain, undrain or handover switch could not be set on some directors. */
export class SwitchFailed extends RolloutStepError {}

/** keepalived could not be stopped or started on a director. */
export class KeepalivedServiceFailed extends RolloutStepError {}
