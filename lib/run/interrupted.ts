// Runs that ended without finishing on a host (lvs-play killed, the control
// machine lost, a connection cut before the rollback): found in the host's
// first read (facts/journals.ts), reported by check and verify, and rolled
// back by deploy, rollout and recover before they do anything else.

import { describeHolder } from '../lock/holder.js';
import type { Transport } from '../ssh/transport.js';
import type { JournalRun } from './host-journal.js';
import { type RollbackResult, rollbackRun } from './rollback.js';

export interface InterruptedRunReport {
  runId: string;
  /** the command, process and machine that ran it; null when its record is lost */
  by: string | null;
  /** what it recorded, oldest first: "task: write /etc/...", each possibly done */
  steps: string[];
  /** deploy, rollout and recover: what the rollback undid */
  rolledBack?: RollbackResult;
}

export function interruptedReport(run: JournalRun): InterruptedRunReport {
  return {
    runId: run.runId,
    by: run.holder ? describeHolder(run.holder) : null,
    steps: run.steps.map((s) => `${s.task}: ${s.description}`),
  };
}

/**
 * Rolls back each interrupted run, newest first (the state each undid run
 * found is what the one before it left); returns the reports. Each run's
 * journal is read again, once no step of it still runs on the host, so a step
 * that was in flight when its run died is undone too.
 */
export async function rollBackInterrupted(transport: Transport, runs: JournalRun[]): Promise<InterruptedRunReport[]> {
  const reports: InterruptedRunReport[] = [];
  for (const run of [...runs].sort((a, b) => b.runId.localeCompare(a.runId))) {
    reports.push({ ...interruptedReport(run), rolledBack: await rollbackRun(transport, run.runId) });
  }
  return reports;
}

/** One line for a recap or a log. */
export function describeInterrupted(r: InterruptedRunReport, mode: 'found' | 'recovered'): string {
  const who = `run ${r.runId}${r.by ? ` (${r.by})` : ''}`;
  if (mode === 'found') {
    return `${who} was interrupted and left ${r.steps.length} recorded step(s): ${r.steps.join('; ') || 'none'}`;
  }
  const rb = r.rolledBack!;
  return rb.failed.length
    ? `rolling back interrupted ${who} FAILED: ${rb.failed.join('; ')}${rb.undone.length ? ` (undone: ${rb.undone.join('; ')})` : ''}`
    : `rolled back interrupted ${who}: ${rb.undone.join('; ') || 'nothing to undo'}`;
}
