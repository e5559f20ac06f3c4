// What a run changed on one host, in order, with the undo of each change
// computed before it ran. Replaced files are kept on the host itself (see
// step-commands.ts), so even a run whose control process dies leaves them.

import type { Step } from '../tasks/step.js';
import { describeStep } from '../tasks/step.js';
import { undoCommand, type UndoCommand } from './step-commands.js';

export interface JournalEntry {
  index: number;
  task: string;
  step: Step;
  undo: UndoCommand | null;
}

export class Journal {
  readonly runId: string;
  readonly entries: JournalEntry[] = [];
  #next = 0;

  constructor(runId: string) { this.runId = runId; }

  /** The index a step's backup file will carry; call before running the step. */
  reserve(): number { return this.#next++; }

  record(task: string, step: Step, index: number): void {
    this.entries.push({ index, task, step, undo: undoCommand(step, this.runId, index) });
  }

  get installedPackages(): string[] {
    return this.entries.flatMap((e) => (e.step.kind === 'install' ? e.step.packages : []));
  }

  get descriptions(): string[] { return this.entries.map((e) => `${e.task}: ${describeStep(e.step)}`); }
}

/**
 * The undo commands in the order they must run: services stopped and disabled
 * first (newest first), then files and values restored (newest first), then
 * units reloaded, services restarted and re-enabled against the restored
 * files (daemon-reload before anything else, each command once).
 */
export function rollbackPlan(journal: Journal): UndoCommand[] {
  const undos = [...journal.entries].reverse().map((e) => e.undo).filter((u): u is UndoCommand => u !== null);
  const before = undos.filter((u) => u.phase === 'before-restore');
  const restore = undos.filter((u) => u.phase === 'restore');
  const after = undos.filter((u) => u.phase === 'after-restore');
  const ordered = [...after.filter((u) => u.command === 'systemctl daemon-reload'), ...after.filter((u) => u.command !== 'systemctl daemon-reload')];
  const seen = new Set<string>();
  const afterOnce = ordered.filter((u) => (seen.has(u.command) ? false : (seen.add(u.command), true)));
  return [...before, ...restore, ...afterOnce];
}
