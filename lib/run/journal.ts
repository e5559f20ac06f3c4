// What a run changes on one host, in the control process: each step is
// entered here BEFORE it runs (so a step whose outcome is unknown, its exit
// status lost with the connection, counts as done), and the host itself keeps
// the same entries on disk (host-journal.ts) for the rollback and for any
// later run. The rollback reads the host's entries, not these.

import type { LockHolder } from '../lock/holder.js';
import type { Step } from '../tasks/step.js';
import { describeStep } from '../tasks/step.js';
import type { StepRecord } from './host-journal.js';
import type { UndoCommand } from './step-commands.js';

export interface JournalEntry {
  index: number;
  task: string;
  step: Step;
}

export class Journal {
  readonly runId: string;
  readonly holder: LockHolder;
  readonly entries: JournalEntry[] = [];
  #next = 0;

  constructor(holder: LockHolder) {
    this.runId = holder.runId;
    this.holder = holder;
  }

  /** The index of the next step; its journal entry and backup carry it. */
  reserve(): number {
    return this.#next++;
  }

  record(task: string, step: Step, index: number): void {
    this.entries.push({ index, task, step });
  }

  get installedPackages(): string[] {
    return this.entries.flatMap((e) => (e.step.kind === 'install' ? e.step.packages : []));
  }

  get descriptions(): string[] {
    return this.entries.map((e) => `${e.task}: ${describeStep(e.step)}`);
  }
}

/**
 * The undo commands in the order they must run: services stopped and disabled
 * first (newest first), then files and values restored (newest first), then
 * units reloaded, services restarted and re-enabled against the restored
 * files (daemon-reload before anything else, each command once).
 */
export function rollbackPlan(steps: readonly StepRecord[]): UndoCommand[] {
  const undos = [...steps]
    .sort((a, b) => b.index - a.index)
    .map((s) => s.undo)
    .filter((u): u is UndoCommand => u !== null);
  const before = undos.filter((u) => u.phase === 'before-restore');
  const restore = undos.filter((u) => u.phase === 'restore');
  const after = undos.filter((u) => u.phase === 'after-restore');
  const ordered = [
    ...after.filter((u) => u.command === 'systemctl daemon-reload'),
    ...after.filter((u) => u.command !== 'systemctl daemon-reload'),
  ];
  const seen = new Set<string>();
  const afterOnce = ordered.filter((u) => {
    if (seen.has(u.command)) return false;
    seen.add(u.command);
    return true;
  });
  return [...before, ...restore, ...afterOnce];
}
