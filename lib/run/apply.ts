// Runs one change's steps on a host. Each step is entered in the journal
// before it runs, here and on the host (its command writes the host's entry
// first), so a step cut off midway is undone like one that completed. A
// failing step throws StepError with the host's own words (redacted).

import type { Transport } from '../ssh/transport.js';
import { describeStep, type Step } from '../tasks/step.js';
import type { Change } from '../tasks/task.js';
import type { Journal } from './journal.js';
import { redactStepOutput } from './redactor.js';
import { applyCommand, DPKG_LOCK_WAIT_SECONDS } from './step-commands.js';

export class StepError extends Error {
  readonly step: Step;
  constructor(step: Step, detail: string) {
    super(`${describeStep(step)} failed: ${detail}`);
    this.step = step;
  }
}

/** Long enough for a package install from a slow mirror; everything else is quick. */
const STEP_TIMEOUT_MS: Record<Exclude<Step['kind'], 'wait'>, number> = {
  install: 600_000,
  write: 60_000,
  remove: 60_000,
  sysctl: 30_000,
  module: 30_000,
  service: 120_000,
};

export async function applyChange(
  transport: Transport,
  journal: Journal,
  task: string,
  change: Change,
  redact: (s: string) => string,
): Promise<void> {
  for (const step of change.steps) {
    const index = journal.reserve();
    const { command, stdin } = applyCommand(step, { runId: journal.runId, index, task, holder: journal.holder });
    journal.record(task, step, index);
    const result = await transport.exec(command, { stdin, timeoutMs: step.kind === 'wait' ? step.timeoutMs : STEP_TIMEOUT_MS[step.kind] });
    if (result.code !== 0) {
      const said = result.stderr || result.stdout;
      const why = lockHeld(said) ?? (lastLines(said, 12) || `exit ${result.code}`);
      throw new StepError(step, redact(redactStepOutput(step, why)));
    }
  }
}

/**
 * Another package manager held the lock past the bounded wait: said in one
 * line naming it, with what to do. The install command prints
 * "lvs-play: LOCK is held by process PID (COMM)"; apt itself says
 * "Could not get lock LOCK. It is held by process PID (COMM)".
 */
export function lockHeld(text: string): string | null {
  const flat = text.replace(/\s+/g, ' ');
  const m =
    /lvs-play: (\S+) is held by process (\d+) \(([^)]*)\)/.exec(flat) ??
    /Could not get lock (\S+?)\.? It is held by process (\d+) \(([^)]*)\)/.exec(flat);
  if (!m) return null;
  return (
    `the package manager's lock ${m[1]} is held by another process (${m[3]}, pid ${m[2]}); waited ${DPKG_LOCK_WAIT_SECONDS} s for it. ` +
    'Let that process finish (or stop it), then run lvs-play deploy again'
  );
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join('\n');
}
