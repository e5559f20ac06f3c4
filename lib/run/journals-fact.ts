// What runs have left on a host: the journal folders (lib/run/host-journal.ts)
// and who holds the host's run lock now. Part of every command's one read of
// a host, so an interrupted run is never missed: a folder whose run does not
// hold the lock is interrupted; one whose run does is in progress.

import type { Fact } from '../facts/fact.js';
import { type LockHolder, parseHolder } from '../lock/holder.js';
import { HOST_LOCK, parseHolderLine, readHolderCommand } from '../lock/lock-commands.js';
import { type JournalRun, listJournalsCommand, parseJournals } from './host-journal.js';

export interface HostRuns {
  /** the run holding the host's lock now (its keeper is alive), if any */
  lockedBy: LockHolder | null;
  /** journal folders of runs that do not hold the lock: interrupted */
  interrupted: JournalRun[];
  /** journal folders of the run that holds the lock */
  inProgress: JournalRun[];
}

const SEPARATOR = '--- lock';

export const hostRunsFact: Fact<HostRuns> = {
  id: 'lvs-play:runs',
  command: `${listJournalsCommand()}\necho ${SEPARATOR}\n${readHolderCommand(HOST_LOCK)}`,
  parse({ stdout }) {
    const cut = stdout.lastIndexOf(`${SEPARATOR}\n`);
    const runs = parseJournals(cut < 0 ? stdout : stdout.slice(0, cut));
    const line = parseHolderLine(cut < 0 ? '' : stdout.slice(cut + SEPARATOR.length + 1));
    const lockedBy = line.state === 'held' ? parseHolder(line.line) : null;
    const live = (r: JournalRun) => lockedBy !== null && r.runId === lockedBy.runId;
    return { lockedBy, interrupted: runs.filter((r) => !live(r)), inProgress: runs.filter(live) };
  },
};

/** Leaves out the journal of a run that is this process's own (a rollout reading a host it changed). */
export function othersInterrupted(runs: HostRuns, ownRunId: string | null): JournalRun[] {
  return runs.interrupted.filter((r) => r.runId !== ownRunId);
}
