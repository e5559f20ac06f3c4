// Undoes a host's journaled changes (see journal.ts for the order) and
// removes the run's journal folder from the host when it is no longer needed.

import type { Transport } from '../ssh/transport.js';
import { quote } from '../shell/quote.js';
import { rollbackPlan, type Journal } from './journal.js';
import { journalDir } from './step-commands.js';

export interface RollbackResult { undone: string[]; failed: string[] }

export async function rollback(transport: Transport, journal: Journal): Promise<RollbackResult> {
  const undone: string[] = [];
  const failed: string[] = [];
  for (const undo of rollbackPlan(journal)) {
    // keep going: a failed undo must not stop the others
    const r = await transport.exec(undo.command, { timeoutMs: 120_000 }).catch((e: Error) => ({ code: -1, stderr: e.message, stdout: '' }));
    (r.code === 0 ? undone : failed).push(r.code === 0 ? undo.description : `${undo.description}: ${r.stderr.trim().split('\n').pop() ?? ''}`);
  }
  return { undone, failed };
}

export async function removeJournal(transport: Transport, journal: Journal): Promise<void> {
  if (journal.entries.length === 0) return;
  await transport.exec(`rm -rf ${quote(journalDir(journal.runId))}`, { timeoutMs: 30_000 });
}
