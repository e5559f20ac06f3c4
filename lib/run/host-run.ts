// One host's run: read its state in one round trip, diff every task, and in
// deploy mode apply task by task, re-reading a task's facts when an earlier
// task changed the host, and proving each change by diffing again. A failure
// rolls back everything this run changed on the host.

import type { Transport } from '../ssh/transport.js';
import type { Task, TaskContext, TaskDiff } from '../tasks/task.js';
import type { FactValues } from '../facts/fact.js';
import { applyChange } from './apply.js';
import { changeReport } from './change-report.js';
import { gatherFacts } from './gather.js';
import { Journal } from './journal.js';
import type { RunObserver } from './observer.js';
import { hostStatus, type HostReport, type RunMode, type TaskReport } from './report.js';
import { removeJournal, rollback } from './rollback.js';

export interface HostRunOptions {
  ctx: TaskContext;
  tasks: Task[];
  connect: () => Promise<Transport>;
  mode: RunMode;
  runId: string;
  rollback: boolean;
  diff: boolean;
  redact: (s: string) => string;
  observer: RunObserver;
  /** a journal the caller keeps, to roll the host back later (a rollout whose
   * next gate fails); its folder then stays on the host for the caller to remove */
  journal?: Journal;
}

export async function runHost(o: HostRunOptions): Promise<HostReport> {
  const started = Date.now();
  const host = o.ctx.host.name;
  const names = o.tasks.map((t) => t.name);
  o.observer.hostStarted(host, names);
  const reports: TaskReport[] = [];
  const finish = (extra: Partial<HostReport> = {}): HostReport => {
    const report: HostReport = { host, status: hostStatus(reports, extra.error), tasks: reports, durationMs: Date.now() - started, ...extra };
    o.observer.hostEnded(report);
    return report;
  };

  let transport: Transport;
  let facts: FactValues;
  try {
    transport = await o.connect();
    facts = await gatherFacts(transport, o.tasks.flatMap((t) => t.facts(o.ctx)));
  } catch (err) {
    const error = (err as Error).message;
    for (const name of names) reports.push({ task: name, status: 'unreachable', changes: [], notes: [] });
    return finish({ error });
  }

  const report = (task: Task, diff: TaskDiff, status: TaskReport['status'], error?: string): TaskReport => {
    const r: TaskReport = { task: task.name, status, changes: diff.changes.map((c) => changeReport(c, o.diff, o.redact)), notes: diff.notes.map((n) => n.message), ...(error ? { error } : {}) };
    reports.push(r);
    o.observer.taskEnded(host, r);
    return r;
  };

  if (o.mode === 'check') {
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
    return finish();
  }

  const journal = o.journal ?? new Journal(o.runId);
  let dirty = false;
  for (const [i, task] of o.tasks.entries()) {
    o.observer.taskStarted(host, task.name);
    let d: TaskDiff = { changes: [], notes: [] };
    try {
      // an earlier task changed the host: this task's facts may be stale
      if (dirty) facts = await gatherFacts(transport, task.facts(o.ctx));
      d = task.diff(o.ctx, facts);
      if (d.changes.length === 0) { report(task, d, 'ok'); continue; }
      dirty = true;
      for (const change of d.changes) await applyChange(transport, journal, task.name, change, o.redact);
      const again = task.diff(o.ctx, await gatherFacts(transport, task.facts(o.ctx)));
      if (again.changes.length) throw new Error(`did not converge: still ${again.changes.map((c) => c.summary).join('; ')}`);
      report(task, d, 'changed');
    } catch (err) {
      report(task, d, 'failed', o.redact((err as Error).message));
      for (const rest of o.tasks.slice(i + 1)) reports.push({ task: rest.name, status: 'skipped', changes: [], notes: [] });
      const extra: Partial<HostReport> = { error: `${task.name}: ${o.redact((err as Error).message)}`, packagesInstalled: journal.installedPackages };
      if (o.rollback) {
        o.observer.rollbackStarted(host);
        const rb = await rollback(transport, journal);
        extra.rolledBack = rb.undone;
        if (rb.failed.length) extra.rollbackFailed = rb.failed;
        await removeJournal(transport, journal).catch(() => undefined);
      }
      return finish(extra);
    }
  }
  if (!o.journal) await removeJournal(transport, journal).catch(() => undefined);
  return finish({ packagesInstalled: journal.installedPackages });
}
