// One host's run: read its state in one round trip, diff every task, and in
// deploy mode apply task by task, re-reading a task's facts when an earlier
// task changed the host, and proving each change by diffing again. A failure
// rolls back everything this run changed on the host, from the host's own
// journal, over a new connection if the old one was cut.
//
// The same first read finds runs that were interrupted on this host (their
// journals): check reports them; deploy rolls them back before anything else.

import { UserError } from '../errors.js';
import type { Fact, FactValues } from '../facts/fact.js';
import { describeHolder } from '../lock/holder.js';
import type { Transport } from '../ssh/transport.js';
import type { Task, TaskContext, TaskDiff } from '../tasks/task.js';
import { applyChange } from './apply.js';
import { changeReport } from './change-report.js';
import { gatherFacts } from './gather.js';
import { describeInterrupted, interruptedReport, rollBackInterrupted } from './interrupted.js';
import type { Journal } from './journal.js';
import { hostRunsFact, othersInterrupted } from './journals-fact.js';
import type { RunObserver } from './observer.js';
import { type HostReport, hostStatus, type RunMode, type TaskReport } from './report.js';
import { type RollbackResult, removeJournal, rollbackRun } from './rollback.js';
import { stoppedBy } from './stop-on-interrupt.js';

export interface HostRunOptions {
  ctx: TaskContext;
  tasks: Task[];
  /** the host's connection; called again to roll back if the first was lost */
  connect: () => Promise<Transport>;
  mode: RunMode;
  /** deploy: where this run's steps are entered (one per host) */
  journal?: Journal;
  /** deploy: keep the host's journal after success, for the caller to roll back or remove (a rollout) */
  keepJournal?: boolean;
  rollback: boolean;
  diff: boolean;
  redact: (s: string) => string;
  observer: RunObserver;
  /** once aborted (stop-on-interrupt.ts), a deploy's host stops before its next change and rolls back; a check's read
   * that the stop cut reports the host as not checked */
  stop?: AbortSignal;
}

/** A host's first read, in every mode: what runs left on it, then every fact its tasks declare (one round trip). */
export function firstReadFacts(ctx: TaskContext, tasks: readonly Task[]): Fact<unknown>[] {
  return [hostRunsFact, ...tasks.flatMap((t) => t.facts(ctx))];
}

export async function runHost(o: HostRunOptions): Promise<HostReport> {
  const started = Date.now();
  const host = o.ctx.host.name;
  const names = o.tasks.map((t) => t.name);
  o.observer.hostStarted(host, names);
  const reports: TaskReport[] = [];
  const finish = (extra: Partial<HostReport> = {}): HostReport => {
    const report: HostReport = {
      host,
      status: hostStatus(reports, extra.error, o.mode, extra.interrupted),
      tasks: reports,
      durationMs: Date.now() - started,
      ...extra,
    };
    o.observer.hostEnded(report);
    return report;
  };
  const skipAll = (from = 0) => {
    for (const name of names.slice(from)) reports.push({ task: name, status: 'skipped', changes: [], notes: [] });
  };

  let transport: Transport;
  let facts: FactValues;
  try {
    transport = await o.connect();
    facts = await gatherFacts(transport, firstReadFacts(o.ctx, o.tasks));
  } catch (err) {
    // a check stopped by Ctrl-C cuts its connections: this host was not checked, which is no failure of the host
    if (o.stop?.aborted && o.mode === 'check') {
      skipAll();
      return finish({ status: 'skipped', error: `not finished: ${stoppedBy(o.stop)}` });
    }
    // the hint says what to do (e.g. --accept-new-host-keys for an unknown host key)
    const hint = err instanceof UserError && err.hint ? ` (${err.hint})` : '';
    const error = `${(err as Error).message}${hint}`;
    for (const name of names) reports.push({ task: name, status: 'unreachable', changes: [], notes: [] });
    return finish({ error });
  }
  const runs = facts.get(hostRunsFact);
  const leftovers = othersInterrupted(runs, o.journal?.runId ?? null);

  const report = (task: Task, diff: TaskDiff, status: TaskReport['status'], error?: string): TaskReport => {
    const r: TaskReport = {
      task: task.name,
      status,
      changes: diff.changes.map((c) => changeReport(c, o.diff, o.redact)),
      notes: diff.notes.map((n) => n.message),
      ...(error ? { error } : {}),
    };
    reports.push(r);
    o.observer.taskEnded(host, r);
    return r;
  };

  if (o.mode === 'check') {
    const extra: Partial<HostReport> = {};
    if (leftovers.length) extra.interrupted = leftovers.map(interruptedReport);
    if (runs.lockedBy) extra.runInProgress = describeHolder(runs.lockedBy);
    for (const task of o.tasks) {
      o.observer.taskStarted(host, task.name);
      try {
        const d = task.diff(o.ctx, facts);
        report(task, d, d.changes.length ? 'changed' : 'ok');
      } catch (err) {
        // e.g. an OS whose package manager lvs-play does not know: this task cannot be checked
        report(task, { changes: [], notes: [] }, 'failed', o.redact((err as Error).message));
      }
    }
    return finish(extra);
  }

  const journal = o.journal;
  if (!journal) throw new Error('runHost: deploy needs a journal');
  let interrupted: HostReport['interrupted'];
  if (leftovers.length) {
    for (const r of leftovers)
      o.observer.note(
        host,
        o.redact(`rolling back interrupted run ${r.runId} first (after any of its steps still running on the host ends)`),
      );
    interrupted = await rollBackInterrupted(transport, leftovers);
    for (const r of interrupted) o.observer.note(host, o.redact(describeInterrupted(r, 'recovered')));
    const failed = interrupted.filter((r) => r.rolledBack!.failed.length);
    if (failed.length) {
      skipAll();
      return finish({
        interrupted,
        error: `an interrupted run could not be rolled back, so nothing else was done: ${failed.map((r) => describeInterrupted(r, 'recovered')).join('; ')}`,
      });
    }
    try {
      facts = await gatherFacts(
        transport,
        o.tasks.flatMap((t) => t.facts(o.ctx)),
      );
    } catch (err) {
      skipAll();
      return finish({ interrupted, error: (err as Error).message });
    }
  }

  /** A host that failed or was stopped: this run's changes on it undone (with --no-rollback: accepted as they are). */
  const undoThisRun = async (extra: Partial<HostReport>): Promise<HostReport> => {
    if (journal.entries.length === 0) return finish(extra);
    if (o.rollback) {
      o.observer.rollbackStarted(host);
      const rb = await rollBackOwn(o.connect, journal.runId, host);
      extra.rolledBack = rb.undone;
      if (rb.failed.length) extra.rollbackFailed = rb.failed.map(o.redact);
    } else {
      // --no-rollback: the state the failure left is accepted; the next deploy goes on from it
      await o
        .connect()
        .then((t) => removeJournal(t, journal.runId))
        .catch(() => undefined);
    }
    return finish(extra);
  };

  let dirty = false;
  const stopHere = () => {
    if (o.stop?.aborted) throw new Error(stoppedBy(o.stop));
  };
  for (const [i, task] of o.tasks.entries()) {
    o.observer.taskStarted(host, task.name);
    let d: TaskDiff = { changes: [], notes: [] };
    try {
      stopHere();
      // an earlier task changed the host: this task's facts may be stale
      if (dirty) facts = await gatherFacts(transport, task.facts(o.ctx));
      d = task.diff(o.ctx, facts);
      if (d.changes.length === 0) {
        report(task, d, 'ok');
        continue;
      }
      dirty = true;
      for (const change of d.changes) {
        stopHere();
        await applyChange(transport, journal, task.name, change, o.redact);
      }
      const again = task.diff(o.ctx, await gatherFacts(transport, task.facts(o.ctx)));
      if (again.changes.length) throw new Error(`did not converge: still ${again.changes.map((c) => c.summary).join('; ')}`);
      report(task, d, 'changed');
    } catch (err) {
      report(task, d, 'failed', o.redact((err as Error).message));
      skipAll(i + 1);
      return undoThisRun({
        interrupted,
        error: `${task.name}: ${o.redact((err as Error).message)}`,
        packagesInstalled: journal.installedPackages,
      });
    }
  }
  // stopped while its last change ran: a host under way when the run was stopped is put back, whatever its progress
  if (o.stop?.aborted && journal.entries.length)
    return undoThisRun({ interrupted, error: stoppedBy(o.stop), packagesInstalled: journal.installedPackages });
  if (!o.keepJournal && journal.entries.length) await removeJournal(transport, journal.runId).catch(() => undefined);
  return finish({ interrupted, packagesInstalled: journal.installedPackages });
}

/** This run's rollback on the host, reconnecting (and re-taking the host's lock) if the connection was cut. */
async function rollBackOwn(connect: () => Promise<Transport>, runId: string, host: string): Promise<RollbackResult> {
  let transport: Transport;
  try {
    transport = await connect();
  } catch (err) {
    return {
      undone: [],
      failed: [
        `cannot reach ${host} again to undo this run (${(err as Error).message}); the host keeps its journal of run ${runId}: lvs-play deploy or lvs-play recover undoes it`,
      ],
    };
  }
  return rollbackRun(transport, runId).catch((err: Error) => ({
    undone: [],
    failed: [`${err.message}; the host keeps its journal of run ${runId}: lvs-play deploy or lvs-play recover undoes it`],
  }));
}
