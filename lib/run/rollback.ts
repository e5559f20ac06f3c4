// Undoes a run's changes on a host from the HOST's journal (host-journal.ts),
// newest first in the order rollbackPlan gives: what the host recorded is
// what is undone, whether the run that made it is this process, a process
// that was killed, or a connection that was cut. The folder is removed only
// when every undo succeeded; otherwise it stays for the next command to see.

import type { Transport } from '../ssh/transport.js';
import { type JournalRun, parseJournals, readJournalCommand, removeJournalCommand, STEP_LOCK_WAIT_SECONDS } from './host-journal.js';
import { rollbackPlan } from './journal.js';
import { NOT_APPLIED } from './step-commands.js';

export interface RollbackResult {
  /** what was undone, in the order it ran */
  undone: string[];
  /** what could not be undone, with the host's words; the journal stays on the host */
  failed: string[];
}

const UNDO_TIMEOUT_MS = 120_000;

/** the read waits (on the step lock) for a step of that run still running on the host */
const READ_TIMEOUT_MS = (STEP_LOCK_WAIT_SECONDS + 30) * 1000;

/** Reads the run's journal on the host, once none of its steps runs any more, and undoes it. Never throws. */
export async function rollbackRun(transport: Transport, runId: string): Promise<RollbackResult> {
  const keep = `; the journal of run ${runId} stays on ${transport.host.name}: lvs-play deploy or lvs-play recover undoes it`;
  const r = await transport
    .exec(readJournalCommand(runId), { timeoutMs: READ_TIMEOUT_MS })
    .catch((e: Error) => ({ code: -1, stderr: e.message, stdout: '' }));
  if (r.code !== 0) return { undone: [], failed: [`reading the journal of run ${runId} failed: ${lastLine(r.stderr || r.stdout)}${keep}`] };
  const run = parseJournals(r.stdout)[0];
  if (!run) return { undone: [], failed: [] };
  return undoRun(transport, run);
}

/** Undoes a run already read (a leftover found by the first read of a host). */
export async function undoRun(transport: Transport, run: JournalRun): Promise<RollbackResult> {
  if (run.damaged.length) {
    return {
      undone: [],
      failed: [
        `the journal of run ${run.runId} is damaged (${run.damaged.join('; ')}): nothing undone; it is kept in /var/lib/lvs-play/journal/${run.runId} for you to inspect`,
      ],
    };
  }
  const undone: string[] = [];
  const failed: string[] = [];
  for (const undo of rollbackPlan(run.steps)) {
    // keep going: a failed undo must not stop the others
    const res = await transport
      .exec(undo.command, { timeoutMs: UNDO_TIMEOUT_MS })
      .catch((e: Error) => ({ code: -1, stderr: e.message, stdout: '' }));
    if (res.code !== 0) failed.push(`${undo.description}: ${lastLine(res.stderr || res.stdout) || `exit ${res.code}`}`);
    else
      undone.push(
        res.stdout.includes(NOT_APPLIED) ? `${undo.description}: nothing to undo (the step never replaced it)` : undo.description,
      );
  }
  if (failed.length === 0) {
    const rm = await transport
      .exec(removeJournalCommand(run.runId), { timeoutMs: 30_000 })
      .catch((e: Error) => ({ code: -1, stderr: e.message, stdout: '' }));
    if (rm.code !== 0) failed.push(`removing the journal of run ${run.runId}: ${lastLine(rm.stderr)}`);
  }
  return { undone, failed };
}

/** Removes a run's journal once its changes are final (a run that ended well). */
export async function removeJournal(transport: Transport, runId: string): Promise<void> {
  await transport.exec(removeJournalCommand(runId), { timeoutMs: 30_000 });
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
