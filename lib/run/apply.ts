// Runs one change's steps on a host, journaling each before moving on. A
// failing step throws StepError with the host's own words (redacted).

import type { Transport } from '../ssh/transport.js';
import type { Change } from '../tasks/task.js';
import { describeStep, type Step } from '../tasks/step.js';
import { redactStepOutput } from './redactor.js';
import { applyCommand } from './step-commands.js';
import type { Journal } from './journal.js';

export class StepError extends Error {
  readonly step: Step;
  constructor(step: Step, detail: string) {
    super(`${describeStep(step)} failed: ${detail}`);
    this.step = step;
  }
}

/** Long enough for a package install from a slow mirror; everything else is quick. */
const STEP_TIMEOUT_MS: Record<Exclude<Step['kind'], 'wait'>, number> = { install: 600_000, write: 60_000, sysctl: 30_000, service: 120_000 };

export async function applyChange(transport: Transport, journal: Journal, task: string, change: Change, redact: (s: string) => string): Promise<void> {
  for (const step of change.steps) {
    const index = journal.reserve();
    const { command, stdin } = applyCommand(step, journal.runId, index);
    // a service step's undo is harmless even if the step half-happened
    if (step.kind === 'service') journal.record(task, step, index);
    const result = await transport.exec(command, { stdin, timeoutMs: step.kind === 'wait' ? step.timeoutMs : STEP_TIMEOUT_MS[step.kind] });
    if (result.code !== 0) {
      const why = lastLines(result.stderr || result.stdout, 12) || `exit ${result.code}`;
      throw new StepError(step, redact(redactStepOutput(step, why)));
    }
    if (step.kind !== 'service') journal.record(task, step, index);
  }
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join('\n');
}
